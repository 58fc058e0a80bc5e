import { accessTable } from '../http/accessTable.js';
import { calendarApi } from './calendarApi.js';

/** The work calendar is the admins' alone. The day changed is far ahead, so no deadline of the run moves. */
const adminOnly = (status: number) =>
  ({ anonymous: 401, mgr1: 403, mgr4: 403, sup1: 403, sup2: 403, head: 403, safety: 403, leader: 403, admin: status });

export const calendarAccess = accessTable(calendarApi, {
  listCalendarDays: { request: { path: '/api/admin/calendar' }, expect: adminOnly(200) },
  setCalendarDay: { request: { path: '/api/admin/calendar/2099-01-05', body: { kind: 'holiday', name: '访问矩阵' } }, expect: adminOnly(201) },
  deleteCalendarDay: { request: { path: '/api/admin/calendar/2099-01-05' }, expect: adminOnly(204) },
});
