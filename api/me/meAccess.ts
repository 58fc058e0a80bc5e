import { DEMO_PASSWORD } from '../../db/demoSeed.js';
import { accessTable, sameForEveryAccount } from '../http/accessTable.js';
import { authApi } from './authApi.js';
import { meApi } from './meApi.js';

/*
 * Sessions and the caller's own settings: open to every signed-in account, and only ever the caller's
 * own. mgr1 has saved a filter under the name saved here (so theirs is replaced, 200; everyone else's is
 * new, 201), and only mgr1 finds that filter to delete.
 */
export const meAccess = accessTable({ ...authApi, ...meApi }, {
  // Signing in needs no session; a token sent along changes nothing.
  login: { request: { path: '/api/auth/login', body: { username: 'mgr2', password: DEMO_PASSWORD } }, expect: sameForEveryAccount(200, 200) },
  logout: { request: { path: '/api/auth/logout', freshSession: true }, expect: sameForEveryAccount(204) },
  getMe: { request: { path: '/api/me' }, expect: sameForEveryAccount(200) },
  updateMe: { request: { path: '/api/me', body: { locale: 'zh-CN' } }, expect: sameForEveryAccount(200) },
  listSavedFilters: { request: { path: '/api/me/filters' }, expect: sameForEveryAccount(200) },
  // A wrong current password: refused (422) before anything changes, so every account keeps its password.
  changePassword: {
    request: { path: '/api/me/password', body: { currentPassword: 'not-the-password', newPassword: 'a-long-passphrase-2026' } },
    expect: sameForEveryAccount(422),
  },
  saveFilter: {
    request: { path: '/api/me/filters', body: { name: '访问矩阵', query: { view: 'group', overdue: 'true' } } },
    expect: { anonymous: 401, mgr1: 200, mgr4: 201, sup1: 201, sup2: 201, head: 201, safety: 201, leader: 201, admin: 201 },
  },
  deleteSavedFilter: {
    request: { path: '/api/me/filters/{mgr1Filter}' },
    expect: { anonymous: 401, mgr1: 204, mgr4: 404, sup1: 404, sup2: 404, head: 404, safety: 404, leader: 404, admin: 404 },
  },
});
