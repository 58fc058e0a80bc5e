import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CustomerVisitSchema } from '../../db/entities/index.js';
import { ARTIFACTS_DIR, browserSuite } from '../support/browser.js';
import { PNG } from '../support/hazardFlows.js';
import { firstCustomerOf, serviceRequest, startServiceRequest } from '../support/serviceFlows.js';
import { eventually } from '../support/stack.js';

/** Customer service on a phone (390×844): the visit record filled on site, and the two ledgers. */
const suite = browserSuite('service');

/** The page is no wider than the screen (no sideways scrolling). */
async function fits(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

describe('customer service on a phone', () => {
  it('a manager records a visit with a photo from a request in their inbox', { timeout: 120_000 }, async () => {
    const { stack } = suite;
    const sup1 = await stack.login('sup1');
    const mgr1Id = (await stack.call('GET', '/api/me', await stack.login('mgr1'))).body.id as number;
    const customer = await firstCustomerOf(stack, sup1, mgr1Id);
    const started = await startServiceRequest(stack, sup1, serviceRequest(customer.id));
    const instanceId = started.body.id as string;

    const manager = await suite.asPhone('mgr1');
    const card = manager.getByTestId('task-row').filter({ hasText: customer.name }).filter({ hasText: '上门拜访' });
    await card.getByRole('link', { name: '上门拜访' }).click();
    await manager.getByLabel('走访查看情况').waitFor();
    // The arrival time: typed into the date-time field as the phone's keyboard would.
    const arrived = manager.locator('.MuiPickersTextField-root').filter({ hasText: '到店时间' });
    await arrived.locator('.MuiPickersSectionList-sectionContent').first().click();
    await manager.keyboard.type('202612071030');
    await manager.getByLabel('走访查看情况').fill('检查扫描枪及数据线，接口松动');
    // The location only when asked for, from the phone's own position.
    await manager.context().grantPermissions(['geolocation']);
    await manager.context().setGeolocation({ latitude: 25.0389, longitude: 102.7183, accuracy: 20 });
    await manager.getByRole('button', { name: '获取当前位置' }).click();
    await expect.poll(() => manager.getByTestId('location-value').textContent()).toContain('纬度 25.0389');
    await manager.getByTestId('upload-photos').setInputFiles({ name: '扫描枪.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => manager.getByTestId('attachment').textContent()).toContain('扫描枪.png');
    await manager.getByLabel('分析与结论').fill('重新固定接口后可正常扫码，需求已解决');
    await manager.screenshot({ path: join(ARTIFACTS_DIR, 'phone-service-visit.png'), fullPage: true });
    expect(await fits(manager)).toBe(true);
    await manager.getByTestId('task-bottom-bar').getByRole('button', { name: '提交' }).click();
    await manager.getByText('已提交').first().waitFor();

    const visit = await eventually(() => stack.orm.em.fork().findOne(CustomerVisitSchema, { instanceId }).then((v) => v ?? undefined));
    expect(visit.photoCount).toBe(1);
    expect(visit.arrivedAt.toISOString()).toBe('2026-12-07T02:30:00.000Z');
    expect(visit.checked).toBe('检查扫描枪及数据线，接口松动');
    expect(visit.hasLocation).toBe(true);

    // The visit is in 拜访记录 on the phone, as a card that fits the screen.
    await manager.getByRole('button', { name: '菜单' }).click();
    await manager.getByRole('link', { name: '拜访记录', exact: true }).click();
    await expect.poll(() => manager.getByTestId('visit-row').first().textContent()).toContain(customer.name);
    expect(await fits(manager)).toBe(true);
    await manager.screenshot({ path: join(ARTIFACTS_DIR, 'phone-visits.png'), fullPage: true });
  });

  it('a complaint recorded from the customer page on a phone shows in the supervisor\'s 投诉台账', { timeout: 90_000 }, async () => {
    const { stack } = suite;
    const mgr1 = await stack.login('mgr1');
    const me = (await stack.call('GET', '/api/me', mgr1)).body.id as number;
    const customer = await firstCustomerOf(stack, mgr1, me);
    const manager = await suite.asPhone('mgr1');
    await manager.goto(`/customers/${customer.id}`);
    await manager.getByRole('link', { name: '登记投诉' }).click();
    // The customer is filled in from the page, by name.
    await expect.poll(() => manager.getByLabel('客户', { exact: true }).inputValue(), { timeout: 15_000 }).toContain(customer.name);
    await manager.getByLabel('投诉渠道').click();
    await manager.getByRole('option', { name: '电话' }).click();
    await manager.getByLabel('投诉类别').click();
    await manager.getByRole('option', { name: '货源' }).click();
    await manager.getByLabel('紧急程度').click();
    await manager.getByRole('option', { name: '紧急' }).click();
    await manager.getByLabel('投诉内容').fill('紧俏品种连续两周未到货');
    expect(await fits(manager)).toBe(true);
    await manager.getByRole('button', { name: '提交' }).click();
    await manager.waitForURL(/\/instances\//);
    const instanceId = new URL(manager.url()).pathname.split('/').pop()!;
    const code = (await stack.call('GET', `/api/instances/${instanceId}`, mgr1)).body.summary.code as string;
    // Customer 360: the complaint, and the request visited in the first test, on the customer's page.
    await manager.goto(`/customers/${customer.id}`);
    await expect.poll(() => manager.getByTestId('customer-timeline').textContent()).toContain(`投诉 ${code}`);
    expect(await manager.getByTestId('customer-timeline').textContent()).toContain('上门拜访');
    expect(await fits(manager)).toBe(true);

    const supervisor = await suite.asPhone('sup1');
    await supervisor.getByRole('button', { name: '菜单' }).click();
    await supervisor.getByRole('link', { name: '投诉台账', exact: true }).click();
    const row = supervisor.getByTestId('complaint-row').filter({ hasText: code });
    await expect.poll(() => row.textContent()).toContain('待指定处理人');
    expect(await row.textContent()).toContain('紧急');
    expect(await row.textContent()).toContain(customer.name);
    expect(await fits(supervisor)).toBe(true);
    await supervisor.screenshot({ path: join(ARTIFACTS_DIR, 'phone-complaints.png'), fullPage: true });
  });

  it('the supervisor reads the month\'s 服务月报 on a phone: a line per manager, the team and a chart', { timeout: 60_000 }, async () => {
    const supervisor = await suite.asPhone('sup1');
    await supervisor.getByRole('button', { name: '菜单' }).click();
    await supervisor.getByRole('link', { name: '拜访记录', exact: true }).click();
    await supervisor.getByRole('link', { name: '服务月报' }).click();
    const rows = supervisor.getByTestId('service-report-row');
    await expect.poll(() => rows.count()).toBe(5); // mgr1–mgr3, the team, the total
    // The request answered by the visit in the first test counts for mgr1: one request, on time.
    await expect.poll(() => rows.first().textContent()).toContain('100%');
    expect(await supervisor.getByTestId('service-chart').isVisible()).toBe(true);
    expect(await fits(supervisor)).toBe(true);
    await supervisor.screenshot({ path: join(ARTIFACTS_DIR, 'phone-service-report.png'), fullPage: true });
  });

  it('the new ledgers\' links keep the desktop top bar within 1440 px for every role that has them', { timeout: 60_000 }, async () => {
    for (const role of ['mgr1', 'sup1', 'head', 'leader', 'admin']) {
      const page = await suite.as(role);
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto('/visits');
      await page.getByTestId('visit-table').waitFor();
      const bar = await page.locator('header nav').evaluate((nav) => ({ scroll: nav.scrollWidth, width: nav.clientWidth }));
      if (role === 'head') await page.screenshot({ path: join(ARTIFACTS_DIR, 'desktop-head-visits.png') });
      expect(bar.scroll, role).toBeLessThanOrEqual(bar.width);
      expect(await fits(page), role).toBe(true);
    }
  });
});
