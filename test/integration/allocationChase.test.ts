import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate, nextAllocationMonth } from '../../domain/chinaTime.js';
import { awaitReviews, DEMO_MANAGERS, SHORT_ALLOCATION_DUES, startAllocationCycle } from '../support/allocationFlows.js';
import { demoUsers, type DemoUsers } from '../support/demoUsers.js';
import { startStack, type TestStack } from '../support/stack.js';
import { act } from '../support/taskFlows.js';

/*
 * The allocation overview's conveniences for those who run the month: the months a cycle may be
 * started for (发起本月投放), and the dept head's 催办 of a manager who has not reviewed their part.
 */
let stack: TestStack;
let users: DemoUsers;
let tokens: Record<string, string>;
const thisMonth = chinaDate(new Date()).slice(0, 7);
const month = nextAllocationMonth(new Date()).slice(0, 7);

beforeAll(async () => {
  stack = await startStack(SHORT_ALLOCATION_DUES);
  users = await demoUsers(stack);
  tokens = await users.tokens(['head', 'admin', 'sup1', 'leader', ...DEMO_MANAGERS]);
});
afterAll(() => stack?.close());

interface StartMonths { current: string; items: { month: string; products: number; cartons: number }[] }

const startMonths = async (token: string) => stack.call('GET', '/api/allocation/start-months', token);
const chase = (token: string, managerId: number | string, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  stack.call('POST', `/api/allocation/cycles/${month}/parts/${managerId}/chase`, token, { requestId: randomUUID(), ...body }, headers);

describe('starting a month and chasing its pending managers', () => {
  it('offers the months with availability and no cycle; the dept head chases one pending manager once an hour, with words', async () => {
    // The demo imports this month's and next month's availability; neither has a cycle yet.
    const before = await startMonths(tokens.head!);
    expect(before.status).toBe(200);
    expect(before.body as StartMonths).toEqual({
      current: thisMonth,
      items: [thisMonth, month].map((m) => ({ month: m, products: 30, cartons: expect.any(Number) })),
    });
    expect((await startMonths(tokens.admin!)).status).toBe(200);
    for (const who of ['sup1', 'leader', 'mgr1']) expect((await startMonths(tokens[who]!)).status).toBe(403);

    // Started through the process's own path: the month leaves the list; a second start is refused, naming the month.
    const started = await startAllocationCycle(stack, tokens.head!, month);
    expect(started.status).toBe(201);
    const instanceId = started.body.id as string;
    expect(((await startMonths(tokens.head!)).body as StartMonths).items.map((m) => m.month)).toEqual([thisMonth]);
    const again = await startAllocationCycle(stack, tokens.admin!, month);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(`${month} 已有进行中的月度货源投放`);

    await awaitReviews(stack, users, instanceId);
    const mgr1 = users.ids.mgr1!;
    // The dept head only: not the supervisor, not the manager, not an admin.
    for (const who of ['sup1', 'mgr1', 'admin', 'leader']) expect((await chase(tokens[who]!, mgr1)).status).toBe(403);
    // A manager id that names nobody, malformed or unknown: not found, in the dept head's language.
    for (const nobody of ['abc', '0', 999_999]) {
      const unknown = await chase(tokens.head!, nobody);
      expect(unknown.status).toBe(404);
      expect(unknown.body.error).toMatchObject({ code: 'not_found', message: '未找到该用户' });
    }
    expect((await chase(tokens.head!, 'abc', {}, { 'accept-language': 'en' })).body.error.message).toBe('User not found');

    const requestId = randomUUID();
    const first = await chase(tokens.head!, mgr1, { requestId, comment: '  今天下班前请完成月供量调整  ' });
    expect(first.status).toBe(200);
    expect(first.body.chased).toEqual([{ taskId: expect.any(String), step: 'allocation.review', userIds: [mgr1] }]);
    const reviewTaskId = first.body.chased[0].taskId as string;
    // The same request again is the same chase.
    expect((await chase(tokens.head!, mgr1, { requestId, comment: '  今天下班前请完成月供量调整  ' })).body).toEqual(first.body);

    // mgr1 is told once, with the dept head's words; nobody else is.
    const bell = await stack.call('GET', '/api/me/notifications', tokens.mgr1);
    const told = bell.body.items.filter((n: { kind: string }) => n.kind === 'task_chased');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      taskId: reviewTaskId,
      data: { comment: '今天下班前请完成月供量调整', step: 'allocation.review', processKey: 'allocation-cycle', by: users.ids.head, actorName: users.names.head },
    });
    const mgr2Bell = await stack.call('GET', '/api/me/notifications', tokens.mgr2);
    expect(mgr2Bell.body.items.filter((n: { kind: string }) => n.kind === 'task_chased')).toHaveLength(0);
    // The cycle's timeline keeps the words; the overview says when the part was chased.
    const timeline = (await stack.call('GET', `/api/instances/${instanceId}`, tokens.head)).body.timeline as { type: string }[];
    expect(timeline.filter((e) => e.type === 'task.chased')).toEqual([
      expect.objectContaining({ actorId: users.ids.head, taskId: reviewTaskId, data: expect.objectContaining({ comment: '今天下班前请完成月供量调整', to: [mgr1] }) }),
    ]);
    const parts = (await stack.call('GET', `/api/allocation/cycles/${month}`, tokens.head)).body.parts as { managerId: number; lastChasedAt: string | null }[];
    expect(parts.find((p) => p.managerId === mgr1)!.lastChasedAt).not.toBeNull();
    expect(parts.find((p) => p.managerId === users.ids.mgr2)!.lastChasedAt).toBeNull();

    // Right away again: refused, saying when it may be sent.
    const soon = await chase(tokens.head!, mgr1, { comment: '再催一次' });
    expect(soon.status).toBe(409);
    expect(soon.body.error.message).toContain('每小时');
    expect(Math.abs(Date.parse(soon.body.error.details.nextAt) - Date.parse(first.body.nextAt))).toBeLessThan(5_000);

    // A manager who has submitted has nothing to chase.
    await act(stack, tokens.mgr2!, instanceId, `review-${users.ids.mgr2}`, { data: { adjustments: [] } });
    const done = await chase(tokens.head!, users.ids.mgr2!);
    expect(done.status).toBe(409);
    expect(done.body.error.message).toBe(`${users.names.mgr2} 当前没有待调整的投放方案，无需催办`);
  });
});
