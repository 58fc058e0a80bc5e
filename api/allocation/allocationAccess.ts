import { accessTable, sameForEveryAccount } from '../http/accessTable.js';
import { allocationCycleApi } from './allocationCycleApi.js';
import { allocationDataApi } from './allocationDataApi.js';

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

export const allocationAccess = accessTable({ ...allocationCycleApi, ...allocationDataApi }, {
  listAllocationCycles: { request: { path: '/api/allocation/cycles' }, expect: planReaders },
  getAllocationCycle: { request: { path: '/api/allocation/cycles/{allocationMonth}' }, expect: planReaders },
  allocationLines: { request: { path: '/api/allocation/cycles/{allocationMonth}/lines?customerId={mgr1Customer}' }, expect: mgr1CustomerReaders },
  exportAllocationPlan: {
    request: { path: '/api/allocation/cycles/{allocationMonth}/export?scope=customer&customerId={mgr1Customer}' },
    expect: mgr1CustomerReaders,
  },
  exportAllocationSummary: { request: { path: '/api/allocation/cycles/{allocationMonth}/summary.xlsx' }, expect: planReaders },
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
});
