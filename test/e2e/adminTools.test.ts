import { describe, expect, it } from 'vitest';
import { browserSuite, fitsWidth, PHONE_VIEWPORT, screenshot } from '../support/browser.js';

/**
 * The admin console's 业务参数, 工作日历 and 审计日志 tabs (issue 14) in headless chromium against the real
 * stack: a setting saved (after the server's 422 shown at its field), a holiday added, both found in the
 * audit log; the phone's screen; the dept head's read-only view.
 */
const suite = browserSuite('admin-tools');
const { as } = suite;

describe('admin console: settings, calendar, audit log', () => {
  it('an admin changes the regrade deadline, adds a holiday and finds the change in the audit log', { timeout: 120_000 }, async () => {
    const { stack } = suite;
    const page = await as('admin');
    await page.goto('/admin/settings');
    const deadline = page.getByTestId('setting-regrade.decisionDue');
    await expect.poll(() => deadline.getByRole('combobox').textContent()).toBe('工作日');
    expect(await deadline.textContent()).toContain('默认：3 工作日');
    await deadline.getByLabel('审批期限', { exact: true }).fill('5');
    // A value out of range: the server's 422 is shown at its field, and nothing is stored.
    const remind = page.getByTestId('setting-hazard.remindBeforeHours');
    await remind.getByLabel('到期前提醒（小时）').fill('9999');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => remind.textContent()).toContain('应为 0–720 的整数');
    const admin = await stack.login('admin');
    expect((await stack.call('GET', '/api/admin/settings', admin)).body.settings.regrade.decisionDue).toBe('3wd');
    // 恢复默认 of that one field, then the save goes through.
    await remind.getByRole('button', { name: /恢复默认/ }).click();
    expect(await remind.getByLabel('到期前提醒（小时）').inputValue()).toBe('24');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => page.getByTestId('settings-notice').textContent()).toContain('新发起的流程使用新参数');
    expect(await deadline.getAttribute('data-modified')).toBe('true');
    await screenshot(page, 'admin-settings');
    const saved = (await stack.call('GET', '/api/admin/settings', admin)).body;
    expect(saved.settings.regrade.decisionDue).toBe('5wd');
    expect(saved.settings.hazard.remindBeforeHours).toBe(saved.defaults.hazard.remindBeforeHours);

    // 工作日历: a Tuesday of next year as a holiday; the list moves to that year and shows it.
    await page.getByTestId('admin-tab-calendar').click();
    const dateField = page.locator('.MuiPickersTextField-root').filter({ hasText: '日期' });
    await dateField.locator('.MuiPickersSectionList-sectionContent').first().click();
    await page.keyboard.type('20270615');
    await expect.poll(() => page.getByRole('combobox', { name: '类型' }).textContent()).toBe('法定节假日');
    await page.getByLabel('名称').fill('端午节测试');
    await page.getByTestId('calendar-form').getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByTestId('calendar-notice').textContent()).toContain('已保存 2027-06-15');
    const row = page.getByTestId('calendar-row').filter({ hasText: '2027-06-15' });
    await expect.poll(() => row.textContent()).toContain('端午节测试');
    expect(await row.textContent()).toMatch(/周二.*法定节假日/);
    await screenshot(page, 'admin-calendar');
    const days = (await stack.call('GET', '/api/admin/calendar?year=2027', admin)).body.items as { date: string; kind: string }[];
    expect(days.find((d) => d.date === '2027-06-15')?.kind).toBe('holiday');

    // 审计日志, filtered to 参数: the change, who made it, and its before/after.
    await page.getByTestId('admin-tab-audit').click();
    await page.getByRole('combobox', { name: '对象 / 类型' }).click();
    await page.getByRole('option', { name: '参数', exact: true }).click();
    await page.waitForURL(/type=settings\./);
    const event = page.getByTestId('audit-row').filter({ hasText: '修改业务参数' }).first();
    await expect.poll(() => event.textContent()).toContain('系统管理员');
    await expect.poll(() => page.getByTestId('audit-row').filter({ hasText: '设置工作日历' }).count()).toBe(0);
    await event.getByRole('button', { name: '详情' }).click();
    const changes = event.getByTestId('audit-changes');
    await expect.poll(() => changes.textContent()).toContain('客户分档调整 · 审批期限');
    expect(await changes.textContent()).toMatch(/3 工作日.*5 工作日/);
    await event.locator('.MuiCollapse-entered').waitFor();
    await screenshot(page, 'admin-audit');
    // 日历: the holiday, its kind in words.
    await page.getByRole('combobox', { name: '对象 / 类型' }).click();
    await page.getByRole('option', { name: '日历', exact: true }).click();
    const day = page.getByTestId('audit-row').filter({ hasText: '设置工作日历 · 2027-06-15' });
    await day.getByRole('button', { name: '详情' }).click();
    await expect.poll(() => day.getByTestId('audit-changes').textContent()).toMatch(/法定节假日.*端午节测试/);
  });

  it('on a phone (390×844) the three tabs fit the screen, and a business type\'s visit frequency is added there', { timeout: 60_000 }, async () => {
    const page = await suite.asPhone('admin');
    await page.goto('/admin/settings');
    await page.getByTestId('setting-attachments.types').waitFor();
    expect(await fitsWidth(page)).toBe(true);
    const box = (await page.getByTestId('setting-regrade.decisionDue').boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    // 差异化服务 by business type: a row added for supermarkets, weekly; it fits the phone and is saved.
    const rules = page.getByTestId('setting-visitPlan.byBusinessType');
    expect(await rules.textContent()).toContain('默认：无（全部按档位）');
    await rules.getByRole('button', { name: '添加业态' }).click();
    await rules.getByLabel('第 1 条 业态', { exact: true }).fill('supermarket');
    expect(await fitsWidth(page)).toBe(true);
    const row = (await rules.getByTestId('visit-business-type').boundingBox())!;
    expect(row.x + row.width).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => page.getByTestId('settings-notice').textContent()).toContain('新发起的流程使用新参数');
    const admin = await suite.stack.login('admin');
    expect((await suite.stack.call('GET', '/api/admin/settings', admin)).body.settings.visitPlan.byBusinessType)
      .toEqual([{ businessType: 'supermarket', every: 'week' }]);
    await screenshot(page, 'phone-admin-settings');
    await page.goto('/admin/calendar');
    await page.getByTestId('calendar-form').waitFor();
    await page.getByTestId('calendar-list').waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'phone-admin-calendar');
    await page.goto('/admin/audit');
    await page.getByTestId('audit-list').waitFor();
    const first = page.getByTestId('audit-row').first();
    if (await first.count()) {
      await first.getByRole('button', { name: '详情' }).click();
      await first.locator('.MuiCollapse-entered').waitFor();
    }
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'phone-admin-audit');
  });

  it('the dept head sees the settings read-only', { timeout: 60_000 }, async () => {
    const page = await as('head');
    await page.goto('/admin/settings');
    await page.getByTestId('settings-read-only').waitFor();
    expect(await page.getByTestId('settings-form').getByRole('button', { name: '保存' }).count()).toBe(0);
    expect(await page.getByTestId('setting-regrade.decisionDue').getByLabel('审批期限', { exact: true }).isDisabled()).toBe(true);
    expect(await page.getByTestId('setting-allocation.cap').getByRole('textbox').isDisabled()).toBe(true);
    // The tabs that are the admin's alone are not offered.
    expect(await page.getByTestId('admin-tab-audit').count()).toBe(0);
  });
});
