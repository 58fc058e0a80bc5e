import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, browserSuite } from '../support/browser.js';
import { proposeForReview } from '../support/regradeFlows.js';

/** The top bar's bell in headless chromium against the real stack. */
const suite = browserSuite('notifications');

describe('notification bell', () => {
  it('shows the unread count, lists the latest in the user\'s language, and opens the task', { timeout: 120_000 }, async () => {
    const [mgr1, sup1] = await Promise.all([suite.stack.login('mgr1'), suite.stack.login('sup1')]);
    const { review } = await proposeForReview(suite.stack, mgr1, sup1, 10, 11);
    await proposeForReview(suite.stack, mgr1, sup1, 11, 12);

    const page = await suite.as('sup1');
    const bell = page.getByTestId('notification-bell');
    await expect.poll(() => bell.getAttribute('data-unread')).toBe('2');
    expect(await bell.textContent()).toBe('2');
    await bell.click();
    const item = page.getByRole('menuitem').filter({ hasText: '新待办：主管审批' });
    await expect.poll(() => item.count()).toBe(2);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'notifications.png'), animations: 'disabled' });
    await item.filter({ hasText: 'D10 → D11' }).click();
    await page.waitForURL(`**/tasks/${review.id}`);
    await expect.poll(() => bell.getAttribute('data-unread')).toBe('1');

    await bell.click();
    await page.getByRole('button', { name: '全部已读' }).click();
    await expect.poll(() => bell.getAttribute('data-unread')).toBe('0');
    expect((await suite.stack.call('GET', '/api/me/notifications/count', sup1)).body).toEqual({ unread: 0 });
  });
});
