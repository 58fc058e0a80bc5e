import { accessTable, sameForEveryAccount } from '../http/accessTable.js';
import { allocationCycleApi } from './allocationCycleApi.js';
import { allocationDataApi } from './allocationDataApi.js';
import { allocationStrategyApi } from './allocationStrategyApi.js';

/*
 * Whole plans and availability are for supervisors, the dept head, leaders and admins. Lines and the
 * plan export name customers: of mgr1's customer, mgr1, their supervisor sup1 and the managing roles
 * read them; mgr4 and sup2 of the other team do not, nor the safety officer. Imports are the dept
 * head's and admins': their bodies hold no data row, so the role check answers first (403) and those
 * who may import get the 422 of an empty file, and nothing changes.
 */
const importers = (status: number) =>
  ({ anonymous: 401, mgr1: 403, mgr4: 403, sup1: 403, sup2: 403, head: status, safety: 403, leader: 403, admin: status });
const planReaders = { anonymous: 401, mgr1: 403, mgr4: 403, sup1: 200, sup2: 200, head: 200, safety: 403, leader: 200, admin: 200 };
const mgr1CustomerReaders = { anonymous: 401, mgr1: 200, mgr4: 403, sup1: 200, sup2: 403, head: 200, safety: 403, leader: 200, admin: 200 };

/*
 * 投放策略 (issue 18): the dept head and admins change them; supervisors and leaders read them and
 * preview, as they read availability. The matrix's month is published: a re-draft is 409 for writers.
 * Product 1 is the demo list's first, with an availability in that month.
 */
const strategyWriters = (status: number) => importers(status);
const strategyBody = { method: 'tier', profile: { kind: 'linear' }, minTier: 1 };

export const allocationAccess = accessTable({ ...allocationCycleApi, ...allocationDataApi, ...allocationStrategyApi }, {
  listAllocationCycles: { request: { path: '/api/allocation/cycles' }, expect: planReaders },
  getAllocationCycle: { request: { path: '/api/allocation/cycles/{allocationMonth}' }, expect: planReaders },
  allocationLines: { request: { path: '/api/allocation/cycles/{allocationMonth}/lines?customerId={mgr1Customer}' }, expect: mgr1CustomerReaders },
  exportAllocationPlan: {
    request: { path: '/api/allocation/cycles/{allocationMonth}/export?scope=customer&customerId={mgr1Customer}' },
    expect: mgr1CustomerReaders,
  },
  exportAllocationSummary: { request: { path: '/api/allocation/cycles/{allocationMonth}/summary.xlsx' }, expect: planReaders },
  // Who may start a cycle (its start roles) reads the months they may start it for.
  allocationStartMonths: { request: { path: '/api/allocation/start-months' }, expect: importers(200) },
  // The overview's 催办 is the dept head's alone; the matrix's plan is published, so mgr1 has no review waiting: 409.
  chaseAllocationPart: {
    request: { path: '/api/allocation/cycles/{allocationMonth}/parts/{mgr1Id}/chase', body: { requestId: '{requestId}', comment: '请尽快完成调整' } },
    expect: { anonymous: 401, mgr1: 403, mgr4: 403, sup1: 403, sup2: 403, head: 409, safety: 403, leader: 403, admin: 403 },
  },
  listProducts: { request: { path: '/api/products' }, expect: sameForEveryAccount(200) },
  importProducts: {
    request: { path: '/api/products/import', file: { contentType: 'text/csv', text: 'code,name,brand,priceClass,price\r\n' } },
    expect: importers(422),
  },
  getAvailability: { request: { path: '/api/allocation/availability?month={allocationMonth}' }, expect: planReaders },
  importAvailability: {
    request: { path: '/api/allocation/availability/import?month={allocationMonth}', file: { contentType: 'text/csv', text: 'code,cartons\r\n' } },
    expect: importers(422),
  },
  listAllocationStrategies: { request: { path: '/api/allocation/months/{allocationMonth}/strategies' }, expect: planReaders },
  getAllocationStrategy: { request: { path: '/api/allocation/months/{allocationMonth}/strategies/1' }, expect: planReaders },
  putAllocationStrategy: { request: { path: '/api/allocation/months/{allocationMonth}/strategies/1', body: strategyBody }, expect: strategyWriters(200) },
  putAllocationStrategies: {
    request: { path: '/api/allocation/months/{allocationMonth}/strategies', body: { items: [{ productId: 1, strategy: strategyBody }] } },
    expect: strategyWriters(200),
  },
  copyAllocationStrategies: { request: { path: '/api/allocation/months/{allocationMonth}/strategies/copy', body: {} }, expect: strategyWriters(200) },
  redraftAllocationProduct: { request: { path: '/api/allocation/months/{allocationMonth}/strategies/1/redraft' }, expect: strategyWriters(409) },
  importAllocationFixed: {
    request: { path: '/api/allocation/months/{allocationMonth}/strategies/fixed/import', file: { contentType: 'text/csv', text: 'code,quantity\r\n' } },
    expect: importers(422),
  },
  previewAllocation: {
    request: { path: '/api/allocation/preview', body: { month: '{allocationMonth}', productId: 1, strategy: strategyBody } },
    expect: planReaders,
  },
});
