import { describe, expect, it } from 'vitest';
import { HazardSchema } from '../../db/entities/index.js';
import { browserSuite } from '../support/browser.js';
import { PNG } from '../support/hazardFlows.js';
import { eventually } from '../support/stack.js';

/** A hazard reported with a photo in the browser, found on the safety officer's board and assessed there. */
const suite = browserSuite('hazard');
const { as } = suite;

describe('hazards in the browser', () => {
  it('a manager reports a hazard with a photo; the safety officer finds it on the board and confirms it', { timeout: 120_000 }, async () => {
    const reporter = await as('mgr3');
    await reporter.getByRole('link', { name: '发起流程' }).click();
    await reporter.getByRole('link', { name: '隐患登记' }).click();
    await reporter.getByLabel('隐患地点').fill('城北门店后门通道');
    await reporter.getByLabel('隐患类别').click();
    await reporter.getByRole('option', { name: '消防' }).click();
    await reporter.getByLabel('隐患描述').fill('后门通道堆放纸箱，堵塞安全出口约一米');
    await reporter.getByLabel('一般隐患').check();
    await reporter.getByTestId('upload-photos').setInputFiles({ name: '通道.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => reporter.getByTestId('attachment').textContent()).toContain('通道.png');
    await reporter.getByRole('button', { name: '提交' }).click();
    await reporter.waitForURL(/\/instances\//);
    const instanceId = new URL(reporter.url()).pathname.split('/').pop()!;

    const officer = await as('safety');
    await officer.getByRole('link', { name: '隐患台账' }).click();
    await expect.poll(() => officer.getByTestId('hazard-count-assessing').textContent()).toMatch(/待评估 [1-9]/);
    const { code } = await eventually(() => suite.stack.orm.em.fork().findOne(HazardSchema, { instanceId }).then((h) => h ?? undefined));
    await officer.getByTestId('hazard-row').filter({ hasText: code }).getByRole('link').click();
    await expect.poll(() => officer.getByTestId('hazard-facts').textContent()).toContain('待评估');
    await officer.getByRole('link', { name: '隐患评估' }).click();
    // The report and its photo are shown above the assessment, its choices by their names.
    await expect.poll(() => officer.getByTestId('attachment').first().textContent()).toContain('通道.png');
    const report = officer.getByTestId('record').first();
    expect(await report.getByLabel('隐患类别').textContent()).toBe('消防');
    expect(await report.getByLabel('初判等级').textContent()).toBe('一般隐患');
    expect(await report.getByLabel('隐患地点').textContent()).toBe('城北门店后门通道');
    await officer.getByTestId('task-form').getByLabel('重大隐患').check();
    await officer.getByRole('button', { name: '确认隐患' }).click();
    await officer.getByTestId('flow-toast').filter({ hasText: '已确认隐患' }).waitFor();
    await eventually(async () => {
      const hazard = await suite.stack.orm.em.fork().findOneOrFail(HazardSchema, { instanceId });
      return hazard.status === 'notice' ? hazard : undefined;
    });
    expect((await suite.stack.orm.em.fork().findOneOrFail(HazardSchema, { instanceId })).level).toBe('major');
  });
});
