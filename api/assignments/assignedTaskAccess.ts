import { accessTable } from '../http/accessTable.js';
import { assignedTaskApi } from './assignedTaskApi.js';

/*
 * The 督办 the leader assigned to mgr1 (accepted): progress and extensions are the assignee's, a chase
 * the assigning leader's; nobody else acts on the track, not even mgr1's supervisor.
 */
const track = '/api/assigned-tasks/{assignment}/tracks/{mgr1Id}';

export const assignedTaskAccess = accessTable(assignedTaskApi, {
  assignmentBoard: {
    // `view=all` is the managing roles'; assigned and mine are everyone's own.
    request: { path: '/api/assigned-tasks?view=all' },
    expect: { anonymous: 401, mgr1: 403, mgr4: 403, sup1: 403, sup2: 403, head: 200, safety: 403, leader: 200, admin: 200 },
  },
  assignmentReport: {
    request: { path: '/api/assigned-tasks/report' },
    expect: { anonymous: 401, mgr1: 403, mgr4: 403, sup1: 403, sup2: 403, head: 200, safety: 403, leader: 200, admin: 200 },
  },
  trackProgress: {
    request: { path: `${track}/progress`, body: { requestId: '{requestId}', data: { percent: 40, content: '已走访 24 户，资料更新 20 户' } } },
    expect: { anonymous: 401, mgr1: 200, mgr4: 403, sup1: 403, sup2: 403, head: 403, safety: 403, leader: 403, admin: 403 },
  },
  trackChase: {
    request: { path: `${track}/chase`, body: { requestId: '{requestId}', data: { comment: '请本周内反馈进度' } } },
    expect: { anonymous: 401, mgr1: 403, mgr4: 403, sup1: 403, sup2: 403, head: 403, safety: 403, leader: 204, admin: 403 },
  },
  trackExtension: {
    request: { path: `${track}/extension`, body: { requestId: '{requestId}', data: { newDeadline: '2099-12-31', reason: '部分零售户年底歇业，需延后走访' } } },
    expect: { anonymous: 401, mgr1: 200, mgr4: 403, sup1: 403, sup2: 403, head: 403, safety: 403, leader: 403, admin: 403 },
  },
});
