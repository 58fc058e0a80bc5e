import { accessTable, sameForEveryAccount } from '../http/accessTable.js';
import { userAdminApi } from './userAdminApi.js';
import { userApi } from './userApi.js';

/** Names for user ids: every signed-in user reads them. */
export const userAccess = accessTable(userApi, {
  listUsers: { request: { path: '/api/users' }, expect: sameForEveryAccount(200) },
});

/** People are the admins' alone (issue 14). The created username is new; the user changed and reset is the matrix's own spare one. */
const adminOnly = (status: number) =>
  ({ anonymous: 401, mgr1: 403, mgr4: 403, sup1: 403, sup2: 403, head: 403, safety: 403, leader: 403, admin: status });

export const userAdminAccess = accessTable(userAdminApi, {
  listAdminUsers: { request: { path: '/api/admin/users' }, expect: adminOnly(200) },
  createUser: {
    request: { path: '/api/admin/users', body: { username: 'matrix-new', displayName: '访问矩阵', roles: ['customer_manager'] } },
    expect: adminOnly(201),
  },
  updateUser: { request: { path: '/api/admin/users/{spareUserId}', body: { area: '城区一片', phone: '0871-1234567' } }, expect: adminOnly(200) },
  // A header without data rows: the admin gets that 422 and nothing changes.
  importUsers: {
    request: { path: '/api/admin/users/import', file: { contentType: 'text/csv', text: 'username,name,roles\r\n' } },
    expect: adminOnly(422),
  },
  resetUserPassword: { request: { path: '/api/admin/users/{spareUserId}/reset-password' }, expect: adminOnly(200) },
});
