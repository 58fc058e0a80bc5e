import { accessTable, sameForEveryAccount } from '../http/accessTable.js';
import { setupApi } from './setupApi.js';

/** Open to everyone, session or not; the demo data has its admin, so setting one up again is 409 for all. */
export const setupAccess = accessTable(setupApi, {
  getSetup: { request: { path: '/api/setup' }, expect: sameForEveryAccount(200, 200) },
  setupAdmin: {
    request: { path: '/api/setup/admin', body: { username: 'root', name: '系统管理员', password: 'a-long-passphrase-2026' } },
    expect: sameForEveryAccount(409, 409),
  },
});
