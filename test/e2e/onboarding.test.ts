import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { join } from 'node:path';
import { ARTIFACTS_DIR, launchBrowser, PHONE_VIEWPORT, saveFailureScreenshots } from '../support/browser.js';
import { startStack, type TestStack } from '../support/stack.js';

/*
 * Issue 14, done when: a department moves in through the web app alone. Outside demo mode, on a database
 * with nobody in it, the 初始化 page makes the first admin; the admin imports the people and the customers
 * in the console; the imported manager signs in with the one-time password, chooses their own, and starts a
 * regrade of an imported customer, which the imported supervisor approves.
 */
let stack: TestStack;
let browser: Browser;
const pages: Page[] = [];

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack({ DUTYFLOW_DEMO: 'false' }), launchBrowser()]);
  // The stack's database is cloned from the demo template: empty it of people (and all that hangs on them).
  await stack.orm.em.fork().execute('truncate users cascade');
});
afterEach(async (context) => {
  await saveFailureScreenshots(context.task.result?.state === 'fail', pages.splice(0), 'onboarding');
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function newPage(): Promise<Page> {
  const context: BrowserContext = await browser.newContext({
    baseURL: stack.baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1400, height: 900 },
  });
  const page = await context.newPage();
  pages.push(page);
  return page;
}

async function signIn(page: Page, username: string, password: string) {
  await page.goto('/');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel(/^密码/).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Signs in with a one-time password and replaces it, as the app asks first. */
async function firstSignIn(page: Page, username: string, oneTime: string, password: string) {
  await signIn(page, username, oneTime);
  await page.getByTestId('change-password-form').waitFor();
  await page.getByLabel('当前密码').fill(oneTime);
  await page.getByLabel(/^新密码/).fill(password);
  await page.getByLabel('再次输入新密码').fill(password);
  await page.getByRole('button', { name: '保存新密码' }).click();
  await page.getByTestId('current-user').waitFor();
}

const PEOPLE = '用户名,姓名,角色,上级用户名,片区,手机\r\n'
  + 'ob.sup,孙主管,主管,,城东片区,13800000001\r\n'
  + 'ob.mgr,周经理,客户经理,ob.sup,城东片区,13800000002\r\n';
const CUSTOMERS = '客户编码,客户名称,地址,档位,市场类型,业态,客户经理\r\n'
  + 'OB0001,东风便利店,东风路 1 号,D5,城网,convenience,ob.mgr\r\n'
  + 'OB0002,西山烟酒行,西山路 8 号,D9,农网,tobacco_liquor,ob.mgr\r\n';

describe('going live in the web app', () => {
  it('from the 初始化 page to an imported manager\'s regrade approved by their imported supervisor', { timeout: 240_000 }, async () => {
    // First start: no admin yet, so the app offers the set-up instead of the login.
    const admin = await newPage();
    await admin.goto('/');
    await admin.getByTestId('setup-form').waitFor();
    await admin.getByLabel('用户名').fill('chief');
    await admin.getByLabel('姓名').fill('陈主任');
    await admin.getByLabel(/^密码/).fill('chief-password-2026');
    await admin.getByLabel('再次输入新密码').fill('chief-password-2026');
    await admin.getByRole('button', { name: '创建管理员并登录' }).click();
    await expect.poll(() => admin.getByTestId('current-user').textContent()).toContain('陈主任');
    expect((await stack.call('GET', '/api/setup')).body).toEqual({ needsAdmin: false });

    // People: imported, with a one-time password each.
    await admin.getByRole('link', { name: '系统管理' }).click();
    await admin.getByTestId('admin-tab-users').waitFor();
    await admin.getByTestId('users-import-file').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(PEOPLE) });
    const imported = admin.getByTestId('users-imported');
    await imported.getByTestId('one-time-password').first().waitFor();
    const oneTime = await imported.getByTestId('one-time-password-value').allTextContents();
    expect(oneTime).toHaveLength(2);
    await imported.getByRole('button', { name: '关闭' }).click();
    await admin.getByTestId('org-tree-toggle').click();
    await expect.poll(() => admin.getByTestId('org-node').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('孙主管（主管）'), expect.stringContaining('周经理（客户经理）')]));

    // Customers: a preview first, stored only when confirmed.
    await admin.getByTestId('admin-tab-customers').click();
    await admin.getByTestId('customers-import-file').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(CUSTOMERS) });
    await expect.poll(() => admin.getByTestId('import-counts').textContent()).toContain('新建 2');
    expect(await admin.getByTestId('preview-row').count()).toBe(2);
    expect((await stack.orm.em.fork().execute(`select count(*)::int as n from customers where code like 'OB%'`))[0]!.n).toBe(0);
    await admin.getByTestId('import-confirm').click();
    await expect.poll(() => admin.getByTestId('admin-notice').textContent()).toContain('已导入 2 行');
    await expect.poll(() => admin.getByTestId('admin-customer-row').count()).toBe(2);

    // The manager's first sign-in: their own password, then a regrade of their imported customer.
    const manager = await newPage();
    await firstSignIn(manager, 'ob.mgr', oneTime[1]!, 'zhou-jingli-2026');
    await manager.getByRole('link', { name: '客户', exact: true }).click();
    await manager.getByTestId('customer-row').filter({ hasText: 'OB0001' }).getByRole('link').click();
    await expect.poll(() => manager.getByTestId('customer-tier').textContent()).toBe('D5');
    await manager.getByRole('link', { name: '发起分档调整' }).click();
    await manager.getByLabel('建议档位').fill('6');
    await manager.getByLabel('变更理由').fill('近三个月购进量持续增长，经营面积扩大');
    for (const row of [1, 2, 3]) await manager.getByLabel(`购进量（条） ${row}`).fill(String(300 + row * 20));
    await manager.getByLabel('走访核实情况').fill('实地走访核实，门店扩大经营，货架陈列饱满');
    await manager.getByRole('button', { name: '提交' }).click();
    await manager.waitForURL(/\/instances\//);
    await expect.poll(() => manager.getByTestId('open-tasks').textContent(), { timeout: 15_000 }).toContain('主管审批');

    // The supervisor's first sign-in, and the approval from their inbox.
    const supervisor = await newPage();
    await firstSignIn(supervisor, 'ob.sup', oneTime[0]!, 'sun-zhuguan-2026');
    const row = supervisor.getByTestId('task-row').filter({ hasText: '东风便利店' });
    await row.getByRole('link', { name: '主管审批' }).click();
    await supervisor.getByLabel('审批意见').fill('同意调整');
    await supervisor.getByRole('button', { name: '同意', exact: true }).click();
    // The approval is in (the page moves on and says so) before the manager opens the customer: a page drawn
    // earlier would rightly still show D5.
    await supervisor.getByText(/^已同意：/).waitFor({ timeout: 20_000 });

    await manager.goto('/customers');
    await manager.getByTestId('customer-row').filter({ hasText: 'OB0001' }).getByRole('link').click();
    await expect.poll(() => manager.getByTestId('customer-tier').textContent(), { timeout: 20_000 }).toBe('D6');
  });

  it('the console fits a phone: people and customers as cards, no sideways scrolling', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({
      baseURL: stack.baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true,
    });
    const phone = await context.newPage();
    pages.push(phone);
    await signIn(phone, 'chief', 'chief-password-2026');
    await phone.getByTestId('notification-bell').waitFor();
    for (const tab of ['users', 'customers'] as const) {
      await phone.goto(`/admin/${tab}`);
      await phone.getByTestId(tab === 'users' ? 'user-row' : 'admin-customer-row').first().waitFor();
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
      await phone.screenshot({ path: join(ARTIFACTS_DIR, `admin-${tab}-phone.png`), fullPage: true });
    }
  });
});
