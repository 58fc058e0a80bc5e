import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARCH_2025, writeReportTracks } from '../support/assignmentReportFixtures.js';
import { demoUsers, type DemoUsers } from '../support/demoUsers.js';
import { chinaDay } from '../support/hazardFlows.js';
import { startStack, type TestStack } from '../support/stack.js';

/*
 * The monthly 通报 over a hand-built March 2025: tracks written straight into the board's table, as
 * the workflow's activities would have left them.
 */
let stack: TestStack;
let users: DemoUsers;
let leader: string;
let ids: Record<string, number>;
let names: Record<string, string>;

/** Days from `date` to today's China date (how overdue an open track is today). */
const daysSince = (date: string) => Math.round((Date.parse(chinaDay()) - Date.parse(date)) / 86_400_000);

beforeAll(async () => {
  stack = await startStack();
  users = await demoUsers(stack);
  leader = await users.token('leader');
  ({ ids, names } = users);
  await writeReportTracks(stack, ids, MARCH_2025);
});
afterAll(() => stack?.close());

describe('督办通报 (the monthly report)', () => {
  it('counts each person\'s tracks of the month against the original deadline, and lists the overdue ones', async () => {
    const { status, body } = await stack.call('GET', '/api/assigned-tasks/report?month=2025-03', leader);
    expect(status).toBe(200);
    const open = daysSince('2025-03-31');
    const neverAccepted = daysSince('2025-03-12');
    expect(body.month).toBe('2025-03');
    expect(body.asOf).toBe(chinaDay());
    expect(body.people).toEqual([
      {
        assignee: { id: ids.mgr3, name: names.mgr3 }, assigned: 2, closedOnTime: 0, closedLate: 0, openOverdue: 1,
        overdueDays: neverAccepted, averageRating: null,
      },
      {
        assignee: { id: ids.mgr1, name: names.mgr1 }, assigned: 3, closedOnTime: 1, closedLate: 1, openOverdue: 1,
        overdueDays: 5 + open, averageRating: 4,
      },
      { assignee: { id: ids.mgr2, name: names.mgr2 }, assigned: 2, closedOnTime: 1, closedLate: 1, openOverdue: 0, overdueDays: 1, averageRating: 3 },
    ]);
    expect(body.overdue.map((o: { title: string; daysOverdue: number; status: string }) => [o.title, o.daysOverdue, o.status])).toEqual([
      ['假烟举报回访', neverAccepted, 'accepting'],
      ['终端形象提升', open, 'working'],
      ['品牌培育方案', 5, 'closed'],
      ['价格监测表', 1, 'closed'],
    ]);
    expect(body.overdue[2]).toMatchObject({
      assignee: { id: ids.mgr1, name: names.mgr1 }, leader: { id: ids.leader, name: names.leader },
      originalDeadline: '2025-03-20', deadline: '2025-03-31',
    });

    const empty = await stack.call('GET', '/api/assigned-tasks/report?month=2024-12', leader);
    expect(empty.body).toMatchObject({ month: '2024-12', people: [], overdue: [] });
  });

  it('exports the 通报 as xlsx: a sheet per person and one of the overdue items, in the reader\'s language', async () => {
    const response = await fetch(`${stack.baseUrl}/api/assigned-tasks/report?month=2025-03&format=xlsx`, { headers: { authorization: `Bearer ${leader}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('督办通报-2025-03.xlsx')}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['通报', '超期明细']);

    const people = workbook.getWorksheet('通报')!;
    expect(people.getRow(1).values).toEqual([undefined, '承办人', '交办事项', '按期办结', '超期办结', '超期未办结', '超期天数合计', '平均评分']);
    expect(people.getRow(1).font?.bold).toBe(true);
    expect(people.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(people.getColumn(1).width).toBeGreaterThan(10);
    expect(people.getRow(3).values).toEqual([undefined, names.mgr1, 3, 1, 1, 1, 5 + daysSince('2025-03-31'), 4]);
    expect(people.getRow(4).values).toEqual([undefined, names.mgr2, 2, 1, 1, 0, 1, 3]);
    expect(people.rowCount).toBe(4);

    const overdue = workbook.getWorksheet('超期明细')!;
    expect(overdue.getRow(1).values).toEqual([undefined, '事项', '承办人', '交办领导', '原定期限', '现期限', '超期天数', '状态']);
    expect(overdue.getRow(1).font?.bold).toBe(true);
    expect(overdue.rowCount).toBe(5);
    const extended = overdue.getRow(4);
    expect(extended.getCell(1).value).toBe('品牌培育方案');
    expect(extended.getCell(4).value).toEqual(new Date('2025-03-20T00:00:00Z'));
    expect(extended.getCell(4).numFmt).toBe('yyyy-mm-dd');
    expect(extended.getCell(5).value).toEqual(new Date('2025-03-31T00:00:00Z'));
    expect([extended.getCell(6).value, extended.getCell(7).value]).toEqual([5, '已销号']);

    const english = await fetch(`${stack.baseUrl}/api/assigned-tasks/report?month=2025-03&format=xlsx`, {
      headers: { authorization: `Bearer ${leader}`, 'accept-language': 'en' },
    });
    expect(english.headers.get('content-disposition')).toContain('assignment-report-2025-03.xlsx');
    const inEnglish = new ExcelJS.Workbook();
    await inEnglish.xlsx.load(await english.arrayBuffer());
    expect(inEnglish.worksheets.map((s) => s.name)).toEqual(['Report', 'Overdue items']);
    expect(inEnglish.getWorksheet('Overdue items')!.getRow(2).getCell(7).value).toBe('To accept');
  });

  it('is for leaders, the dept head and admins; a bad month or format is 422', async () => {
    const { head, admin, sup1, mgr1 } = await users.tokens(['head', 'admin', 'sup1', 'mgr1']);
    expect((await stack.call('GET', '/api/assigned-tasks/report?month=2025-03', head)).status).toBe(200);
    expect((await stack.call('GET', '/api/assigned-tasks/report?month=2025-03', admin)).status).toBe(200);
    expect((await stack.call('GET', '/api/assigned-tasks/report?month=2025-03', sup1)).status).toBe(403);
    expect((await stack.call('GET', '/api/assigned-tasks/report?month=2025-03&format=xlsx', mgr1)).status).toBe(403);
    expect((await stack.call('GET', '/api/assigned-tasks/report?month=2025-03')).status).toBe(401);
    for (const month of ['2025-13', '2025-3', 'March', '2025-00']) {
      const bad = await stack.call('GET', `/api/assigned-tasks/report?month=${month}`, leader);
      expect(bad.status).toBe(422);
      expect(bad.body.errors).toEqual([{ path: '/month', message: '应为有效月份（YYYY-MM）' }]);
    }
    const badFormat = await stack.call('GET', '/api/assigned-tasks/report?month=2025-03&format=csv', leader);
    expect(badFormat.status).toBe(422);
    expect(badFormat.body.errors[0].path).toBe('/format');
    // Without a month: this month in China.
    expect((await stack.call('GET', '/api/assigned-tasks/report', leader)).body.month).toBe(chinaDay().slice(0, 7));
  });
});
