import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDuration, isWeekendDate, workCalendar, type CalendarDay } from '../../domain/calendar.js';
import { chinaDate } from '../../domain/chinaTime.js';
import { AuditEventSchema } from '../../db/entities/index.js';
import { demoUsers } from '../support/demoUsers.js';
import { proposeForReview } from '../support/regradeFlows.js';
import { startStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let admin: string;
let leader: string;
let sup1: string;
let mgr1: string;

beforeAll(async () => {
  // The worker reads the calendar for every deadline, so an edit applies at once (60 s by default).
  stack = await startStack({ DUTYFLOW_CALENDAR_CACHE_MS: '0' });
  ({ admin, leader, sup1, mgr1 } = await (await demoUsers(stack)).tokens(['admin', 'leader', 'sup1', 'mgr1']));
});
afterAll(() => stack?.close());

const put = (date: string, body: unknown, token = admin, headers: Record<string, string> = {}) =>
  stack.call('PUT', `/api/admin/calendar/${date}`, token, body, headers);
const days = async (query = '') => (await stack.call('GET', `/api/admin/calendar${query}`, admin)).body.items as
  (CalendarDay & { name: string })[];
const auditOf = (type: string, date: string) =>
  stack.orm.em.fork().find(AuditEventSchema, { type, data: { date } }, { orderBy: { id: 'asc' } });

describe('the work calendar API', () => {
  it('is for admins only', async () => {
    expect((await stack.call('GET', '/api/admin/calendar?year=2026')).status).toBe(401);
    for (const token of [leader, sup1]) {
      expect((await stack.call('GET', '/api/admin/calendar?year=2026', token)).status).toBe(403);
      expect((await put('2026-12-31', { kind: 'holiday', name: '年终' }, token)).status).toBe(403);
      expect((await stack.call('DELETE', '/api/admin/calendar/2026-10-01', token)).status).toBe(403);
    }
    expect((await days('?year=2026')).find((d) => d.date === '2026-10-01')).toBeDefined();
  });

  it('holds the State Council\'s 2026 schedule from the migration', async () => {
    const items = await days('?year=2026');
    const of = (kind: string) => items.filter((d) => d.kind === kind).map((d) => `${d.date.slice(5)} ${d.name}`);
    expect(of('holiday')).toEqual([
      '01-01 元旦', '01-02 元旦',
      '02-16 春节', '02-17 春节', '02-18 春节', '02-19 春节', '02-20 春节', '02-23 春节',
      '04-06 清明节', '05-01 劳动节', '05-04 劳动节', '05-05 劳动节', '06-19 端午节', '09-25 中秋节',
      '10-01 国庆节', '10-02 国庆节', '10-05 国庆节', '10-06 国庆节', '10-07 国庆节',
    ]);
    expect(of('workday')).toEqual(['01-04 元旦', '02-14 春节', '02-28 春节', '05-09 劳动节', '09-20 国庆节', '10-10 国庆节']);
    expect(items[0]).toEqual({ date: '2026-01-01', kind: 'holiday', name: '元旦', updatedBy: null, updatedAt: expect.any(String) });
    expect(await days('?year=2025')).toEqual([]);
  });

  it('refuses bad input with field paths, in the caller\'s language', async () => {
    const errors = async (response: Promise<{ status: number; body: any }>) => {
      const { status, body } = await response;
      expect(status).toBe(422);
      return body.errors as { path: string; message: string }[];
    };
    expect((await errors(put('2026-02-30', { kind: 'holiday', name: '假日' }))).map((e) => e.path)).toEqual(['/date']);
    expect((await errors(put('2026-12-31', { kind: 'vacation', name: 'x'.repeat(41) }))).map((e) => e.path))
      .toEqual(['/kind', '/name']);
    expect((await errors(put('2026-12-31', { kind: 'holiday' }))).map((e) => e.path)).toEqual(['/name']);
    // 2026-12-05 is a Saturday, 2026-12-07 a Monday: the one is off anyway, the other worked anyway.
    const weekendHoliday = await errors(put('2026-12-05', { kind: 'holiday', name: '假日' }));
    expect(weekendHoliday).toEqual([{ path: '/kind', message: expect.stringContaining('周末') }]);
    const weekdayWorkday = await errors(put('2026-12-07', { kind: 'workday', name: '调休' }, admin, { 'accept-language': 'en' }));
    expect(weekdayWorkday).toEqual([{ path: '/kind', message: expect.stringContaining('weekday') }]);
    expect((await errors(stack.call('GET', '/api/admin/calendar?year=26', admin))).map((e) => e.path)).toEqual(['/year']);
    expect((await errors(stack.call('DELETE', '/api/admin/calendar/tomorrow', admin))).map((e) => e.path)).toEqual(['/date']);
    expect((await days('?year=2026')).map((d) => d.date)).not.toContain('2026-12-05');
  });

  it('sets a day idempotently, audits each change once, and deletes it', async () => {
    const me = (await stack.call('GET', '/api/me', admin)).body;
    const first = await put('2026-12-31', { kind: 'holiday', name: ' 年终盘点 ' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ date: '2026-12-31', kind: 'holiday', name: '年终盘点', updatedBy: me.id });
    const again = await put('2026-12-31', { kind: 'holiday', name: '年终盘点' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect((await days('?year=2026')).filter((d) => d.date === '2026-12-31')).toHaveLength(1);
    expect(await auditOf('calendar.daySet', '2026-12-31')).toHaveLength(1);

    expect((await put('2026-12-31', { kind: 'holiday', name: '年终结账' })).body.name).toBe('年终结账');
    const changes = await auditOf('calendar.daySet', '2026-12-31');
    expect(changes.map((e) => [e.actorId, e.data.name, e.data.before])).toEqual([
      [me.id, '年终盘点', null], [me.id, '年终结账', { kind: 'holiday', name: '年终盘点' }],
    ]);

    expect((await stack.call('DELETE', '/api/admin/calendar/2026-12-31', admin)).status).toBe(204);
    expect((await days('?year=2026')).map((d) => d.date)).not.toContain('2026-12-31');
    expect((await stack.call('DELETE', '/api/admin/calendar/2026-12-31', admin)).status).toBe(204);
    expect(await auditOf('calendar.dayRemoved', '2026-12-31')).toHaveLength(1);
  });
});

describe('working-day deadlines', () => {
  it('a day an admin marks as a holiday moves the deadline of a task opened afterwards by one working day', async () => {
    const before = workCalendar(await days());
    const earlier = await proposeForReview(stack, mgr1, sup1, 5, 6);
    expect(earlier.review.dueAt).toBe(addDuration(new Date(earlier.review.createdAt), { workingDays: 3 }, before).toISOString());

    // The next weekday that is worked: it lies inside any 3-working-day deadline from now.
    let day = chinaDate(Date.now());
    do day = chinaDate(new Date(`${day}T12:00:00+08:00`).getTime() + 24 * 3600_000);
    while (isWeekendDate(day) || !before.isWorkingDay(day));
    expect((await put(day, { kind: 'holiday', name: '临时放假' })).status).toBe(201);

    const later = await proposeForReview(stack, mgr1, sup1, 8, 9);
    const opened = new Date(later.review.createdAt);
    expect(later.review.dueAt).toBe(addDuration(opened, { workingDays: 4 }, before).toISOString());
    const after = workCalendar([...(await days()), { date: day, kind: 'holiday' }]);
    expect(later.review.dueAt).toBe(addDuration(opened, { workingDays: 3 }, after).toISOString());
  });
});
