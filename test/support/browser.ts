import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { WEB_DIST } from '../../api/http/webAssets.js';
import { startStack, type TestStack } from './stack.js';

/** Screenshots the e2e tests leave for people to look at (git-ignored). */
export const ARTIFACTS_DIR = join(import.meta.dirname, '..', '..', 'test-artifacts');

/**
 * Headless Debian chromium (installed by `npm test`'s set-up), never a downloaded browser build.
 * CHROMIUM_PATH overrides where it is.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error('web/dist is missing: run `npm run web:build` (npm test does it)');
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A fresh browser session (own cookies, nobody signed in) in China time, on a desktop's screen unless `viewport` says otherwise. */
export function signedOutContext(browser: Browser, baseUrl: string, viewport = { width: 1400, height: 900 }): Promise<BrowserContext> {
  // No service worker (web/public/sw.js) unless a test asks for one: page.route does not see what passes through it.
  return browser.newContext({ baseURL: baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport, serviceWorkers: 'block' });
}

/** A fresh browser session (own cookies) in China time, logged in through the login page. */
export async function loggedInPage(browser: Browser, baseUrl: string, username: string): Promise<Page> {
  const context = await signedOutContext(browser, baseUrl);
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('dutyflow');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('current-user').waitFor();
  return page;
}

/** A phone's screen in CSS pixels (iPhone 12–15): the width the web app must fit without sideways scrolling. */
export const PHONE_VIEWPORT = { width: 390, height: 844 };

/**
 * A fresh session on a phone (390×844, touch, a mobile viewport) in China time, logged in through the
 * login page. The phone's top bar has no room for the user's name (it is in the menu drawer): the bell
 * says the login is through.
 */
export async function loggedInPhonePage(browser: Browser, baseUrl: string, username: string,
  serviceWorkers: 'allow' | 'block' = 'block'): Promise<Page> {
  const context = await browser.newContext({
    baseURL: baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true, serviceWorkers,
  });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('dutyflow');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('notification-bell').waitFor();
  return page;
}

/** Whether the page is no wider than its window: nothing scrolls sideways (on a phone, the layout fits). */
export const fitsWidth = (page: Page): Promise<boolean> => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** A picture of the whole page for people to look at: `test-artifacts/<name>.png`. */
export const screenshot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });

/** When a test failed, a picture of each page it had open (`<prefix>-failure-<n>.png`); the pages close either way. */
export async function saveFailureScreenshots(failed: boolean, pages: Page[], prefix: string): Promise<void> {
  if (failed) {
    await Promise.all(pages.map((page, i) =>
      page.screenshot({ path: join(ARTIFACTS_DIR, `${prefix}-failure-${i}.png`), fullPage: true }).catch(() => undefined)));
  }
  await Promise.all(pages.map((page) => page.context().close()));
}

/**
 * The set-up of a browser test file: the stack and chromium, started once for the file; pages opened with
 * `as(username)` (or `asPhone`) are screenshot when their test fails (`<prefix>-failure-<n>.png`) and closed after each test.
 */
export function browserSuite(prefix: string): {
  readonly stack: TestStack; as(username: string): Promise<Page>; asPhone(username: string, serviceWorkers?: 'allow' | 'block'): Promise<Page>;
} {
  let stack: TestStack | undefined;
  let browser: Browser | undefined;
  const pages: Page[] = [];
  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  });
  afterEach(async (context) => {
    await saveFailureScreenshots(context.task.result?.state === 'fail', pages.splice(0), prefix);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  const started = () => {
    if (!stack || !browser) throw new Error('the stack and the browser start in beforeAll');
    return { stack, browser };
  };
  return {
    get stack() {
      return started().stack;
    },
    async as(username) {
      const page = await loggedInPage(started().browser, started().stack.baseUrl, username);
      pages.push(page);
      return page;
    },
    /** Like `as`, on a phone's screen (see loggedInPhonePage). */
    async asPhone(username, serviceWorkers) {
      const page = await loggedInPhonePage(started().browser, started().stack.baseUrl, username, serviceWorkers);
      pages.push(page);
      return page;
    },
  };
}
