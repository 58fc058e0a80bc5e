import { accessTable } from '../http/accessTable.js';
import { hazardApi } from './hazardApi.js';

/*
 * The ledger and its statistics are the safety officers', leaders', the dept head's and admins'. One
 * hazard is also read by whoever may see its instance: mgr1 reported it, so mgr1 and their supervisor.
 */
export const hazardAccess = accessTable(hazardApi, {
  listHazards: {
    request: { path: '/api/hazards' },
    expect: { anonymous: 401, mgr1: 403, mgr4: 403, sup1: 403, sup2: 403, head: 200, safety: 200, leader: 200, admin: 200 },
  },
  hazardStats: {
    request: { path: '/api/hazards/stats' },
    expect: { anonymous: 401, mgr1: 403, mgr4: 403, sup1: 403, sup2: 403, head: 200, safety: 200, leader: 200, admin: 200 },
  },
  getHazard: {
    request: { path: '/api/hazards/{mgr1Hazard}' },
    expect: { anonymous: 401, mgr1: 200, mgr4: 403, sup1: 200, sup2: 403, head: 200, safety: 200, leader: 200, admin: 200 },
  },
});
