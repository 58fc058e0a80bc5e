import { accessTable } from '../http/accessTable.js';
import { auditApi } from './auditApi.js';

/** The audit log is the admins' alone. */
export const auditAccess = accessTable(auditApi, {
  listAuditEvents: {
    request: { path: '/api/admin/audit?type=user.' },
    expect: { anonymous: 401, mgr1: 403, mgr4: 403, sup1: 403, sup2: 403, head: 403, safety: 403, leader: 403, admin: 200 },
  },
});
