import { accessTable, sameForEveryAccount } from '../http/accessTable.js';
import { customerApi } from './customerApi.js';

/*
 * A customer is read by its manager, their supervisor and the managing roles; to anyone else it does
 * not exist (404). The list answers everyone, holding only what each may read.
 */
export const customerAccess = accessTable(customerApi, {
  listCustomers: { request: { path: '/api/customers?managerId={mgr1Id}' }, expect: sameForEveryAccount(200) },
  getCustomer: {
    request: { path: '/api/customers/{mgr1Customer}' },
    // Another team's customer does not exist for a manager or supervisor; safety officers inspect every shop.
    expect: { anonymous: 401, mgr1: 200, mgr4: 404, sup1: 200, sup2: 404, head: 200, safety: 200, leader: 200, admin: 200 },
  },
});
