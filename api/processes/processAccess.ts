import { accessTable, sameForEveryAccount } from '../http/accessTable.js';
import { processApi } from './processApi.js';

/*
 * Who may start a regrade (a customer manager, for their own customer), see mgr1's regrade (mgr1, their
 * supervisor sup1, and the managing roles; nobody of the other team, nor the safety officer), and
 * withdraw or chase it (its starter alone).
 */
export const processAccess = accessTable(processApi, {
  listProcesses: { request: { path: '/api/processes' }, expect: sameForEveryAccount(200) },
  startInstance: {
    request: {
      path: '/api/processes/regrade/instances',
      body: {
        requestId: '{requestId}',
        data: {
          customerId: '{mgr1FreeCustomer}', proposedTier: 12, reason: '近三个月销量持续增长，经营面积扩大，申请调整档位',
          recentVolumes: [{ month: '2026-08', cartons: 120 }, { month: '2026-09', cartons: 135 }, { month: '2026-10', cartons: 150 }],
          visitDate: '2026-11-20', visitFacts: '实地走访核实：店面已扩建，客流明显增加',
        },
      },
    },
    expect: { anonymous: 401, mgr1: 201, mgr4: 403, sup1: 403, sup2: 403, head: 403, safety: 403, leader: 403, admin: 403 },
  },
  listInstances: { request: { path: '/api/instances' }, expect: sameForEveryAccount(200) },
  getInstance: {
    request: { path: '/api/instances/{reviewInstance}' },
    expect: { anonymous: 401, mgr1: 200, mgr4: 404, sup1: 200, sup2: 404, head: 200, safety: 404, leader: 200, admin: 200 },
  },
  chaseInstance: {
    // mgr1's regrade waits for sup1's review: its starter chases sup1 (once: a row's later requests would be within the hour).
    request: { path: '/api/instances/{reviewInstance}/chase', body: { requestId: '{requestId}', comment: '客户等着调档，请尽快审核' } },
    expect: { anonymous: 401, mgr1: 200, mgr4: 404, sup1: 403, sup2: 404, head: 403, safety: 404, leader: 403, admin: 403 },
  },
  withdrawInstance: {
    request: { path: '/api/instances/{withdrawableInstance}/withdraw', body: { requestId: '{requestId}', reason: '客户情况有变' } },
    // Who may not see the instance gets 404 (as GET /api/instances/{id}); who may see it but did not start it, 403.
    expect: { anonymous: 401, mgr1: 200, mgr4: 404, sup1: 403, sup2: 404, head: 403, safety: 404, leader: 403, admin: 403 },
  },
});
