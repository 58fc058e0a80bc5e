import { accessTable, sameForEveryAccount, type AccessTable } from '../http/accessTable.js';
import { customerAdminApi } from './customerAdminApi.js';
import { customerApi } from './customerApi.js';

/*
 * A customer is read by its manager, their supervisor and the managing roles; to anyone else it does
 * not exist (404). The list answers everyone, holding only what each may read.
 */
const customerReadAccess = accessTable(customerApi, {
  listCustomers: { request: { path: '/api/customers?managerId={mgr1Id}' }, expect: sameForEveryAccount(200) },
  getCustomer: {
    request: { path: '/api/customers/{mgr1Customer}' },
    // Another team's customer does not exist for a manager or supervisor; safety officers inspect every shop.
    expect: { anonymous: 401, mgr1: 200, mgr4: 404, sup1: 200, sup2: 404, head: 200, safety: 200, leader: 200, admin: 200 },
  },
});

/*
 * Customer master data is kept by admins; the dept head may read it as a file. The import row sends a
 * header without data rows: the admin gets that 422 and nothing changes. The edit and the reassignment
 * give mgr1's free customer an address and mgr1 again: nothing another row reads.
 */
const adminsOnly = (status: number) =>
  ({ anonymous: 401, mgr1: 403, mgr4: 403, sup1: 403, sup2: 403, head: 403, safety: 403, leader: 403, admin: status });
const customerAdminAccess = accessTable(customerAdminApi, {
  importCustomers: {
    request: {
      path: '/api/admin/customers/import',
      file: { contentType: 'text/csv', text: 'code,name,address,tier,marketType,businessType,manager\r\n' },
    },
    expect: adminsOnly(422),
  },
  exportCustomers: { request: { path: '/api/admin/customers/export' }, expect: { ...adminsOnly(200), head: 200 } },
  updateCustomer: {
    request: { path: '/api/admin/customers/{mgr1FreeCustomer}', body: { address: '矩阵测试路 1 号' } },
    expect: adminsOnly(200),
  },
  reassignCustomers: {
    request: { path: '/api/admin/customers/reassign', body: { customerIds: ['{mgr1FreeCustomer}'], toManagerId: '{mgr1Id}' } },
    expect: adminsOnly(200),
  },
});

export const customerAccess: AccessTable = new Map([...customerReadAccess, ...customerAdminAccess]);
