import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { MARCH_2025, writeReportTracks } from '../support/assignmentReportFixtures.js';
import { browserSuite, fitsWidth, screenshot } from '../support/browser.js';
import { demoUsers } from '../support/demoUsers.js';
import { chinaDay } from '../support/hazardFlows.js';
import { act } from '../support/taskFlows.js';

/*
 * 督办 in the browser: the monthly 通报 on screen (table, chart, overdue items) says what its xlsx
 * export says, read back cell by cell; a leader's 催办 reaches the assignee's bell and the timeline with
 * the leader's words.
 */
const suite = browserSuite('assignment-report');
const { as } = suite;

/** A sheet's data rows (below the header), each cell's value as text ('' for an empty one). */
function sheetRows(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push(Array.from({ length: sheet.columnCount }, (_, i) => String(row.getCell(i + 1).value ?? '')));
  });
  return rows;
}

describe('督办 in the browser', () => {
  it('the 通报 of a month shows the numbers its export holds; a customer manager has no 通报', { timeout: 120_000 }, async () => {
    const { stack } = suite;
    const users = await demoUsers(stack);
    await writeReportTracks(stack, users.ids, MARCH_2025);

    const leader = await as('leader');
    await leader.getByRole('link', { name: '督办' }).click();
    await leader.getByTestId('assignment-view-report').click();
    // The month from the app's own picker (typed into its sections), kept in the URL.
    await leader.locator('.MuiPickersTextField-root').filter({ hasText: '通报月份' }).locator('.MuiPickersSectionList-sectionContent').first().click();
    await leader.keyboard.type('202503');
    await expect.poll(() => leader.getByTestId('report-person').count()).toBe(3);
    expect(new URL(leader.url()).search).toBe('?view=report&month=2025-03');
    const people = await leader.getByTestId('report-person').evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent ?? '')));
    const overdue = await leader.getByTestId('report-overdue-item').evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent ?? '')));
    // Three bars (on time, late, still overdue) per person.
    expect(await leader.getByTestId('monthly-chart').locator('rect').count()).toBe(9);

    const [download] = await Promise.all([leader.waitForEvent('download'), leader.getByTestId('assignment-report-export').click()]);
    expect(download.suggestedFilename()).toBe('督办通报-2025-03.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    // Person by person, column by column, the same figures (the rating to two decimals on screen).
    const exported = sheetRows(workbook.getWorksheet('通报')!);
    expect(people.map((row) => row.map((cell, i) => (i === 6 && cell !== '' ? String(Number(cell)) : cell)))).toEqual(exported);
    expect(people.map((row) => row[0])).toEqual([users.names.mgr3, users.names.mgr1, users.names.mgr2]);
    // The overdue items: title, assignee, leader, days overdue, in the same order.
    const items = sheetRows(workbook.getWorksheet('超期明细')!);
    expect(overdue.map((row) => [row[0], row[1], row[2], row[5]])).toEqual(items.map((row) => [row[0], row[1], row[2], row[5]]));
    expect(overdue.map((row) => row[0])).toEqual(['假烟举报回访', '终端形象提升', '品牌培育方案', '价格监测表']);

    // On a phone the 通报 fits the screen, as cards.
    const phone = await suite.asPhone('leader');
    await phone.goto('/assignments?view=report&month=2025-03');
    await expect.poll(() => phone.getByTestId('report-person').count()).toBe(3);
    expect(await fitsWidth(phone)).toBe(true);
    await screenshot(phone, 'phone-assignment-report');

    const manager = await as('mgr1');
    await manager.getByRole('link', { name: '督办' }).click();
    await manager.getByTestId('assignment-table').waitFor();
    expect(await manager.getByTestId('assignment-view-report').count()).toBe(0);
    expect(await manager.getByTestId('assignment-report-export').count()).toBe(0);
  });

  it('a leader\'s 催办 from the board keeps its words in the assignee\'s bell and on the timeline', { timeout: 120_000 }, async () => {
    const { stack } = suite;
    const users = await demoUsers(stack);
    const token = await users.token('leader');
    const started = await stack.call('POST', '/api/processes/assigned-task/instances', token, {
      requestId: randomUUID(),
      data: { title: '春节前货源摸底', requirement: '摸清辖区零售户春节备货需求', assigneeIds: [users.ids.mgr1], mode: 'separate', deadline: chinaDay(10), priority: 'normal' },
    });
    expect(started.status).toBe(201);
    const instanceId = started.body.id as string;
    await act(stack, await users.token('mgr1'), instanceId, `accept-${users.ids.mgr1}`, { outcome: 'accept' });

    const leader = await as('leader');
    await leader.getByRole('link', { name: '督办' }).click();
    await leader.getByTestId('assignment-row').filter({ hasText: '春节前货源摸底' }).getByRole('button', { name: '催办' }).click();
    await leader.getByLabel('督办意见').fill('请周五前反馈摸底进度');
    await leader.getByRole('button', { name: '提交' }).click();
    await leader.getByText('已提交').waitFor();

    const manager = await as('mgr1');
    await manager.getByTestId('notification-bell').click();
    await expect.poll(() => manager.getByRole('menuitem').filter({ hasText: '催办' }).first().textContent()).toContain('请周五前反馈摸底进度');
    await manager.keyboard.press('Escape');
    await manager.goto(`/instances/${instanceId}`);
    await expect.poll(() => manager.getByTestId('timeline').textContent(), { timeout: 10_000 }).toContain('“请周五前反馈摸底进度”');
  });
});
