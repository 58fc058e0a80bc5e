import { describe, expect, it } from 'vitest';
import { chinaDate, nextAllocationMonth } from '../../domain/chinaTime.js';
import { browserSuite, fitsWidth, screenshot } from '../support/browser.js';
import { demoUsers } from '../support/demoUsers.js';
import { eventually } from '../support/stack.js';
import { openTask } from '../support/taskFlows.js';

/*
 * The dept head on a phone (390×844) runs the month from 货源投放: the empty page's 发起本月投放 starts
 * the month picked from a list, and once the plan is drafted the overview chases a manager who has not
 * reviewed their part, whose bell and the cycle's timeline keep the dept head's words.
 */
const suite = browserSuite('allocation-start');
const thisMonth = chinaDate(new Date()).slice(0, 7);
const month = nextAllocationMonth(new Date()).slice(0, 7);

describe('starting the month and chasing a manager from the allocation overview, on a phone', () => {
  it('发起本月投放 starts the month chosen; 催办 reaches the pending manager once, with the words', { timeout: 180_000 }, async () => {
    const { stack } = suite;
    const users = await demoUsers(stack);
    const head = await suite.asPhone('head');
    await head.goto('/allocation');
    await head.getByTestId('allocation-empty').waitFor();
    await head.getByTestId('start-cycle').click();
    // The list offers the months with availability and no cycle, this month chosen first; the dept head picks next month.
    const picker = head.getByRole('combobox', { name: '投放月份' });
    await expect.poll(() => picker.textContent()).toContain(thisMonth);
    await picker.click();
    expect(await head.getByRole('option').allTextContents()).toEqual([expect.stringContaining(thisMonth), expect.stringContaining(month)]);
    await head.getByRole('option', { name: new RegExp(`^${month}`) }).click();
    expect(await fitsWidth(head)).toBe(true);
    await screenshot(head, 'phone-allocation-start');
    await head.getByTestId('start-cycle-confirm').click();
    await head.getByTestId('cycle-started').filter({ hasText: month }).waitFor();

    // The cycle is the month's, started by the dept head; its drafted plan shows on the page.
    const token = await users.token('head');
    const cycle = await eventually(async () => {
      const { status, body } = await stack.call('GET', `/api/allocation/cycles/${month}`, token);
      return status === 200 ? body as { instanceId: string; parts: unknown[] } : undefined;
    });
    const instance = (await stack.call('GET', `/api/instances/${cycle.instanceId}`, token)).body;
    expect(instance).toMatchObject({ processKey: 'allocation-cycle', startedBy: users.ids.head });
    await expect.poll(() => head.getByTestId('cycle-row').first().textContent(), { timeout: 30_000 }).toContain(month);
    await expect.poll(() => head.getByTestId('plan-part').count(), { timeout: 30_000 }).toBe(cycle.parts.length);

    // mgr1 has not reviewed: the dept head chases them, with words.
    await openTask(stack, await users.token('mgr1'), cycle.instanceId, `review-${users.ids.mgr1}`);
    const part = head.getByTestId('plan-part').filter({ hasText: users.names.mgr1! });
    await part.getByTestId('part-chase').click();
    await head.getByTestId('chase-comment').fill('今天下班前请完成月供量调整');
    expect(await fitsWidth(head)).toBe(true);
    await head.getByRole('button', { name: '发送催办' }).click();
    await head.getByTestId('part-chased').filter({ hasText: `已催办${users.names.mgr1}` }).waitFor();
    await expect.poll(() => part.textContent()).toContain('上次催办');
    expect(await fitsWidth(head)).toBe(true);
    await screenshot(head, 'phone-allocation-chased');
    // Again right away: refused, saying when.
    await part.getByTestId('part-chase').click();
    await head.getByRole('button', { name: '发送催办' }).click();
    await expect.poll(() => head.getByTestId('chase-error').textContent()).toContain('每小时只能催办一次');
    await head.getByRole('button', { name: '取消' }).click();

    // mgr1's bell has the one 催办, with the words; the cycle's timeline keeps them too.
    const manager = await suite.asPhone('mgr1');
    await manager.getByTestId('notification-bell').click();
    const chased = manager.getByRole('menuitem').filter({ hasText: '催办' });
    await expect.poll(() => chased.count()).toBe(1);
    expect(await chased.textContent()).toContain('今天下班前请完成月供量调整');
    await head.goto(`/instances/${cycle.instanceId}`);
    await expect.poll(() => head.getByTestId('timeline').textContent(), { timeout: 10_000 }).toContain('“今天下班前请完成月供量调整”');
    expect(await head.getByTestId('timeline').textContent()).toContain('催办：客户月供量调整');
  });
});
