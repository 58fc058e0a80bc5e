import { describe, expect, it } from 'vitest';
import { browserSuite } from '../support/browser.js';

/** The 督办 board's 通报 export: a month picked in the browser, the xlsx downloaded with the session cookie. */
const suite = browserSuite('assignment-report');
const { as } = suite;

describe('the 督办通报 export in the browser', () => {
  it('a leader picks a month and downloads its 通报; a customer manager has no such button', { timeout: 120_000 }, async () => {
    const leader = await as('leader');
    await leader.getByRole('link', { name: '督办' }).click();
    await leader.getByLabel('通报月份').fill('2025-03');
    const [download] = await Promise.all([leader.waitForEvent('download'), leader.getByTestId('assignment-report-export').click()]);
    expect(download.suggestedFilename()).toBe('督办通报-2025-03.xlsx');
    expect(await download.failure()).toBeNull();

    const manager = await as('mgr1');
    await manager.getByRole('link', { name: '督办' }).click();
    await manager.getByTestId('assignment-table').waitFor();
    expect(await manager.getByTestId('assignment-report-export').count()).toBe(0);
  });
});
