import { describe, expect, it } from 'vitest';
import { browserSuite } from '../support/browser.js';
import { demoUsers } from '../support/demoUsers.js';
import { proposeForReview } from '../support/regradeFlows.js';

const suite = browserSuite('completion-retry');

describe('a decision made during a short outage', () => {
  it('is sent again by the web app with the same requestId and stored once', { timeout: 90_000 }, async () => {
    const { stack } = suite;
    const { mgr1, sup1 } = await (await demoUsers(stack)).tokens(['mgr1', 'sup1']);
    const { review } = await proposeForReview(stack, mgr1, sup1, 15, 16);
    const page = await suite.as('sup1');
    // The first completion meets the 503 an outage answers; the next ones reach the server.
    const sent: string[] = [];
    await page.route('**/api/tasks/*/complete', async (route) => {
      sent.push(route.request().postDataJSON().requestId);
      if (sent.length === 1) {
        await route.fulfill({
          status: 503, headers: { 'retry-after': '1', 'content-type': 'application/json' },
          body: JSON.stringify({ error: { code: 'unavailable', message: '服务暂时不可用，请稍后重试' } }),
        });
      } else {
        await route.continue();
      }
    });
    await page.goto(`/tasks/${review.id}`);
    await page.getByRole('button', { name: '同意', exact: true }).click();
    await page.getByTestId('flow-toast').filter({ hasText: '已同意：客户分档调整' }).waitFor();
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(sent[0]);
    const [records] = await stack.orm.em.fork().getConnection().execute('select count(*)::int as n from form_records where task_id = ?', [review.id]);
    expect(records!.n).toBe(1);
  });
});
