import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, browserSuite } from '../support/browser.js';
import { proposeForReview } from '../support/regradeFlows.js';
import type { TestStack } from '../support/stack.js';
import { finished } from '../support/taskFlows.js';

/** Nothing wider than the screen. */
const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });

/** Regrade reviews waiting for `supervisor`, one per (manager, tier → tier + 1), with the customer's code and name. */
async function reviews(stack: TestStack, supervisor: string, proposals: [string, number][]) {
  const sup = await stack.login(supervisor);
  return Promise.all(proposals.map(async ([manager, tier]) => {
    const token = await stack.login(manager);
    const flow = await proposeForReview(stack, token, sup, tier, tier + 1);
    const { code, name } = (await stack.call('GET', `/api/customers/${flow.customer.id}`, token)).body as { code: string; name: string };
    return { ...flow, token, code, name, proposedTier: tier + 1 };
  }));
}

/** Each regrade ended approved and its customer is at the proposed tier; one decision recorded on the review. */
async function approvedAndRegraded(stack: TestStack, items: Awaited<ReturnType<typeof reviews>>) {
  for (const item of items) {
    const instance = await finished(stack, item.token, item.started.body.id);
    expect(instance.status).toBe('completed');
    expect(instance.records.filter((r: { taskId: string }) => r.taskId === item.review.id)).toHaveLength(1);
    expect((await stack.call('GET', `/api/customers/${item.customer.id}`, item.token)).body.tier).toBe(item.proposedTier);
  }
}

/*
 * 批量同意: a supervisor selects several regrade reviews in the inbox and approves them with one comment;
 * each is completed as a single approval is, the result shows per review, the approved leave the inbox for
 * 已办, and each customer's tier changes.
 */
describe('batch approval of regrade reviews', () => {
  const suite = browserSuite('batch-approval');

  it('on a phone (390×844): select mode, three cards tapped, 批量同意 with one comment → all three in 已办, tiers changed', { timeout: 180_000 }, async () => {
    const { stack } = suite;
    const items = await reviews(stack, 'sup2', [['mgr4', 3], ['mgr5', 4], ['mgr6', 5]]);

    const page = await suite.asPhone('sup2');
    for (const item of items) await page.getByTestId('task-row').filter({ hasText: item.code }).waitFor({ timeout: 15_000 });
    await page.getByTestId('batch-mode').click();
    for (const item of items) await page.getByTestId('task-row').filter({ hasText: item.code }).click();
    await expect.poll(() => page.getByTestId('batch-count').textContent()).toBe('已选 3 项');
    expect(await fits(page)).toBe(true);
    await shot(page, 'phone-batch-selected');

    await page.getByTestId('batch-approve').click();
    const dialog = page.getByTestId('batch-dialog');
    await dialog.getByLabel('审批意见（选填，每项相同）').fill('三户购进量均持续增长，同意调档');
    await dialog.getByTestId('batch-confirm').click();
    await expect.poll(() => dialog.getByTestId('batch-summary').textContent(), { timeout: 30_000 }).toBe('已同意 3 项，0 项未成功');
    expect(await dialog.getByTestId('batch-result').allTextContents()).toEqual(['已同意', '已同意', '已同意']);
    await shot(page, 'phone-batch-done');
    await dialog.getByTestId('batch-close').click();

    for (const item of items) await page.getByTestId('task-row').filter({ hasText: item.code }).waitFor({ state: 'detached' });
    await page.getByTestId('tab-done').click();
    for (const item of items) {
      const row = page.getByTestId('task-row').filter({ hasText: item.code });
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('同意');
    }
    expect(await fits(page)).toBe(true);
    await approvedAndRegraded(stack, items);
    const record = (await stack.call('GET', `/api/instances/${items[0]!.started.body.id}`, items[0]!.token)).body.records
      .find((r: { taskId: string }) => r.taskId === items[0]!.review.id);
    expect(record.data).toMatchObject({ outcome: 'approve', comment: '三户购进量均持续增长，同意调档' });
  });

  it('on a desktop (1440×900): checkboxes, a double click, one review withdrawn meanwhile → three approved, its error on its row', { timeout: 180_000 }, async () => {
    const { stack } = suite;
    const items = await reviews(stack, 'sup1', [['mgr1', 6], ['mgr2', 7], ['mgr3', 8]]);
    const [withdrawn] = await reviews(stack, 'sup1', [['mgr1', 9]]);

    const page = await suite.as('sup1');
    await page.setViewportSize({ width: 1440, height: 900 });
    for (const item of [...items, withdrawn!]) {
      await page.getByRole('checkbox', { name: `选择 ${item.name}（${item.code}）` }).check({ timeout: 15_000 });
    }
    await expect.poll(() => page.getByTestId('batch-count').textContent()).toBe('已选 4 项');
    // The proposer takes one back while the supervisor is choosing.
    const back = await stack.call('POST', `/api/instances/${withdrawn!.started.body.id}/withdraw`, withdrawn!.token, { requestId: randomUUID(), reason: '数据有误' });
    expect(back.status).toBe(200);

    await page.getByTestId('batch-approve').click();
    const dialog = page.getByTestId('batch-dialog');
    await dialog.getByTestId('batch-confirm').dblclick();
    await expect.poll(() => dialog.getByTestId('batch-summary').textContent(), { timeout: 30_000 }).toBe('已同意 3 项，1 项未成功');
    const failed = dialog.getByTestId('batch-item').filter({ hasText: withdrawn!.code });
    expect(await failed.textContent()).toContain('该任务已办结或已取消');
    for (const item of items) expect(await dialog.getByTestId('batch-item').filter({ hasText: item.code }).textContent()).toContain('已同意');
    expect(await fits(page)).toBe(true);
    await shot(page, 'desktop-batch-result');
    await dialog.getByTestId('batch-close').click();

    for (const item of [...items, withdrawn!]) await page.getByTestId('task-row').filter({ hasText: item.code }).waitFor({ state: 'detached' });
    await page.getByTestId('tab-done').click();
    for (const item of items) {
      await expect.poll(() => page.getByTestId('task-row').filter({ hasText: item.code }).textContent(), { timeout: 10_000 }).toContain('同意');
    }
    expect(await page.getByTestId('task-row').filter({ hasText: withdrawn!.code }).count()).toBe(0);
    await approvedAndRegraded(stack, items);
  });

  it('转交 on a phone: the toast, then 已办 shows it transferred, and the outcome once the other supervisor decides', { timeout: 120_000 }, async () => {
    const { stack } = suite;
    const [item] = await reviews(stack, 'sup1', [['mgr2', 10]]);
    const sup2 = await stack.login('sup2');
    const sup2Name = (await stack.call('GET', '/api/me', sup2)).body.displayName as string;

    const page = await suite.asPhone('sup1');
    await page.goto(`/tasks/${item!.review.id}`);
    await page.getByTestId('task-bottom-bar').getByRole('button', { name: '更多' }).click();
    await page.getByRole('menuitem', { name: '转交' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox').first().click();
    await page.getByRole('option').filter({ hasText: sup2Name }).click();
    await dialog.getByLabel('理由').fill('按片区分工转交');
    await dialog.getByRole('button', { name: '提交' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => page.getByTestId('flow-toast').textContent()).toContain(`已转交给${sup2Name}`);

    await page.getByTestId('tab-done').click();
    const row = page.getByTestId('task-row').filter({ hasText: item!.code });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain(`已转交 → ${sup2Name} · 处理中`);
    expect(await fits(page)).toBe(true);

    expect((await stack.call('POST', `/api/tasks/${item!.review.id}/complete`, sup2, { outcome: 'approve', requestId: randomUUID() })).status).toBe(200);
    await page.reload();
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain(`已转交 → ${sup2Name} · 同意`);
    await shot(page, 'phone-done-transferred');
    // The task is the other supervisor's now: the row opens its process.
    await row.getByRole('link', { name: '主管审批' }).click();
    await page.waitForURL(`**/instances/${item!.started.body.id}`);
  });
});
