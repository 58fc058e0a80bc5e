import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, launchBrowser, loggedInPage, loggedInPhonePage, saveFailureScreenshots } from '../support/browser.js';
import { startStack, type TestStack } from '../support/stack.js';

/**
 * 个人设置 in headless chromium against the real stack: on a phone a manager changes their password and
 * signs in with the new one, sets up a webhook to a receiver on this machine, sends it a test and sees it
 * delivered in the log; on a wide screen the page opens from the user's name.
 */
let stack: TestStack;
let browser: Browser;
const pages: Page[] = [];

beforeAll(async () => {
  // The receiver listens on 127.0.0.1, which webhooks may reach only when allowed (webhookGuard.test.ts).
  [stack, browser] = await Promise.all([
    startStack({ DUTYFLOW_WEBHOOK_ALLOW: '127.0.0.1', DUTYFLOW_WEBHOOK_RETRY_INITIAL: '0.2s', DUTYFLOW_WEBHOOK_MAX_ATTEMPTS: '2' }),
    launchBrowser(),
  ]);
});
afterEach(async (context) => {
  await saveFailureScreenshots(context.task.result?.state === 'fail', pages.splice(0), 'personal-settings');
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** Nothing on the page is wider than the screen. */
async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

const NEW_PASSWORD = 'Kunming-tobacco-2026';

describe('个人设置', () => {
  it('on a phone: a new password, a webhook and its test send, delivered', { timeout: 120_000 }, async () => {
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    const receiver: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const port = (receiver.address() as { port: number }).port;
      const phone = await loggedInPhonePage(browser, stack.baseUrl, 'mgr3');
      pages.push(phone);
      await phone.getByTestId('nav-menu').click();
      await phone.getByRole('link', { name: '个人设置' }).click();
      await phone.waitForURL(/\/settings$/);
      await phone.getByRole('heading', { name: '个人设置' }).waitFor();

      // 修改密码: a wrong current password is refused at its field; then the change goes through.
      const password = phone.getByTestId('settings-password');
      await password.locator('input[name=currentPassword]').fill('not-my-password');
      await password.locator('input[name=newPassword]').fill(NEW_PASSWORD);
      await password.locator('input[name=repeat]').fill(`${NEW_PASSWORD}x`);
      await password.getByRole('button', { name: '修改密码' }).click();
      await password.getByText('两次输入的新密码不一致').waitFor();
      await password.locator('input[name=repeat]').fill(NEW_PASSWORD);
      await password.getByRole('button', { name: '修改密码' }).click();
      // The server's refusal, at its field.
      await password.getByText('当前密码不正确').waitFor({ timeout: 20_000 });
      expect(await password.getByTestId('password-changed').count()).toBe(0);
      await password.locator('input[name=currentPassword]').fill('dutyflow');
      await password.getByRole('button', { name: '修改密码' }).click();
      await expect.poll(() => password.getByTestId('password-changed').textContent(), { timeout: 20_000 }).toContain('其他设备和浏览器上的登录已退出');
      expect(await password.locator('input[name=newPassword]').inputValue()).toBe('');

      // 语言: English and back.
      await phone.getByRole('radio', { name: 'English' }).check();
      await phone.getByRole('heading', { name: 'Personal settings' }).waitFor();
      await phone.getByRole('radio', { name: '中文' }).check();
      await phone.getByRole('heading', { name: '个人设置' }).waitFor();

      // 消息推送（Webhook）: a new one to the local receiver, for overdue tasks only; the generated secret is shown once.
      const webhook = phone.getByTestId('settings-webhook');
      await webhook.getByTestId('webhook-none').waitFor();
      await expect.poll(() => webhook.getByRole('button', { name: '发送测试' }).isDisabled()).toBe(true);
      await webhook.locator('input[name=url]').fill(`http://127.0.0.1:${port}/dutyflow`);
      for (const kind of ['新待办', '被退回', '即将到期', '催办', '抄送', '已办理', '流程结束']) await webhook.getByRole('checkbox', { name: kind }).uncheck();
      await webhook.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => webhook.getByTestId('webhook-notice').textContent()).toContain('Webhook 已保存');
      const secret = (await webhook.getByTestId('webhook-secret').textContent())!.trim();
      expect(secret).toMatch(/^[\w-]{32}$/);
      expect(await webhook.getByTestId('webhook-deliveries-empty').textContent()).toBe('暂无发送记录');

      await webhook.getByRole('button', { name: '发送测试' }).click();
      await expect.poll(() => webhook.getByTestId('webhook-notice').textContent()).toContain('测试消息已发出');
      const delivery = webhook.getByTestId('webhook-delivery');
      await expect.poll(() => delivery.getByTestId('delivery-status').getAttribute('data-status'), { timeout: 30_000 }).toBe('delivered');
      expect(await delivery.count()).toBe(1);
      const card = (await delivery.textContent())!;
      expect(card).toContain('已送达');
      expect(card).toContain('测试消息');
      expect(card).toMatch(/尝试次数\s*1/);
      expect(await fitsWidth(phone)).toBe(true);
      await phone.screenshot({ path: join(ARTIFACTS_DIR, 'personal-settings-phone.png'), fullPage: true });

      // The receiver got the test once, signed with the secret the page showed.
      expect(received).toHaveLength(1);
      const [test] = received as [typeof received[0]];
      expect(test.headers['x-dutyflow-event']).toBe('webhook_test');
      expect(test.headers['x-dutyflow-signature']).toBe(`sha256=${createHmac('sha256', secret).update(test.body).digest('hex')}`);
      // The bell tells of it in words.
      await phone.getByTestId('notification-bell').click();
      await phone.getByText('Webhook 测试消息已发送').waitFor();
      await phone.keyboard.press('Escape');

      // Signed out, the old password no longer works and the new one does.
      await phone.getByTestId('nav-menu').click();
      await phone.getByRole('button', { name: '退出登录' }).click();
      await phone.getByLabel('用户名').fill('mgr3');
      await phone.getByLabel('密码').fill('dutyflow');
      await phone.getByRole('button', { name: '登录' }).click();
      await phone.getByText('用户名或密码错误').waitFor();
      await phone.getByLabel('密码').fill(NEW_PASSWORD);
      await phone.getByRole('button', { name: '登录' }).click();
      await phone.getByTestId('notification-bell').waitFor();
    } finally {
      await new Promise((r) => receiver.close(r));
    }
  });

  it('on a wide screen: opens from the user\'s name; a refused URL and a failed test are told in words', { timeout: 60_000 }, async () => {
    const wide = await loggedInPage(browser, stack.baseUrl, 'sup2');
    pages.push(wide);
    await wide.getByTestId('current-user').click();
    await wide.waitForURL(/\/settings$/);
    for (const section of ['修改密码', '语言', '消息推送（Webhook）']) await wide.getByRole('heading', { name: section }).waitFor();
    await wide.getByTestId('webhook-deliveries-empty').waitFor();

    const webhook = wide.getByTestId('settings-webhook');
    await webhook.locator('input[name=url]').fill('ftp://example.com/hook');
    await webhook.getByRole('button', { name: '保存' }).click();
    await webhook.getByText('应为以 http:// 或 https:// 开头、不超过 500 个字符的网址').waitFor();
    // A port on this machine where nothing listens: the test fails, and the log says why.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    await webhook.locator('input[name=url]').fill(`http://127.0.0.1:${port}/nobody`);
    await webhook.getByRole('button', { name: '保存' }).click();
    await webhook.getByTestId('webhook-secret').waitFor();
    await webhook.getByRole('button', { name: '发送测试' }).click();
    const row = webhook.getByTestId('webhook-delivery');
    await expect.poll(() => row.getByTestId('delivery-status').getAttribute('data-status'), { timeout: 30_000 }).toBe('failed');
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(1)).toEqual(['测试消息', '失败', '2', '无法连接接收方（域名无法解析、连接失败或 TLS 错误）']);
    expect(await fitsWidth(wide)).toBe(true);
    await wide.screenshot({ path: join(ARTIFACTS_DIR, 'personal-settings-wide.png'), fullPage: true });
  });
});
