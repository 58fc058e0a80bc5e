import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chinaDate } from '../../domain/chinaTime.js';
import { weekStart } from '../../domain/visitPlanRules.js';
import { ARTIFACTS_DIR, browserSuite } from '../support/browser.js';
import { eventually } from '../support/stack.js';
import { customersAt, plannedRows, planWeek, serveOnly } from '../support/visitPlanFlows.js';

/** 今日拜访 on a phone (390×844): this week's planned visits in route order, and one recorded from its card. */
const suite = browserSuite('visit-plan');

describe('planned visits on a phone', () => {
  it('a manager walks the day\'s visits in route order and records the first', { timeout: 120_000 }, async () => {
    const { stack } = suite;
    const mgr1Id = (await stack.call('GET', '/api/me', await stack.login('mgr1'))).body.id as number;
    // Three weekly customers (D30, D30, D29), walked D29 first: the route order of the customer master.
    const [a, b] = await customersAt(stack, mgr1Id, 30);
    const [first] = await customersAt(stack, mgr1Id, 29);
    await serveOnly(stack, [a!.id, b!.id, first!.id]);
    await stack.orm.em.fork().execute('update customers set route_order = case id when ? then 1 when ? then 2 when ? then 3 end',
      [first!.id, b!.id, a!.id]);
    await planWeek(stack, weekStart(chinaDate(new Date())));

    const manager = await suite.asPhone('mgr1');
    await manager.goto('/visits');
    const cards = manager.getByTestId('visit-day-item');
    await expect.poll(() => cards.count(), { timeout: 20_000 }).toBe(3);
    expect(await cards.allInnerTexts()).toEqual([
      expect.stringContaining(first!.name), expect.stringContaining(b!.name), expect.stringContaining(a!.name),
    ]);
    expect(await manager.getByTestId('visit-day-week').textContent()).toBe('本周计划 3 户，已完成 0 户');
    expect(await manager.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await manager.screenshot({ path: join(ARTIFACTS_DIR, 'phone-visit-day.png'), fullPage: true });

    await cards.first().getByRole('link', { name: '填写拜访记录' }).click();
    await manager.getByLabel('走访查看情况').waitFor();
    const arrived = manager.locator('.MuiPickersTextField-root').filter({ hasText: '到店时间' });
    await arrived.locator('.MuiPickersSectionList-sectionContent').first().click();
    await manager.keyboard.type('202612071030');
    await manager.getByLabel('走访查看情况').fill('查看柜台陈列与价签，了解新品动销');
    await manager.getByLabel('分析与结论').fill('陈列规范，客户对货源无异议');
    await manager.getByTestId('task-bottom-bar').getByRole('button', { name: '提交' }).click();
    await manager.getByText('已提交').first().waitFor();
    await eventually(async () => ((await plannedRows(stack)).find((r) => r.customer_id === first!.id)?.status === 'done' ? true : undefined));

    await manager.goto('/visits');
    await expect.poll(() => cards.count(), { timeout: 20_000 }).toBe(2);
    await expect.poll(() => manager.getByTestId('visit-day-week').textContent()).toBe('本周计划 3 户，已完成 1 户');
    await expect.poll(() => manager.getByTestId('visit-row').first().textContent()).toContain(first!.name);
  });
});
