import { describe, expect, it } from 'vitest';
import { browserSuite, fitsWidth, screenshot } from '../support/browser.js';
import { demoUsers } from '../support/demoUsers.js';
import { proposeForReview } from '../support/regradeFlows.js';

/*
 * The 评论 thread on a phone (390×844): the supervisor, reviewing a regrade, writes a comment and @-mentions
 * the manager who proposed it with the picker; the manager finds it in the bell, which opens the process,
 * where the comment stands with the mention set off.
 */
describe('comments on a phone', () => {
  const suite = browserSuite('comments');

  it('the supervisor @-mentions the manager on the review; the manager sees it in the bell and on the process page', { timeout: 120_000 }, async () => {
    const { stack } = suite;
    const { names } = await demoUsers(stack);
    const { started, review } = await proposeForReview(stack, await stack.login('mgr1'), await stack.login('sup1'), 10, 11);
    const instanceId = started.body.id as string;

    const supervisor = await suite.asPhone('sup1');
    await supervisor.goto(`/tasks/${review.id}`);
    const thread = supervisor.getByTestId('comments');
    await thread.getByText('还没有评论').waitFor();
    await supervisor.getByTestId('comment-text').fill('请补充门店扩建后的照片');
    await supervisor.getByTestId('comment-mention').click();
    await supervisor.getByTestId('mention-search').fill(names.mgr1!.slice(0, 1));
    await supervisor.getByTestId('mention-option').filter({ hasText: names.mgr1! }).click();
    await expect.poll(() => supervisor.getByTestId('comment-text').inputValue()).toBe(`请补充门店扩建后的照片 @${names.mgr1} `);
    await supervisor.getByTestId('comment-send').click();
    const written = thread.getByTestId('comment');
    await written.first().waitFor();
    expect(await written.count()).toBe(1);
    expect(await written.textContent()).toContain(names.sup1);
    expect(await written.getByTestId('mention').textContent()).toBe(`@${names.mgr1}`);
    expect(await supervisor.getByTestId('comment-text').inputValue()).toBe('');
    expect(await fitsWidth(supervisor)).toBe(true);
    await screenshot(supervisor, 'phone-comment-written');

    const manager = await suite.asPhone('mgr1');
    const bell = manager.getByTestId('notification-bell');
    await expect.poll(() => bell.getAttribute('data-unread'), { timeout: 15_000 }).not.toBe('0');
    await bell.click();
    const told = manager.getByRole('menuitem').filter({ hasText: '评论中提到了您：客户分档调整' });
    await told.waitFor();
    expect(await told.textContent()).toContain('请补充门店扩建后的照片');
    expect(await told.textContent()).toContain(names.sup1);
    await told.click();
    await manager.waitForURL(`**/instances/${instanceId}`);
    const shown = manager.getByTestId('comments').getByTestId('comment');
    await shown.first().waitFor();
    expect(await shown.count()).toBe(1);
    expect(await shown.textContent()).toContain('请补充门店扩建后的照片');
    expect(await shown.getByTestId('mention').textContent()).toBe(`@${names.mgr1}`);
    // Its timeline says someone commented, in words.
    expect(await manager.getByTestId('timeline').textContent()).toContain('发表评论');
    expect(await fitsWidth(manager)).toBe(true);
    await screenshot(manager, 'phone-comment-mentioned');
  });
});
