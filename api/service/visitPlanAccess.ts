import { accessTable } from '../http/accessTable.js';
import { visitPlanApi } from './visitPlanApi.js';

/* The day view of planned visits: as the visit ledger — managers their own, supervisors their team's, the managing roles all. */
export const visitPlanAccess = accessTable(visitPlanApi, {
  visitDay: {
    request: { path: '/api/visit-plan/today' },
    expect: { anonymous: 401, mgr1: 200, mgr4: 200, sup1: 200, sup2: 200, head: 200, safety: 403, leader: 200, admin: 200 },
  },
});
