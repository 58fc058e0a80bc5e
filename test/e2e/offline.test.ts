import { describe, expect, it } from 'vitest';
import { browserSuite } from '../support/browser.js';
import { customerOf, proposeForReview } from '../support/regradeFlows.js';

/*
 * Issue 15: works on a weak connection. The app is installable (a manifest with icons, a service worker
 * caching the built shell), opens without a connection, and a submission made offline is sent once the
 * connection is back — with the same requestId, so it arrives exactly once.
 */
const suite = browserSuite('offline');

describe('a weak connection', () => {
  it('the app is installable and its shell opens offline', { timeout: 120_000 }, async () => {
    const page = await suite.asPhone('mgr1', 'allow');
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
      return link ? (await fetch(link.href)).json() as Promise<{ name: string; display: string; icons: { sizes: string }[] }> : null;
    });
    expect(manifest).toMatchObject({ name: '客户经理工作平台', display: 'standalone' });
    expect(manifest!.icons.map((i) => i.sizes)).toEqual(['192x192', '512x512']);
    for (const icon of ['/icon-192.png', '/icon-512.png']) {
      expect((await page.request.get(icon)).headers()['content-type']).toBe('image/png');
    }
    // The service worker takes over, then the shell (and its scripts) open with no network at all.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await page.getByTestId('notification-bell').waitFor();
    await page.context().setOffline(true);
    await page.reload();
    await expect.poll(() => page.title()).toBe('客户经理工作平台');
    await expect.poll(() => page.getByTestId('offline-banner').textContent()).toContain('网络已断开');
    // Back online, the session picks up where it was: no new sign-in.
    await page.context().setOffline(false);
    await page.getByTestId('notification-bell').waitFor();
    await page.getByTestId('offline-banner').waitFor({ state: 'detached' });
  });

  it('a regrade proposed offline is started once the connection is back, exactly once', { timeout: 120_000 }, async () => {
    const token = await suite.stack.login('mgr2');
    const customer = await customerOf(suite.stack, token, 7);
    const page = await suite.asPhone('mgr2', 'allow');
    await page.goto(`/start/regrade?customerId=${customer.id}`);
    await page.getByLabel('建议档位').fill('8');
    await page.getByLabel('变更理由').fill('近三个月购进量持续增长，经营面积扩大');
    for (const row of [1, 2, 3]) await page.getByLabel(`购进量（条） ${row}`).fill(String(300 + row * 20));
    await page.getByLabel('走访核实情况').fill('实地走访核实，门店扩大经营');

    await page.context().setOffline(true);
    await page.getByRole('button', { name: '提交' }).click();
    await expect.poll(() => page.getByTestId('offline-banner').textContent()).toContain('1 项提交等待联网');
    const instances = () => suite.stack.call('GET', `/api/instances?customerId=${customer.id}`, token);
    expect((await instances()).body.total).toBe(0);

    await page.context().setOffline(false);
    await page.waitForURL(/\/instances\//, { timeout: 30_000 });
    await expect.poll(async () => (await instances()).body.total, { timeout: 15_000 }).toBe(1);
    await page.getByTestId('offline-banner').waitFor({ state: 'detached' });
  });

  it('a half-filled proposal survives a reload and is submitted once', { timeout: 120_000 }, async () => {
    const token = await suite.stack.login('mgr3');
    const customer = await customerOf(suite.stack, token, 9);
    const page = await suite.asPhone('mgr3');
    await page.goto(`/start/regrade?customerId=${customer.id}`);
    await page.getByLabel('建议档位').fill('10');
    await page.getByLabel('变更理由').fill('经营面积扩大，客流增加');
    await page.getByLabel('走访核实情况').click(); // leaves the reason field: the form takes its text
    await page.waitForTimeout(600);
    await page.reload();
    await page.getByTestId('draft-restored').waitFor();
    expect(await page.getByLabel('建议档位').inputValue()).toBe('10');
    expect(await page.getByLabel('变更理由').inputValue()).toBe('经营面积扩大，客流增加');
    for (const row of [1, 2, 3]) await page.getByLabel(`购进量（条） ${row}`).fill(String(300 + row * 20));
    await page.getByLabel('走访核实情况').fill('实地走访核实，门店扩大经营');
    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForURL(/\/instances\//);
    expect((await suite.stack.call('GET', `/api/instances?customerId=${customer.id}`, token)).body.total).toBe(1);
    // Sent: the draft is gone.
    await page.goto(`/start/regrade?customerId=${customer.id}`);
    await page.getByLabel('建议档位').waitFor();
    expect(await page.getByTestId('draft-restored').count()).toBe(0);
  });

  it('a half-written decision survives a reload and is sent once', { timeout: 120_000 }, async () => {
    const { stack } = suite;
    const { review, started } = await proposeForReview(stack, await stack.login('mgr5'), await stack.login('sup2'), 7, 8);
    const page = await suite.asPhone('sup2');
    await page.goto(`/tasks/${review.id}`);
    await page.getByLabel('审批意见').fill('走访核实属实，同意调档');
    await page.getByLabel('审批意见').blur();
    await page.waitForTimeout(600);
    // What the comment field holds at the moment the 已恢复草稿 note is put on the page (plain JavaScript, run by the page).
    await page.addInitScript({ content: `new MutationObserver((_, observer) => {
      if (!document.querySelector('[data-testid="draft-restored"]')) return;
      window.commentWithNote = document.querySelector('[data-testid="task-form"] textarea:not([aria-hidden])').value;
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });` });
    await page.reload();
    await page.getByTestId('draft-restored').waitFor();
    // Drawn with the note, not a frame later: the form never shows up empty first.
    expect(await page.evaluate(() => (window as unknown as { commentWithNote?: string }).commentWithNote)).toBe('走访核实属实，同意调档');
    expect(await page.getByLabel('审批意见').inputValue()).toBe('走访核实属实，同意调档');
    await page.getByTestId('task-bottom-bar').getByRole('button', { name: '同意', exact: true }).click();
    await page.getByTestId('flow-toast').waitFor();
    const sup2 = await stack.login('sup2');
    const task = (await stack.call('GET', `/api/tasks/${review.id}`, sup2)).body;
    expect(task).toMatchObject({ status: 'done', outcome: 'approve' });
    const records = (await stack.call('GET', `/api/instances/${started.body.id}`, sup2)).body.records as { taskId: string; data: { comment?: string } }[];
    expect(records.filter((r) => r.taskId === review.id).map((r) => r.data.comment)).toEqual(['走访核实属实，同意调档']);
    // Sent: the draft is gone; the decided task opens without it.
    await page.goto(`/tasks/${review.id}`);
    await page.getByTestId('task-form').waitFor();
    expect(await page.getByTestId('draft-restored').count()).toBe(0);
  });
});
