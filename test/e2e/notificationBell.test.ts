import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchBrowser, loggedInPage, saveFailureScreenshots } from '../support/browser.js';
import { proposeForReview } from '../support/regradeFlows.js';
import { startStack, type TestStack } from '../support/stack.js';

/** The top bar's bell in headless chromium against the real stack. */
let stack: TestStack;
let browser: Browser;
const pages: Page[] = [];

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

afterEach(async (context) => {
  await saveFailureScreenshots(context.task.result?.state === 'fail', pages.splice(0), 'notifications');
});

describe('notification bell', () => {
  it('shows the unread count, lists the latest in the user\'s language, and opens the task', { timeout: 120_000 }, async () => {
    const [mgr1, sup1] = await Promise.all([stack.login('mgr1'), stack.login('sup1')]);
    const { review } = await proposeForReview(stack, mgr1, sup1, 10, 11);
    await proposeForReview(stack, mgr1, sup1, 11, 12);

    const page = await loggedInPage(browser, stack.baseUrl, 'sup1');
    pages.push(page);
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
    expect((await stack.call('GET', '/api/me/notifications/count', sup1)).body).toEqual({ unread: 0 });
  });
});
