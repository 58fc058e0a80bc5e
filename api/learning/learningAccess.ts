import { accessTable } from '../http/accessTable.js';
import { learningApi } from './learningApi.js';

/** mgr1's learning records: theirs, their supervisor's to read, and the managing roles'. */
export const learningAccess = accessTable(learningApi, {
  listLearningRecords: {
    request: { path: '/api/learning-records?userId={mgr1Id}' },
    expect: { anonymous: 401, mgr1: 200, mgr4: 403, sup1: 200, sup2: 403, head: 200, safety: 403, leader: 200, admin: 200 },
  },
});
