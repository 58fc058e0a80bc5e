import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { browserSuite, fitsWidth, screenshot } from '../support/browser.js';
import { customerOf, proposal, proposeForReview, start } from '../support/regradeFlows.js';
import { complete, openTask } from '../support/taskFlows.js';

/** A 1×1 PNG: the shop's photo. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n'
  + 'trailer <</Root 1 0 R>>\n%%EOF\n', 'latin1');

/*
 * The flow people expect, on a phone (390×844): the manager proposes a regrade with a photo and chases
 * the review; the supervisor sees the photo, approves from the bottom bar, lands on the next review of the
 * same kind with a toast naming what was done, and finds the decision first in 已办.
 */
describe('approval flow on a phone', () => {
  const suite = browserSuite('approval-flow');

  it('proposal with a photo → 催办 → approval from the bottom bar → the next review, the toast, 已办 first', { timeout: 180_000 }, async () => {
    const { stack } = suite;
    const mgr1 = await stack.login('mgr1');
    const customer = await customerOf(stack, mgr1, 12);
    const { code, name } = (await stack.call('GET', `/api/customers/${customer.id}`, mgr1)).body as { code: string; name: string };
    // Another review of the same kind waiting for sup1 (mgr2 is on sup1's team too).
    const other = await proposeForReview(stack, await stack.login('mgr2'), await stack.login('sup1'), 5, 6);

    const manager = await suite.asPhone('mgr1');
    await manager.goto(`/start/regrade?customerId=${customer.id}`);
    await expect.poll(() => manager.getByTestId('start-customer').textContent()).toContain(code);
    await manager.getByLabel('建议档位').fill('13');
    await manager.getByLabel('变更理由').fill('近三个月购进量持续增长，经营面积扩大');
    for (const row of [1, 2, 3]) await manager.getByLabel(`购进量（条） ${row}`).fill(String(300 + row * 10));
    await manager.getByLabel('走访核实情况').fill('实地走访，门店扩建，货架陈列饱满');
    await manager.getByTestId('upload-attachments').setInputFiles({ name: '门店照片.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => manager.getByTestId('attachment').textContent()).toContain('门店照片.png');
    expect(await fitsWidth(manager)).toBe(true);
    await manager.getByRole('button', { name: '提交' }).click();
    await manager.waitForURL(/\/instances\//);
    const instanceId = new URL(manager.url()).pathname.split('/').pop()!;

    // The starter chases the supervisor, with a word for them.
    await expect.poll(() => manager.getByTestId('open-tasks').textContent(), { timeout: 15_000 }).toContain('主管审批');
    await manager.getByTestId('chase').click();
    await manager.getByTestId('chase-comment').fill('客户等着调档，请今天审核');
    await manager.getByRole('button', { name: '发送催办' }).click();
    await manager.getByTestId('flow-toast').filter({ hasText: '已催办' }).waitFor();
    await expect.poll(() => manager.getByTestId('timeline').textContent(), { timeout: 10_000 }).toContain('客户等着调档，请今天审核');
    await screenshot(manager, 'phone-approval-chased');

    const supervisor = await suite.asPhone('sup1');
    // The bell carries the starter's words.
    await supervisor.getByTestId('notification-bell').click();
    await expect.poll(() => supervisor.getByRole('menuitem').filter({ hasText: '催办' }).first().textContent()).toContain('客户等着调档，请今天审核');
    await supervisor.keyboard.press('Escape');
    await supervisor.getByTestId('task-row').filter({ hasText: code }).getByRole('link', { name: '主管审批' }).click();
    await supervisor.waitForURL(/\/tasks\//);
    const reviewUrl = supervisor.url();
    // The proposal's photo, as a thumbnail opening the lightbox.
    const thumbnail = supervisor.getByTestId('attachment-thumbnail');
    await thumbnail.waitFor({ timeout: 15_000 });
    await thumbnail.click();
    const lightbox = supervisor.getByTestId('attachment-lightbox');
    await lightbox.waitFor();
    expect(await lightbox.locator('img').getAttribute('alt')).toBe('门店照片.png');
    await screenshot(supervisor, 'phone-approval-lightbox');
    await lightbox.getByRole('button', { name: '关闭' }).click();
    await lightbox.waitFor({ state: 'hidden' });
    expect(await fitsWidth(supervisor)).toBe(true);

    await supervisor.getByTestId('task-bottom-bar').getByRole('button', { name: '同意', exact: true }).click();
    // On to the other review of the same kind, with the toast naming what was done.
    const toast = supervisor.getByTestId('flow-toast');
    await toast.waitFor();
    expect(await toast.textContent()).toContain(`已同意：客户分档调整 · ${name}`);
    await supervisor.waitForURL(`**/tasks/${other.review.id}`);
    expect(supervisor.url()).not.toBe(reviewUrl);
    await supervisor.getByTestId('task-bottom-bar').getByRole('button', { name: '同意', exact: true }).waitFor();
    await screenshot(supervisor, 'phone-approval-next');

    // 已办: the decision just made comes first.
    await supervisor.goto('/?tab=done');
    await expect.poll(() => supervisor.getByTestId('task-row').first().textContent(), { timeout: 10_000 }).toContain(code);
    expect(await fitsWidth(supervisor)).toBe(true);

    const done = await stack.call('GET', `/api/instances/${instanceId}`, mgr1);
    expect(done.body.records[0].data.attachments).toHaveLength(1);
  });

  it('the last review decided: back to the inbox with the toast', { timeout: 120_000 }, async () => {
    const { stack } = suite;
    const sup2 = await stack.login('sup2');
    // Whatever else sup2 has open is decided first: then the one below is the last of its kind.
    const { review, customer } = await proposeForReview(stack, await stack.login('mgr4'), sup2, 7, 8);
    const open = await stack.call('GET', '/api/tasks?view=mine&step=regrade.review&size=100', sup2);
    for (const task of open.body.items as { id: string }[]) {
      if (task.id !== review.id) await stack.call('POST', `/api/tasks/${task.id}/complete`, sup2, { outcome: 'reject', comment: '先不调整', requestId: randomUUID() });
    }
    const name = (await stack.call('GET', `/api/customers/${customer.id}`, sup2)).body.name as string;
    const supervisor = await suite.asPhone('sup2');
    await supervisor.goto(`/tasks/${review.id}`);
    await supervisor.getByLabel('审批意见').fill('购进量不足以调档');
    await supervisor.getByTestId('task-bottom-bar').getByRole('button', { name: '不同意', exact: true }).click();
    const toast = supervisor.getByTestId('flow-toast');
    await toast.waitFor();
    expect(await toast.textContent()).toContain(`已不同意：客户分档调整 · ${name}`);
    await supervisor.waitForURL((url) => url.pathname === '/');
    await supervisor.getByTestId('tab-mine').waitFor();
  });

  it('on a desktop: 抄送 confirms and stays, 转交 confirms and leaves for the inbox; the copied manager finds it in 抄送我的', { timeout: 120_000 }, async () => {
    const { stack } = suite;
    const { review, customer, started } = await proposeForReview(stack, await stack.login('mgr1'), await stack.login('sup1'), 14, 15);
    const sup1 = await stack.login('sup1');
    const name = (await stack.call('GET', `/api/customers/${customer.id}`, sup1)).body.name as string;
    const displayName = async (username: string) => (await stack.call('GET', '/api/me', await stack.login(username))).body.displayName as string;
    const [mgr3Name, sup2Name] = await Promise.all([displayName('mgr3'), displayName('sup2')]);

    const supervisor = await suite.as('sup1');
    await supervisor.goto(`/tasks/${review.id}`);
    const choose = async (action: string, person: string) => {
      await supervisor.getByRole('button', { name: action, exact: true }).click();
      const dialog = supervisor.getByRole('dialog');
      await dialog.getByRole('combobox').first().click();
      await supervisor.getByRole('option').filter({ hasText: person }).click();
      if (action === '抄送') await supervisor.keyboard.press('Escape'); // the list of a multiple choice stays open
      await dialog.getByLabel('理由').fill('请知悉并协助处理');
      await dialog.getByRole('button', { name: '提交' }).click();
    };
    await choose('抄送', mgr3Name);
    const toast = supervisor.getByTestId('flow-toast');
    await expect.poll(() => toast.textContent()).toContain(`已抄送${mgr3Name}：客户分档调整 · ${name}`);
    expect(new URL(supervisor.url()).pathname).toBe(`/tasks/${review.id}`);
    await supervisor.getByTestId('flow-toast').getByRole('button').click();
    await toast.waitFor({ state: 'hidden' });

    await choose('转交', sup2Name);
    await supervisor.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => supervisor.getByTestId('flow-toast').textContent()).toContain(`已转交给${sup2Name}：客户分档调整 · ${name}`);
    expect(await supervisor.getByText('您无权执行此操作').count()).toBe(0);

    const copied = await suite.as('mgr3');
    await copied.getByTestId('tab-cc').click();
    const row = copied.getByTestId('copied-row').filter({ hasText: name });
    await row.getByRole('link').click();
    await copied.waitForURL(`**/instances/${started.body.id}`);
    // On a phone the tab is a list of cards that fits the screen.
    await copied.setViewportSize({ width: 390, height: 844 });
    await copied.goto('/?tab=cc');
    await copied.getByTestId('copied-row').filter({ hasText: name }).waitFor();
    expect(await fitsWidth(copied)).toBe(true);
    await screenshot(copied, 'phone-inbox-cc');
  });

  it('a revision after 退回 shows what was asked and the photo already attached; the voucher added goes to the second review', { timeout: 120_000 }, async () => {
    const { stack } = suite;
    const mgr1 = await stack.login('mgr1');
    const sup1 = await stack.login('sup1');
    const uploaded = await fetch(`${stack.baseUrl}/api/attachments?name=${encodeURIComponent('门店照片.png')}`, {
      method: 'POST', headers: { authorization: `Bearer ${mgr1}`, 'content-type': 'image/png' }, body: new Uint8Array(PNG),
    });
    const photo = ((await uploaded.json()) as { id: string }).id;
    const customer = await customerOf(stack, mgr1, 16);
    const name = (await stack.call('GET', `/api/customers/${customer.id}`, mgr1)).body.name as string;
    const started = await start(stack, mgr1, proposal(customer.id, 17, { attachments: [photo] }));
    const review = await openTask(stack, sup1, started.body.id, 'review');
    expect((await complete(stack, sup1, review.id, { outcome: 'return', comment: '请补充进货凭证照片' })).status).toBe(200);
    const revise = await openTask(stack, mgr1, started.body.id, 'revise');

    const manager = await suite.asPhone('mgr1');
    await manager.goto(`/tasks/${revise.id}`);
    await expect.poll(() => manager.getByTestId('returned-comment').textContent()).toContain('请补充进货凭证照片');
    const field = manager.getByTestId('task-form').getByTestId('attachments-attachments');
    await expect.poll(() => field.getByTestId('attachment').textContent()).toContain('门店照片.png');
    await field.getByTestId('upload-attachments').setInputFiles({ name: '进货凭证.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect.poll(() => field.getByTestId('attachment').count()).toBe(2);
    expect(await fitsWidth(manager)).toBe(true);
    await screenshot(manager, 'phone-regrade-revision');
    await manager.getByTestId('task-bottom-bar').getByRole('button', { name: '提交', exact: true }).click();
    await expect.poll(() => manager.getByTestId('flow-toast').textContent()).toContain(`已提交：客户分档调整 · ${name}`);

    const again = await openTask(stack, sup1, started.body.id, 'review#2');
    const supervisor = await suite.asPhone('sup1');
    await supervisor.goto(`/tasks/${again.id}`);
    const record = supervisor.getByTestId('record').last();
    await expect.poll(() => record.getByTestId('attachment').count(), { timeout: 15_000 }).toBe(2);
    // Read-only: no way to remove what the manager attached; the voucher opens in a new tab.
    expect(await record.getByRole('button', { name: '移除' }).count()).toBe(0);
    const popup = supervisor.waitForEvent('popup');
    await record.getByRole('link', { name: '进货凭证.pdf' }).click();
    const tab = await popup;
    await expect.poll(() => tab.url(), { timeout: 10_000 }).toMatch(/^blob:/);
  });
});
