import { accessTable, sameForEveryAccount } from '../http/accessTable.js';
import { configApi } from './configApi.js';
import { formApi } from './formApi.js';
import { healthApi } from './healthApi.js';

/** Forms and the client configuration are every signed-in user's; the probes answer without a session, the admins' health view admins alone. */
export const platformAccess = accessTable({ ...configApi, ...formApi, ...healthApi }, {
  getClientConfig: { request: { path: '/api/config' }, expect: sameForEveryAccount(200) },
  listForms: { request: { path: '/api/forms' }, expect: sameForEveryAccount(200) },
  getForm: { request: { path: '/api/forms/regrade-proposal' }, expect: sameForEveryAccount(200) },
  healthz: { request: { path: '/healthz' }, expect: sameForEveryAccount(200, 200) },
  readyz: { request: { path: '/readyz' }, expect: sameForEveryAccount(200, 200) },
  adminHealth: {
    request: { path: '/api/admin/health' },
    expect: { anonymous: 401, mgr1: 403, mgr4: 403, sup1: 403, sup2: 403, head: 403, safety: 403, leader: 403, admin: 200 },
  },
});
