import { accessTable } from '../http/accessTable.js';
import { serviceApi } from './serviceApi.js';

/*
 * 投诉台账 is for supervisors (their team's), the dept head, leaders and admins; 拜访记录 also for customer
 * managers (their own). The safety officer reads neither.
 */
export const serviceAccess = accessTable(serviceApi, {
  listComplaints: {
    request: { path: '/api/complaints' },
    expect: { anonymous: 401, mgr1: 403, mgr4: 403, sup1: 200, sup2: 200, head: 200, safety: 403, leader: 200, admin: 200 },
  },
  listVisits: {
    request: { path: '/api/visits' },
    expect: { anonymous: 401, mgr1: 200, mgr4: 200, sup1: 200, sup2: 200, head: 200, safety: 403, leader: 200, admin: 200 },
  },
  customerTimeline: {
    request: { path: '/api/customers/{mgr1Customer}/timeline' },
    expect: { anonymous: 401, mgr1: 200, mgr4: 404, sup1: 200, sup2: 404, head: 200, safety: 200, leader: 200, admin: 200 },
  },
  serviceReport: {
    request: { path: '/api/service-report' },
    expect: { anonymous: 401, mgr1: 200, mgr4: 200, sup1: 200, sup2: 200, head: 200, safety: 403, leader: 200, admin: 200 },
  },
});
