import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, browserSuite, PHONE_VIEWPORT, signedOutContext } from '../support/browser.js';
import { customerOf, proposeForReview } from '../support/regradeFlows.js';

/**
 * The web app in headless chromium against the real stack: a regrade done by clicking alone, from the
 * manager's customer page through the supervisor's and the dept head's inboxes to the new tier.
 */
const suite = browserSuite('regrade');
const { as } = suite;

/** Fills the regrade proposal form of the start page (three months are prefilled). */
async function fillProposal(page: Page, proposedTier: number): Promise<void> {
  await page.getByLabel('建议档位').fill(String(proposedTier));
  await page.getByLabel('变更理由').fill('近三个月购进量持续增长，经营规模扩大');
  for (const row of [1, 2, 3]) await page.getByLabel(`购进量（条） ${row}`).fill(String(300 + row * 20));
  await page.getByLabel('走访核实情况').fill('实地走访，门店扩大经营面积，货架陈列饱满');
}

describe('web app', () => {
  it('a regrade from the customer page to the new tier, by clicking alone', { timeout: 180_000 }, async () => {
    const customer = await customerOf(suite.stack, await suite.stack.login('mgr1'), 5);

    const manager = await as('mgr1');
    await expect.poll(() => manager.getByTestId('tab-mine').textContent()).toContain('我的待办');
    await manager.getByRole('link', { name: '客户', exact: true }).click();
    const { code, name } = (await suite.stack.call('GET', `/api/customers/${customer.id}`, await suite.stack.login('mgr1'))).body as { code: string; name: string };
    await manager.getByLabel('搜索客户名称或编号').fill(code);
    await manager.getByTestId('customer-row').filter({ hasText: code }).getByRole('link').click();
    await expect.poll(() => manager.getByTestId('customer-tier').textContent()).toBe('D5');
    await manager.getByRole('link', { name: '发起分档调整' }).click();
    await expect.poll(() => manager.getByTestId('start-customer').textContent()).toContain(`${code}），当前档位 D5`);
    await fillProposal(manager, 8);
    await manager.getByRole('button', { name: '提交' }).click();
    // The instance page: running, waiting for the supervisor.
    await manager.waitForURL(/\/instances\//);
    await expect.poll(() => manager.getByTestId('instance-status').textContent()).toBe('进行中');
    await expect.poll(() => manager.getByTestId('open-tasks').textContent(), { timeout: 15_000 }).toContain('主管审批');

    const supervisor = await as('sup1');
    const row = supervisor.getByTestId('task-row').filter({ hasText: code });
    await row.waitFor();
    await supervisor.screenshot({ path: join(ARTIFACTS_DIR, 'inbox.png'), fullPage: true });
    await row.getByRole('link', { name: '主管审批' }).click();
    await supervisor.getByRole('button', { name: '同意', exact: true }).waitFor();
    // The decision shows what it decides on: the manager's proposal, open.
    await expect.poll(() => supervisor.getByTestId('record').first().textContent()).toContain('发起流程');
    // Read as text, in the form's words: the customer by name and code, the tier as D8.
    const proposal = supervisor.getByTestId('record').first();
    expect(await proposal.getByLabel('变更理由').textContent()).toContain('购进量持续增长');
    expect(await proposal.getByLabel('建议档位').textContent()).toBe('D8');
    await expect.poll(() => proposal.getByLabel('客户', { exact: true }).textContent()).toBe(`${name}（${code}）`);
    expect(await proposal.locator('input, textarea').count()).toBe(0);
    await supervisor.screenshot({ path: join(ARTIFACTS_DIR, 'task-form.png'), fullPage: true });
    // A rejection needs a reason: the field says so in Chinese, and nothing is submitted.
    await supervisor.getByRole('button', { name: '不同意' }).click();
    await expect.poll(() => supervisor.getByText('为必填项').count()).toBeGreaterThan(0);
    const instanceId = new URL(manager.url()).pathname.split('/').pop();
    const afterInvalid = (await suite.stack.call('GET', `/api/instances/${instanceId}`, await suite.stack.login('sup1'))).body;
    expect(afterInvalid.tasks.find((t: { stepKey: string }) => t.stepKey === 'review').status).toBe('open');
    expect(afterInvalid.records).toHaveLength(1);
    await supervisor.getByLabel('审批意见').fill('同意调整');
    await supervisor.getByRole('button', { name: '同意', exact: true }).click();
    await supervisor.getByTestId('flow-toast').filter({ hasText: '已同意：客户分档调整' }).waitFor();

    // Three tiers up: the dept head's review is offered to the role, in the group inbox.
    const head = await as('head');
    await head.getByTestId('tab-group').click();
    const headRow = head.getByTestId('task-row').filter({ hasText: code });
    await expect.poll(() => headRow.count(), { timeout: 15_000 }).toBe(1);
    await headRow.getByRole('link').click();
    await head.getByRole('button', { name: '认领' }).click();
    await head.getByRole('button', { name: '释放' }).waitFor();
    await head.getByRole('button', { name: '同意', exact: true }).click();
    await head.getByTestId('flow-toast').filter({ hasText: '已同意：客户分档调整' }).waitFor();

    await manager.goto(`/customers/${customer.id}`);
    await expect.poll(() => manager.getByTestId('customer-tier').textContent(), { timeout: 15_000 }).toBe('D8');
    expect(await manager.getByTestId('tier-history').textContent()).toContain('D5');
    expect(await manager.getByTestId('instance-status').first().textContent()).toBe('已完成');
  });

  it('a proposal the server refuses shows the zh-CN message on its field and starts nothing', { timeout: 120_000 }, async () => {
    const token = await suite.stack.login('mgr2');
    const customer = await customerOf(suite.stack, token, 12);
    const manager = await as('mgr2');
    await manager.goto(`/start/regrade?customerId=${customer.id}`);
    await fillProposal(manager, 12); // the tier it already has
    await manager.getByRole('button', { name: '提交' }).click();
    await manager.getByText('请修正标红的字段').waitFor();
    const field = manager.locator('.MuiFormControl-root', { has: manager.getByLabel('建议档位') });
    await expect.poll(() => field.textContent()).toContain('建议档位与当前档位相同');
    expect(manager.url()).toContain('/start/regrade');
    const instances = await suite.stack.call('GET', `/api/instances?customerId=${customer.id}`, token);
    expect(instances.body.total).toBe(0);
  });

  it('saves an inbox filter on the server and applies it again, typed and tapped quickly on a slow phone', { timeout: 90_000 }, async () => {
    const page = await as('sup1');
    // A phone's CPU: the page is drawn a while after the URL changes, and a tap in that while (or the search's
    // pause ending in it) must not undo what came before it.
    await (await page.context().newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: 6 });
    await page.getByTestId('inbox-search').fill('便利店');
    await page.getByLabel('仅看超期').click();
    await expect.poll(() => page.getByLabel('仅看超期').isChecked()).toBe(true);
    await page.waitForURL(/q=.*overdue=true|overdue=true.*q=/);
    await page.getByRole('button', { name: '保存筛选' }).click();
    await page.getByLabel('筛选名称').fill('超期便利店');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('button', { name: '清除筛选' }).click();
    await expect.poll(() => page.getByTestId('inbox-search').inputValue()).toBe('');
    await page.getByRole('button', { name: /已存筛选/ }).click();
    await page.getByRole('menuitem', { name: /超期便利店/ }).click();
    await expect.poll(() => page.getByTestId('inbox-search').inputValue()).toBe('便利店');
    await expect.poll(() => page.getByLabel('仅看超期').isChecked()).toBe(true);
    const saved = await suite.stack.call('GET', '/api/me/filters', await suite.stack.login('sup1'));
    expect(saved.body.items).toEqual([expect.objectContaining({ name: '超期便利店', query: expect.objectContaining({ q: '便利店', overdue: 'true' }) })]);
  });

  it('switches to English and back, labels and all', { timeout: 60_000 }, async () => {
    const page = await as('sup2');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByTestId('tab-group').textContent()).toContain('Group tasks');
    await page.reload();
    await expect.poll(() => page.getByTestId('tab-group').textContent()).toContain('Group tasks');
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => page.getByTestId('tab-group').textContent()).toContain('组待办');
  });

  it('keeps the navigation still while the page loads, so a quick tap lands where it aimed', { timeout: 60_000 }, async () => {
    const page = await as('head');
    // The list of processes the user may start answers late, as on a slow network.
    let answer: () => void = () => undefined;
    const held = new Promise<void>((resolve) => { answer = resolve; });
    await page.route('**/api/processes', async (route) => { await held; await route.continue(); });
    await page.reload();
    await page.getByTestId('current-user').waitFor();
    const navBefore = await navPositions(page);
    answer();
    await page.waitForResponse('**/api/processes');
    await page.waitForLoadState('networkidle');
    expect(await navPositions(page)).toEqual(navBefore);
  });

  it('keeps the task page\'s buttons still once drawn: the earlier records come with them, not after', { timeout: 60_000 }, async () => {
    const { review } = await proposeForReview(suite.stack, await suite.stack.login('mgr4'), await suite.stack.login('sup2'), 4, 5);
    const page = await as('sup2');
    // Were the process (with its records) or the proposal's form asked apart from the task, they would answer a second
    // late, as on a slow network.
    await page.route(/\/api\/(instances|forms)\//, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await route.continue();
    });
    await page.goto(`/tasks/${review.id}`);
    const approve = page.getByRole('button', { name: '同意', exact: true });
    await approve.waitFor();
    const drawn = await approve.boundingBox();
    expect(await page.getByText('此前提交的记录').isVisible()).toBe(true);
    // The proposal the decision is about opens with its fields, above the buttons.
    await page.getByTestId('record').getByLabel('建议档位').waitFor();
    expect(await approve.boundingBox()).toEqual(drawn);
  });

  it('takes a sign-in typed and sent before the app\'s code has come, and lands in the inbox', { timeout: 60_000 }, async () => {
    const browser = (await as('mgr2')).context().browser()!;
    const context = await signedOutContext(browser, suite.stack.baseUrl, PHONE_VIEWPORT);
    // The app's code comes late, as on a phone's network: only once the sign-in has been answered.
    const release = await holdUntilReleased(context, '**/assets/app-*.js');
    const page = await context.newPage();
    try {
      await page.goto('/login');
      await page.getByLabel('用户名').fill('mgr2');
      await page.getByLabel('密码').fill('dutyflow');
      const answered = page.waitForResponse('**/api/auth/login');
      await page.getByRole('button', { name: '登录' }).click();
      expect((await answered).status()).toBe(200);
      release();
      await page.getByTestId('tab-mine').waitFor();
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.getByLabel('用户名').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('opened on /login with a session still good, goes on to the inbox without the sign-in form; signed out, it speaks English on request', { timeout: 60_000 }, async () => {
    const page = await as('sup2');
    await page.goto('/login');
    await page.getByTestId('tab-mine').waitFor();
    expect(await page.getByLabel('用户名').count()).toBe(0);

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel('Username').fill('sup2');
    await page.getByLabel('Password').fill('dutyflow');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.getByTestId('tab-group').textContent()).toContain('Group tasks');
    await page.getByRole('button', { name: '中文' }).click();
  });

  it('shows the sign-in form at once, and a sign-in made before the session check answers stays signed in', { timeout: 60_000 }, async () => {
    const browser = (await as('mgr2')).context().browser()!;
    const context = await signedOutContext(browser, suite.stack.baseUrl);
    // The session check of a cold start answers late, as on a slow network: after the sign-in.
    let answer: () => void = () => undefined;
    const held = new Promise<void>((resolve) => { answer = resolve; });
    await context.route('**/api/me', async (route) => {
      const signedOut = await route.fetch();
      await held;
      await route.fulfill({ response: signedOut });
    }, { times: 1 });
    const page = await context.newPage();
    try {
      await page.goto('/login');
      await page.getByLabel('用户名').fill('mgr2');
      await page.getByLabel('密码').fill('dutyflow');
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByTestId('current-user').waitFor();
      // Sent signed out, it answers 401 now: old news, not a sign-out.
      answer();
      expect((await page.waitForResponse('**/api/me')).status()).toBe(401);
      await page.getByRole('link', { name: '客户', exact: true }).click();
      await page.getByTestId('customer-row').first().waitFor();
      expect(page.url()).not.toContain('/login');
    } finally {
      await context.close();
    }
  });

  it('draws the sign-in form with the page itself, before any script: typed into at once, sent once the script is there', { timeout: 60_000 }, async () => {
    const browser = (await as('mgr2')).context().browser()!;
    const context = await signedOutContext(browser, suite.stack.baseUrl, PHONE_VIEWPORT);
    // Every script comes late, as on a phone's network: only once the form has been filled in.
    const release = await holdUntilReleased(context, '**/assets/*.js');
    const page = await context.newPage();
    try {
      await page.goto('/login', { waitUntil: 'commit' });
      await page.getByLabel('用户名').fill('mgr2');
      await page.getByLabel('密码').fill('dutyflow');
      const signIn = page.getByRole('button', { name: '登录' });
      // Until the script has taken the form, it cannot be sent (a plain form would put the password in the address).
      expect(await signIn.isDisabled()).toBe(true);
      release();
      await signIn.click();
      await page.getByTestId('tab-mine').waitFor();
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.getByLabel('用户名').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});

/** Holds the answers to `pattern` until the returned function is called: those files come late, as on a phone's network. */
async function holdUntilReleased(context: BrowserContext, pattern: string): Promise<() => void> {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => { release = resolve; });
  await context.route(pattern, async (route) => { await held; await route.continue(); });
  return release;
}

/** Each navigation link's text and left edge. */
function navPositions(page: Page): Promise<[string, number][]> {
  return page.locator('nav a').evaluateAll((links) => links.map((a) => [a.textContent ?? '', Math.round(a.getBoundingClientRect().left)] as [string, number]));
}

