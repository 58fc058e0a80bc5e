import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextAllocationMonth } from '../../domain/chinaTime.js';
import {
  awaitReviews, DEMO_MANAGERS, DEMO_SUPERVISOR, SHORT_ALLOCATION_DUES, startAllocationCycle,
} from '../support/allocationFlows.js';
import { demoUsers, type DemoUsers } from '../support/demoUsers.js';
import { eventually, startStack, type TestStack } from '../support/stack.js';
import { act, openTask } from '../support/taskFlows.js';

/*
 * Security issue 13: the allocation cycle is one instance with a part per customer manager. Having a
 * task in it is no sight of the other parts, and a supervisor reads their own managers' customers only.
 */

/** Low enough that both teams have big customers: each supervisor has flags of their own and the other team's. */
const BIG_CUSTOMER_THRESHOLD = 180;
let stack: TestStack;
let users: DemoUsers;
let tokens: Record<string, string>;
let ids: Record<string, number>;
let instanceId: string;
const month = nextAllocationMonth(new Date()).slice(0, 7);

beforeAll(async () => {
  stack = await startStack({ ...SHORT_ALLOCATION_DUES, DUTYFLOW_BIG_CUSTOMER_THRESHOLD: String(BIG_CUSTOMER_THRESHOLD) });
  users = await demoUsers(stack);
  tokens = await users.tokens(['head', 'sup1', 'sup2', 'safety', ...DEMO_MANAGERS]);
  ids = users.ids;
  const started = await startAllocationCycle(stack, tokens.head!, month);
  expect(started.status).toBe(201);
  instanceId = started.body.id;
  await awaitReviews(stack, users, instanceId);
});
afterAll(() => stack?.close());

interface TaskView { id: string; stepKey: string; assigneeId: number | null; context: { managerId?: number } }
interface InstanceView {
  tasks: TaskView[];
  records: { id: string; taskId: string | null; createdBy: number; data: Record<string, unknown> }[];
  timeline: { type: string; taskId: string | null; data: Record<string, unknown> }[];
}

async function instanceAs(user: string): Promise<InstanceView> {
  const { status, body } = await stack.call('GET', `/api/instances/${instanceId}`, tokens[user]);
  expect(status).toBe(200);
  return body;
}

const stepKeys = (view: InstanceView) => view.tasks.map((t) => t.stepKey).sort();
/** Whose part a task is: the manager it names, else its assignee (the big-customer feedback). */
const partOf = (task: TaskView) => task.context.managerId ?? task.assigneeId;
const teamOf = (supervisor: 'sup1' | 'sup2') => DEMO_MANAGERS.filter((m) => DEMO_SUPERVISOR[m] === supervisor).map((m) => ids[m]!);

/** Every event of the view is about one of its own tasks, or has no task and names no manager outside `managerIds`. */
function timelineWithin(view: InstanceView, managerIds: number[]): void {
  const taskIds = new Set(view.tasks.map((t) => t.id));
  for (const event of view.timeline) {
    if (event.taskId) expect(taskIds.has(event.taskId), event.type).toBe(true);
    else if (typeof event.data.managerId === 'number') expect(managerIds).toContain(event.data.managerId);
  }
}

async function linesAs(user: string, query: string) {
  return stack.call('GET', `/api/allocation/cycles/${month}/lines?${query}`, tokens[user]);
}

describe('月度货源投放: each person reads the parts of the cycle that are theirs to see', () => {
  let adjustmentRecordId: string;

  it('a manager reads only their own part of the instance; a supervisor their team\'s; the dept head everything', async () => {
    // mgr1 adjusts a line with a note; sup1 approves with a comment of their own.
    const line = (await linesAs('mgr1', 'size=100')).body.items.find((l: { drafted: number }) => l.drafted >= 5);
    const adjustment = { customerId: line.customerId, productCode: line.productCode, quantity: line.drafted - 1 };
    const review = await act(stack, tokens.mgr1!, instanceId, `review-${ids.mgr1}`, { data: { adjustments: [adjustment], comment: 'mgr1 的调整说明' } });
    await act(stack, tokens.sup1!, instanceId, `approve-${ids.mgr1}`, { outcome: 'approve', comment: '同意 mgr1 的调整' });
    const head = await eventually(async () => {
      const view = await instanceAs('head');
      return view.records.length === 2 ? view : undefined;
    });
    adjustmentRecordId = head.records.find((r) => r.taskId === review.id)!.id;
    expect(stepKeys(head)).toEqual([...DEMO_MANAGERS.map((m) => `review-${ids[m]}`), `approve-${ids.mgr1}`].sort());

    // mgr2: their own review, nothing written by mgr1 or sup1, the plan's own events still there.
    const mgr2 = await instanceAs('mgr2');
    expect(stepKeys(mgr2)).toEqual([`review-${ids.mgr2}`]);
    expect(mgr2.records).toEqual([]);
    expect(JSON.stringify(mgr2)).not.toContain(adjustmentRecordId);
    timelineWithin(mgr2, [ids.mgr2!]);
    expect(mgr2.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['instance.started', 'allocation.drafted', 'allocation.reviewing']));

    // mgr1: their review, its approval and both records (their adjustment, sup1's comment on it).
    const mgr1 = await instanceAs('mgr1');
    expect(stepKeys(mgr1)).toEqual([`approve-${ids.mgr1}`, `review-${ids.mgr1}`]);
    expect(mgr1.records.map((r) => r.data.comment).sort()).toEqual(['mgr1 的调整说明', '同意 mgr1 的调整'].sort());

    // A supervisor: their managers' parts only.
    const sup2 = await instanceAs('sup2');
    expect(stepKeys(sup2)).toEqual(teamOf('sup2').map((id) => `review-${id}`).sort());
    expect(sup2.records).toEqual([]);
    timelineWithin(sup2, teamOf('sup2'));
    const sup1 = await instanceAs('sup1');
    expect(stepKeys(sup1)).toEqual([...teamOf('sup1').map((id) => `review-${id}`), `approve-${ids.mgr1}`].sort());
    expect(sup1.records.map((r) => r.id)).toContain(adjustmentRecordId);
  });

  it('a supervisor reads their own managers\' lines only, as with the export', async () => {
    const outsideManager = ids.mgr4!;
    expect((await linesAs('sup1', `managerId=${outsideManager}`)).status).toBe(403);
    const own = await linesAs('sup1', `managerId=${ids.mgr1}&size=5`);
    expect(own.status).toBe(200);
    expect(own.body.items.every((l: { managerId: number }) => l.managerId === ids.mgr1)).toBe(true);

    // Without a manager: the team's lines, as many as the dept head counts for those three managers.
    let teamTotal = 0;
    for (const id of teamOf('sup1')) teamTotal += (await linesAs('head', `managerId=${id}&size=1`)).body.total;
    expect((await linesAs('sup1', 'size=1')).body.total).toBe(teamTotal);

    // Naming another team's customer is refused too, for a supervisor and a manager alike.
    const outsideCustomer = (await linesAs('head', `managerId=${outsideManager}&size=1`)).body.items[0].customerId;
    expect((await linesAs('sup1', `customerId=${outsideCustomer}`)).status).toBe(403);
    expect((await linesAs('mgr1', `customerId=${outsideCustomer}`)).status).toBe(403);
    expect((await linesAs('mgr4', `customerId=${outsideCustomer}&size=1`)).status).toBe(200);
    expect((await linesAs('head', `managerId=${outsideManager}&size=1`)).status).toBe(200);
    expect((await linesAs('safety', 'size=1')).status).toBe(403);
  });

  it('once published, a supervisor\'s plan holds their managers\' flags only, and parts stay apart through the month', async () => {
    for (const m of DEMO_MANAGERS.filter((m) => m !== 'mgr1')) await act(stack, tokens[m]!, instanceId, `review-${ids[m]}`, { data: { adjustments: [] } });
    // 抄送 opens the part it copies in on (mgr2's, to mgr5 of the other team), not the instance's other parts.
    const approval = await openTask(stack, tokens.sup1!, instanceId, `approve-${ids.mgr2}`);
    const cc = await stack.call('POST', `/api/tasks/${approval.id}/actions`, tokens.sup1, {
      action: 'cc', userIds: [ids.mgr5], reason: '请参考', requestId: randomUUID(),
    });
    expect(cc.status).toBe(200);
    const copied = await eventually(async () => {
      const view = await instanceAs('mgr5');
      return view.tasks.some((t) => t.id === approval.id) ? view : undefined;
    });
    expect(stepKeys(copied)).toEqual(['mgr2', 'mgr5'].flatMap((m) => [`review-${ids[m]}`, `approve-${ids[m]}`]).sort());
    expect(copied.records.map((r) => r.createdBy).sort()).toEqual([ids.mgr2, ids.mgr5].sort());
    for (const m of DEMO_MANAGERS.filter((m) => m !== 'mgr1')) {
      await act(stack, tokens[DEMO_SUPERVISOR[m]]!, instanceId, `approve-${ids[m]}`, { outcome: 'approve' });
    }
    await act(stack, tokens.head!, instanceId, 'publish', { outcome: 'approve' });
    const plan = await eventually(async () => {
      const { body } = await stack.call('GET', `/api/allocation/cycles/${month}`, tokens.head);
      return body.status === 'published' && body.flags.bigCustomers.length ? body : undefined;
    });
    const flagged = (flags: { managerId: number }[]) => [...new Set(flags.map((f) => f.managerId))];
    // The dept head sees both teams' big customers: the precondition of what follows.
    expect(flagged(plan.flags.bigCustomers).some((id) => teamOf('sup2').includes(id))).toBe(true);
    expect(flagged(plan.flags.bigCustomers).some((id) => teamOf('sup1').includes(id))).toBe(true);

    const sup1Plan = (await stack.call('GET', `/api/allocation/cycles/${month}`, tokens.sup1)).body;
    expect(sup1Plan.flags.bigCustomers.length).toBeGreaterThan(0);
    for (const kind of ['bigCustomers', 'overCap', 'surge']) {
      expect(flagged(sup1Plan.flags[kind]).every((id) => teamOf('sup1').includes(id)), kind).toBe(true);
    }

    // The month's tasks (big-customer feedback, brand feedback, market report): mgr2 still reads only their own.
    const mgr2 = await eventually(async () => {
      const view = await instanceAs('mgr2');
      return view.tasks.some((t) => t.stepKey === `market-report-${ids.mgr2}`) ? view : undefined;
    });
    expect(mgr2.tasks.every((t) => partOf(t) === ids.mgr2)).toBe(true);
    const mgr2TaskIds = new Set(mgr2.tasks.map((t) => t.id));
    expect(mgr2.records.length).toBeGreaterThan(0);
    expect(mgr2.records.every((r) => r.taskId !== null && mgr2TaskIds.has(r.taskId))).toBe(true);
    timelineWithin(mgr2, [ids.mgr2!]);
    expect(mgr2.timeline.map((e) => e.type)).toContain('allocation.published');
  });
});
