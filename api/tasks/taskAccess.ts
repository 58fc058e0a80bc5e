import { accessTable, sameForEveryAccount } from '../http/accessTable.js';
import { taskApi } from './taskApi.js';

/*
 * Who may read and work which task. The review task of mgr1's regrade is sup1's by name: mgr1 proposed
 * it and is excluded, the dept head, leaders and admins read it but may not act before it escalates.
 * The hazard assessment is a group task of the safety officers.
 */
export const taskAccess = accessTable(taskApi, {
  listTasks: {
    // `view=all` is the managing roles' inbox; mine and group are everyone's own.
    request: { path: '/api/tasks?view=all' },
    expect: { anonymous: 401, mgr1: 403, mgr4: 403, sup1: 403, sup2: 403, head: 200, safety: 403, leader: 200, admin: 200 },
  },
  countTasks: { request: { path: '/api/tasks/counts' }, expect: sameForEveryAccount(200) },
  // Everyone's own list of what they were copied in on.
  listCopiedToMe: { request: { path: '/api/tasks/cc' }, expect: sameForEveryAccount(200) },
  getTask: {
    request: { path: '/api/tasks/{reviewTask}' },
    // Not there (404) for who may not see its process (another team's); 403 for the proposer, who sees the process.
    expect: { anonymous: 401, mgr1: 403, mgr4: 404, sup1: 200, sup2: 404, head: 200, safety: 404, leader: 200, admin: 200 },
  },
  // The same rights as the task alone.
  getTaskInFull: {
    request: { path: '/api/tasks/{reviewTask}/full' },
    expect: { anonymous: 401, mgr1: 403, mgr4: 404, sup1: 200, sup2: 404, head: 200, safety: 404, leader: 200, admin: 200 },
  },
  claimTask: {
    request: { path: '/api/tasks/{assessTask}/claim' },
    // mgr1 reported the hazard and sup1 oversees mgr1: they see it (403); the other team does not (404).
    expect: { anonymous: 401, mgr1: 403, mgr4: 404, sup1: 403, sup2: 404, head: 403, safety: 200, leader: 403, admin: 403 },
  },
  unclaimTask: {
    // Claimed by safety before each request: only the claimant and admins give it back.
    request: { path: '/api/tasks/{claimedAssessTask}/unclaim' },
    expect: { anonymous: 401, mgr1: 403, mgr4: 404, sup1: 403, sup2: 404, head: 403, safety: 200, leader: 403, admin: 200 },
  },
  taskAction: {
    // 抄送 to the proposer: it changes nobody's right to act, so it may succeed and later rows stand.
    request: {
      path: '/api/tasks/{reviewTask}/actions',
      body: { action: 'cc', userIds: ['{mgr1Id}'], reason: '请知悉审批进度', requestId: '{requestId}' },
    },
    expect: { anonymous: 401, mgr1: 403, mgr4: 404, sup1: 200, sup2: 404, head: 403, safety: 404, leader: 403, admin: 403 },
  },
  completeTask: {
    request: { path: '/api/tasks/{decidableTask}/complete', body: { outcome: 'approve', comment: '同意', requestId: '{requestId}' } },
    expect: { anonymous: 401, mgr1: 403, mgr4: 404, sup1: 200, sup2: 404, head: 403, safety: 404, leader: 403, admin: 403 },
  },
});
