import { accessTable, sameForEveryAccount } from '../http/accessTable.js';
import { userApi } from './userApi.js';

/** Names for user ids: every signed-in user reads them. */
export const userAccess = accessTable(userApi, {
  listUsers: { request: { path: '/api/users' }, expect: sameForEveryAccount(200) },
});
