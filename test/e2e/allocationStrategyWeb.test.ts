import { describe, expect, it } from 'vitest';
import { nextAllocationMonth } from '../../domain/chinaTime.js';
import { browserSuite } from '../support/browser.js';
import { demoUsers } from '../support/demoUsers.js';

/**
 * 投放策略 in the browser (issue 18), on a phone: the dept head opens a product's strategy, the
 * preview follows the form as it is edited (a cap lowers every tier's quantity to it), and saving
 * stores what the preview showed.
 */
const suite = browserSuite('allocation-strategy');
const month = nextAllocationMonth(new Date()).slice(0, 7);

describe('投放策略 in the browser', () => {
  it('the dept head edits a product\'s strategy on a phone and the preview follows', { timeout: 180_000 }, async () => {
    const { stack } = suite;
    const users = await demoUsers(stack);
    const { head } = await users.tokens(['head']);
    const items = (await stack.call('GET', `/api/allocation/months/${month}/strategies`, head)).body.items as { productId: number; code: string; availability: number }[];
    // The product with the most cartons: its quantities are above 1 in the top tiers, so a cap of 1 shows.
    const product = [...items].sort((a, b) => b.availability - a.availability)[0]!;

    const page = await suite.asPhone('head');
    // From 货源投放 (the one top-bar link), its 投放策略 tab.
    await page.goto('/allocation');
    await page.getByTestId('tab-strategies').click();
    await page.waitForURL(/\/allocation\/strategies/);
    if (!page.url().includes(month)) await page.goto(`/allocation/strategies?month=${month}`);
    await page.getByTestId('strategy-row').filter({ hasText: product.code }).first().click();
    await page.getByTestId('strategy-preview').waitFor({ timeout: 30_000 });
    const before = await page.getByTestId('preview-total').textContent();
    const top = async () => Number(await page.getByTestId('q-all-30').textContent());
    expect(await top()).toBeGreaterThan(1);

    // A cap of 1: once typing stops, the preview redraws with no tier above 1.
    await page.getByTestId('strategy-cap').fill('1');
    await expect.poll(top, { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId('preview-total').textContent()).not.toBe(before);
    const quantities = await page.locator('[data-testid^="q-all-"]').allTextContents();
    expect(quantities.every((q) => Number(q) <= 1)).toBe(true);
    // The page fits the phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // Saved: the API reads the strategy back, and the preview for it gives the same total as the page showed.
    await page.getByTestId('strategy-save').click();
    await page.getByTestId('strategy-saved').waitFor();
    const stored = (await stack.call('GET', `/api/allocation/months/${month}/strategies/${product.productId}`, head)).body;
    expect(stored).toMatchObject({ source: 'saved', strategy: { cap: 1 } });
    const preview = (await stack.call('POST', '/api/allocation/preview', head, { month, productId: product.productId, strategy: stored.strategy })).body;
    expect(await page.getByTestId('preview-total').textContent()).toContain(`投放 ${preview.total} / ${product.availability} 条`);
    await expect.poll(() => page.getByTestId('strategy-row').filter({ hasText: product.code }).first().textContent()).toContain('本月设置');
  });
});
