import { accessTable } from '../http/accessTable.js';
import { settingsApi } from './settingsApi.js';

/** A whole settings body: the defaults, with the matrix stack's short allocation dues (so nothing it starts later changes). */
const SETTINGS = {
  regrade: { decisionDue: '3wd', remindAfter: '2wd', headApprovalAbove: 2 },
  hazard: { assessDue: '2wd', noticeDue: '2wd', signOffDue: '3wd', verifyDue: '10d', remindBeforeHours: 24, signOffMode: 'any' },
  assignment: { acceptDue: '1wd', clarifyDue: '1wd', reviewDue: '3wd', remindBeforeHours: 24 },
  allocation: {
    adjustBound: 0.2, cap: null, bigCustomerThreshold: 1000, surgePercent: 200, reviewDue: '1d', approveDue: '1d', publishDue: '1d',
  },
  attachments: {
    maxBytes: 10 * 1024 * 1024,
    types: [
      'image/jpeg', 'image/png', 'image/webp', 'application/pdf',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
  },
  visitPlan: {
    bands: [{ fromTier: 25, toTier: 30, every: 'week' }, { fromTier: 15, toTier: 24, every: 'twoWeeks' }, { fromTier: 1, toTier: 14, every: 'month' }],
    byBusinessType: [], dueAfter: null, remindBefore: '1d', lateGrace: '7d',
  },
};

/** Business settings: admins keep them, the dept head reads them. */
export const settingsAccess = accessTable(settingsApi, {
  getSettings: {
    request: { path: '/api/admin/settings' },
    expect: { anonymous: 401, mgr1: 403, mgr4: 403, sup1: 403, sup2: 403, head: 200, safety: 403, leader: 403, admin: 200 },
  },
  putSettings: {
    request: { path: '/api/admin/settings', body: SETTINGS },
    expect: { anonymous: 401, mgr1: 403, mgr4: 403, sup1: 403, sup2: 403, head: 403, safety: 403, leader: 403, admin: 200 },
  },
});
