import { accessTable } from '../http/accessTable.js';
import { commentApi } from './commentApi.js';

/*
 * Who reads and writes the 评论 of mgr1's regrade: whoever sees the instance (mgr1, their supervisor sup1,
 * and the managing roles); everyone else gets 404, as GET /api/instances/{id} gives them.
 */
const VISIBLE = { anonymous: 401, mgr1: 200, mgr4: 404, sup1: 200, sup2: 404, head: 200, safety: 404, leader: 200, admin: 200 };

export const commentAccess = accessTable(commentApi, {
  listComments: { request: { path: '/api/instances/{reviewInstance}/comments' }, expect: VISIBLE },
  addComment: {
    request: { path: '/api/instances/{reviewInstance}/comments', body: { requestId: '{requestId}', text: '客户门店已扩建，建议尽快审核' } },
    expect: { ...VISIBLE, mgr1: 201, sup1: 201, head: 201, leader: 201, admin: 201 },
  },
});
