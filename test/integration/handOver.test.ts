import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEventSchema } from '../../db/entities/index.js';
import { addDemoUser, demoUsers, type DemoUsers } from '../support/demoUsers.js';
import { customerOf, proposal, start } from '../support/regradeFlows.js';
import { eventually, startStack, type TestStack } from '../support/stack.js';
import { complete, finished, openTask } from '../support/taskFlows.js';

/*
 * Issue 14: nothing is lost when people leave or customers move. A deactivated user's open tasks go to
 * their supervisor (else the step's role queue), a moved customer's open tasks to its new manager — each
 * through the task's workflow, audited, the new holder notified — and the new holder finishes the process.
 */

let stack: TestStack;
let users: DemoUsers;
let admin: string;
let head: string;

beforeAll(async () => {
  stack = await startStack({ DUTYFLOW_RECONCILE_INTERVAL: '0.3s' });
  users = await demoUsers(stack);
  ({ admin, head } = await users.tokens(['admin', 'head']));
});
afterAll(() => stack?.close());

/** A supervisor (reporting to `supervisorId`, if given) and a manager of theirs with one customer moved over from mgr1, at `tier`. */
async function team(name: string, tier: number, supervisorId: number | null) {
  const supId = await addDemoUser(stack, { username: `sup_${name}`, displayName: `${name}主管`, roles: ['supervisor'] });
  const mgrId = await addDemoUser(stack, { username: `mgr_${name}`, displayName: `${name}经理`, roles: ['customer_manager'] });
  expect((await stack.call('PATCH', `/api/admin/users/${supId}`, admin, { supervisorId })).status).toBe(200);
  expect((await stack.call('PATCH', `/api/admin/users/${mgrId}`, admin, { supervisorId: supId })).status).toBe(200);
  const customer = await customerOf(stack, await users.token('mgr1'), tier);
  const moved = await stack.call('POST', '/api/admin/customers/reassign', admin, { customerIds: [customer.id], toManagerId: mgrId });
  expect(moved.body.moved).toBe(1);
  const [sup, mgr] = [await stack.login(`sup_${name}`), await stack.login(`mgr_${name}`)];
  return { supId, mgrId, sup, mgr, customer };
}

async function task(token: string, id: string) {
  return (await stack.call('GET', `/api/tasks/${id}`, token)).body;
}

async function handOverEvents(taskId: string) {
  const events = await stack.orm.em.fork().find(AuditEventSchema, { taskId, type: 'task.handedOver' });
  return events.map((e) => ({ actorId: e.actorId ?? null, data: e.data }));
}

async function notificationsOf(token: string) {
  return (await stack.call('GET', '/api/me/notifications', token)).body.items as { kind: string; taskId: string | null }[];
}

describe('a deactivated user\'s open tasks are handed on (real Temporal + PostgreSQL)', () => {
  it('a supervisor\'s review goes to their own supervisor, who decides it; audited and notified; the old session ends', async () => {
    const { supId, sup, mgr, customer } = await team('a', 10, users.ids.head!);
    const started = await start(stack, mgr, proposal(customer.id, 11));
    const review = await openTask(stack, sup, started.body.id, 'review');

    const deactivated = await stack.call('PATCH', `/api/admin/users/${supId}`, admin, { active: false });
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.active).toBe(false);
    expect(deactivated.body.handOver).toEqual({ requested: 1, handedOver: 1, pending: 0 });
    expect((await stack.call('GET', '/api/me', sup)).status).toBe(401);

    const handed = await task(head, review.id);
    expect(handed.status).toBe('open');
    expect(handed.assigneeId).toBe(users.ids.head);
    expect(await handOverEvents(review.id)).toEqual([{
      actorId: users.ids.admin, data: { from: supId, to: users.ids.head, roles: [], reason: 'deactivated' },
    }]);
    expect((await notificationsOf(head)).some((n) => n.kind === 'task_assigned' && n.taskId === review.id)).toBe(true);

    expect((await complete(stack, head, review.id, { outcome: 'approve', comment: '同意' })).status).toBe(200);
    expect((await finished(stack, mgr, started.body.id)).status).toBe('completed');
  });

  it('without an active supervisor the task goes to the step\'s role queue (the review: the dept head\'s)', async () => {
    const { supId, sup, mgr, customer } = await team('b', 12, null);
    const started = await start(stack, mgr, proposal(customer.id, 13));
    const review = await openTask(stack, sup, started.body.id, 'review');

    const deactivated = await stack.call('PATCH', `/api/admin/users/${supId}`, admin, { active: false });
    expect(deactivated.body.handOver).toEqual({ requested: 1, handedOver: 1, pending: 0 });
    const handed = await task(head, review.id);
    expect(handed.assigneeId).toBeNull();
    expect(handed.candidateRoles).toEqual(['dept_head']);
    const group = await stack.call('GET', '/api/tasks?view=group', head);
    expect(group.body.items.map((t: { id: string }) => t.id)).toContain(review.id);

    expect((await complete(stack, head, review.id, { outcome: 'approve', comment: '同意' })).status).toBe(200);
    expect((await finished(stack, mgr, started.body.id)).status).toBe('completed');
  });

  it('a task opened for someone after their deactivation is handed on by the reconciler', async () => {
    const { supId, sup, mgr, customer } = await team('c', 14, users.ids.head!);
    const started = await start(stack, mgr, proposal(customer.id, 15));
    const review = await openTask(stack, sup, started.body.id, 'review');
    expect((await complete(stack, sup, review.id, { outcome: 'return', comment: '请补充走访照片' })).status).toBe(200);
    // The supervisor leaves while the proposal is back with the manager: nothing of theirs is open.
    const deactivated = await stack.call('PATCH', `/api/admin/users/${supId}`, admin, { active: false });
    expect(deactivated.body.handOver).toEqual({ requested: 0, handedOver: 0, pending: 0 });

    const revise = await openTask(stack, mgr, started.body.id, 'revise');
    expect((await complete(stack, mgr, revise.id, { data: { ...revise.prefill, visitFacts: '补充：门头照片已拍' } })).status).toBe(200);
    // The workflow opens the second review for the supervisor it started with; the reconciler hands it on.
    const again = await eventually(async () => {
      const open = await openTask(stack, head, started.body.id, 'review#2');
      return open.assigneeId === users.ids.head ? open : undefined;
    });
    expect(await handOverEvents(again.id)).toEqual([{
      actorId: null, data: { from: supId, to: users.ids.head, roles: [], reason: 'deactivated' },
    }]);
    expect((await complete(stack, head, again.id, { outcome: 'approve', comment: '同意' })).status).toBe(200);
    expect((await finished(stack, mgr, started.body.id)).status).toBe('completed');
  });
});

describe('a deactivated customer manager', () => {
  it('hands their revision to their supervisor; their customers stay theirs and are listed for the admin to reassign', async () => {
    const { supId, sup, mgr, mgrId, customer } = await team('e', 18, null);
    const started = await start(stack, mgr, proposal(customer.id, 19));
    const review = await openTask(stack, sup, started.body.id, 'review');
    expect((await complete(stack, sup, review.id, { outcome: 'return', comment: '请补充' })).status).toBe(200);
    const revise = await openTask(stack, mgr, started.body.id, 'revise');

    const deactivated = await stack.call('PATCH', `/api/admin/users/${mgrId}`, admin, { active: false });
    expect(deactivated.body.handOver).toEqual({ requested: 1, handedOver: 1, pending: 0 });
    expect((await task(sup, revise.id)).assigneeId).toBe(supId);

    const orphans = await stack.call('GET', '/api/customers?managerInactive=true', admin);
    expect(orphans.status).toBe(200);
    expect(orphans.body.items.map((c: { id: number; managerId: number }) => [c.id, c.managerId])).toEqual([[customer.id, mgrId]]);
    const bad = await stack.call('GET', '/api/customers?managerInactive=maybe', admin);
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('/managerInactive');
  });
});

describe('a moved customer\'s open tasks follow it to the new manager', () => {
  it('the revision the former manager holds goes to the new manager, who resubmits; audited, notified', async () => {
    const { sup, mgr, mgrId, customer } = await team('d', 16, users.ids.head!);
    const started = await start(stack, mgr, proposal(customer.id, 17));
    const review = await openTask(stack, sup, started.body.id, 'review');
    expect((await complete(stack, sup, review.id, { outcome: 'return', comment: '请补充进货数据' })).status).toBe(200);
    const revise = await openTask(stack, mgr, started.body.id, 'revise');

    const newManager = await addDemoUser(stack, { username: 'mgr_d2', displayName: '接手经理', roles: ['customer_manager'] });
    const mgr2 = await stack.login('mgr_d2');
    const moved = await stack.call('POST', '/api/admin/customers/reassign', admin, { customerIds: [customer.id], toManagerId: newManager });
    expect(moved.status).toBe(200);
    expect(moved.body.handOver).toEqual({ requested: 1, handedOver: 1, pending: 0 });

    expect((await task(mgr2, revise.id)).assigneeId).toBe(newManager);
    expect((await complete(stack, mgr, revise.id, { data: revise.prefill })).status).toBe(403);
    expect(await handOverEvents(revise.id)).toEqual([{
      actorId: users.ids.admin, data: { from: mgrId, to: newManager, roles: [], reason: 'customerReassigned' },
    }]);
    expect((await notificationsOf(mgr2)).some((n) => n.kind === 'task_assigned' && n.taskId === revise.id)).toBe(true);

    expect((await complete(stack, mgr2, revise.id, { data: { ...revise.prefill, visitFacts: '接手后补充进货数据' } })).status).toBe(200);
    const again = await openTask(stack, sup, started.body.id, 'review#2');
    expect((await complete(stack, sup, again.id, { outcome: 'approve', comment: '同意' })).status).toBe(200);
    expect((await finished(stack, mgr2, started.body.id)).status).toBe('completed');
  });
});
