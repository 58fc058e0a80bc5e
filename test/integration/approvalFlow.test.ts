import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers, type DemoUsers } from '../support/demoUsers.js';
import { customerOf, proposal, proposeForReview, start } from '../support/regradeFlows.js';
import { startStack, type TestStack } from '../support/stack.js';
import { complete, openTask } from '../support/taskFlows.js';

/*
 * The flow people expect after a decision (issue 15): the next task of the same kind (`step`), 已办 newest
 * first, 抄送我的.
 */
let stack: TestStack;
let users: DemoUsers;
let mgr1: string;
let mgr3: string;
let sup1: string;

beforeAll(async () => {
  stack = await startStack();
  users = await demoUsers(stack);
  ({ mgr1, mgr3, sup1 } = await users.tokens(['mgr1', 'mgr3', 'sup1']));
});
afterAll(() => stack?.close());

const ids = (body: { items: { id: string }[] }) => body.items.map((t) => t.id);

describe('after a decision', () => {
  it('finds the next open task of the same step, lists 已办 by completion time (newest first), and 抄送我的', async () => {
    const first = await proposeForReview(stack, mgr1, sup1, 4, 5);
    const second = await proposeForReview(stack, mgr1, sup1, 6, 7);

    const sameKind = await stack.call('GET', '/api/tasks?view=mine&process=regrade&step=regrade.review', sup1);
    expect(sameKind.status).toBe(200);
    expect(ids(sameKind.body).sort()).toEqual([first.review.id, second.review.id].sort());
    expect((await stack.call('GET', '/api/tasks?view=mine&step=hazard.assess', sup1)).body.total).toBe(0);
    expect((await stack.call('GET', '/api/tasks/counts?step=regrade.review', sup1)).body.mine).toBe(2);

    // Decided second first, then first: 已办 shows first on top, whatever their due dates.
    expect((await complete(stack, sup1, second.review.id, { outcome: 'approve', comment: '同意' })).status).toBe(200);
    expect((await complete(stack, sup1, first.review.id, { outcome: 'reject', comment: '理由不足' })).status).toBe(200);
    const done = await stack.call('GET', '/api/tasks?view=mine&status=done', sup1);
    expect(ids(done.body).slice(0, 2)).toEqual([first.review.id, second.review.id]);
    const oldest = await stack.call('GET', '/api/tasks?view=mine&status=done&sort=completed', sup1);
    expect(ids(oldest.body).indexOf(second.review.id)).toBeLessThan(ids(oldest.body).indexOf(first.review.id));
    const bad = await stack.call('GET', '/api/tasks?view=mine&status=done&sort=finished', sup1);
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['/sort']);
  });

  it('抄送我的 lists the processes the user was copied in on, the latest first, and nobody else\'s', async () => {
    const older = await proposeForReview(stack, mgr1, sup1, 8, 9);
    const newer = await proposeForReview(stack, mgr1, sup1, 10, 11);
    expect((await stack.call('GET', '/api/tasks/cc', mgr3)).body).toMatchObject({ items: [], total: 0 });
    const cc = (taskId: string) => stack.call('POST', `/api/tasks/${taskId}/actions`, sup1,
      { action: 'cc', userIds: [users.ids.mgr3], reason: '请知悉', requestId: randomUUID() });
    expect((await cc(older.review.id)).status).toBe(200);
    expect((await cc(newer.review.id)).status).toBe(200);
    // Copied in twice on the same process is one row.
    expect((await cc(newer.review.id)).status).toBe(200);

    const list = await stack.call('GET', '/api/tasks/cc', mgr3);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((i: { instanceId: string }) => i.instanceId)).toEqual([newer.started.body.id, older.started.body.id]);
    expect(list.body.items[0]).toMatchObject({ processKey: 'regrade', status: 'running', currentStep: expect.any(String), addedBy: users.ids.sup1 });
    expect((await stack.call('GET', `/api/instances/${list.body.items[0].instanceId}`, mgr3)).status).toBe(200);
    const paged = await stack.call('GET', '/api/tasks/cc?size=1&page=2', mgr3);
    expect(paged.body).toMatchObject({ total: 2, page: 2, size: 1 });
    expect(paged.body.items[0].instanceId).toBe(older.started.body.id);
    expect((await stack.call('GET', '/api/tasks/cc', sup1)).body.total).toBe(0);
    expect((await stack.call('GET', '/api/tasks/cc')).status).toBe(401);
  });
});

/** A 1×1 PNG and a tiny PDF: a shop photo and a voucher. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n'
  + 'trailer <</Root 1 0 R>>\n%%EOF\n', 'latin1');

async function upload(token: string, name: string, type: string, bytes: Buffer, taskId?: string): Promise<string> {
  const params = new URLSearchParams({ name, ...(taskId ? { taskId } : {}) });
  const response = await fetch(`${stack.baseUrl}/api/attachments?${params}`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body: new Uint8Array(bytes),
  });
  const body = await response.json() as { id: string };
  expect(response.status).toBe(201);
  return body.id;
}

describe('regrade evidence', () => {
  it('is optional on the proposal, seen by the supervisor, kept for the revision after 退回 and added to there', async () => {
    // Without evidence, as before.
    expect((await proposeForReview(stack, mgr1, sup1, 12, 13)).started.status).toBe(201);

    const photo = await upload(mgr1, '门店照片.png', 'image/png', PNG);
    const customer = await customerOf(stack, mgr1, 14);
    const bad = await start(stack, mgr1, proposal(customer.id, 15, { attachments: ['not-an-attachment'] }));
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['/attachments/0']);
    const started = await start(stack, mgr1, proposal(customer.id, 15, { attachments: [photo] }));
    expect(started.status).toBe(201);

    // The supervisor reads the proposal's photo (meta and bytes); another team's supervisor does not.
    const review = await openTask(stack, sup1, started.body.id, 'review');
    const detail = await stack.call('GET', `/api/instances/${started.body.id}`, sup1);
    expect(detail.body.records[0].data.attachments).toEqual([photo]);
    expect((await stack.call('GET', `/api/attachments/${photo}/meta`, sup1)).body).toMatchObject({ name: '门店照片.png', contentType: 'image/png' });
    const sup2 = await stack.login('sup2');
    expect((await stack.call('GET', `/api/attachments/${photo}/meta`, sup2)).status).toBe(403);

    // 退回 asking for vouchers: the revision starts from what was attached.
    expect((await complete(stack, sup1, review.id, { outcome: 'return', comment: '请补充进货凭证照片' })).status).toBe(200);
    const revise = await openTask(stack, mgr1, started.body.id, 'revise');
    expect(revise.prefill.attachments).toEqual([photo]);
    const voucher = await upload(mgr1, '进货凭证.pdf', 'application/pdf', PDF, revise.id);
    const revised = await complete(stack, mgr1, revise.id, { data: { ...revise.prefill, attachments: [photo, voucher] } });
    expect(revised.status).toBe(200);

    const again = await openTask(stack, sup1, started.body.id, 'review#2');
    expect(again.status).toBe('open');
    const after = await stack.call('GET', `/api/instances/${started.body.id}`, sup1);
    const last = after.body.records.find((r: { taskId: string | null }) => r.taskId === revise.id);
    expect(last.data.attachments).toEqual([photo, voucher]);
    const pdf = await fetch(`${stack.baseUrl}/api/attachments/${voucher}`, { headers: { authorization: `Bearer ${sup1}` } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
  });
});

describe('the starter 催办 their pending step', () => {
  const chase = (token: string, instanceId: string, body: Record<string, unknown> = {}) =>
    stack.call('POST', `/api/instances/${instanceId}/chase`, token, { requestId: randomUUID(), ...body });

  it('tells whoever holds the task, with the starter\'s words in the notification and the timeline, once an hour', async () => {
    const mgr2 = await stack.login('mgr2');
    const { started, review } = await proposeForReview(stack, mgr2, sup1, 4, 5);
    const id = started.body.id as string;

    expect((await chase(sup1, id)).status).toBe(403);
    expect((await chase(mgr3, id)).status).toBe(404);
    const long = await chase(mgr2, id, { comment: '催'.repeat(501) });
    expect(long.status).toBe(422);
    expect(long.body.errors.map((e: { path: string }) => e.path)).toEqual(['/comment']);

    const requestId = randomUUID();
    const first = await chase(mgr2, id, { requestId, comment: '  客户等着调档，请今天审核  ' });
    expect(first.status).toBe(200);
    expect(first.body.chased).toEqual([{ taskId: review.id, step: 'regrade.review', userIds: [users.ids.sup1] }]);
    expect(Date.parse(first.body.nextAt) - Date.now()).toBeGreaterThan(59 * 60_000);
    // The same request again is the same chase: the same answer, one notification, one event.
    const again = await chase(mgr2, id, { requestId, comment: '  客户等着调档，请今天审核  ' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);

    const bell = await stack.call('GET', '/api/me/notifications', sup1);
    const chased = bell.body.items.filter((n: { kind: string; taskId: string }) => n.kind === 'task_chased' && n.taskId === review.id);
    expect(chased).toHaveLength(1);
    expect(chased[0].data).toMatchObject({ comment: '客户等着调档，请今天审核', step: 'regrade.review', by: users.ids.mgr2, processKey: 'regrade' });
    const detail = await stack.call('GET', `/api/instances/${id}`, mgr2);
    const events = detail.body.timeline.filter((e: { type: string }) => e.type === 'task.chased');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: users.ids.mgr2, taskId: review.id, data: { comment: '客户等着调档，请今天审核' } });
    // The supervisor reads the words on the timeline too.
    expect((await stack.call('GET', `/api/instances/${id}`, sup1)).body.timeline.some((e: { type: string }) => e.type === 'task.chased')).toBe(true);

    // Within the hour: refused, saying when.
    const soon = await chase(mgr2, id, { comment: '再催一次' });
    expect(soon.status).toBe(409);
    expect(soon.body.error.message).toContain('每小时');
    expect(Math.abs(Date.parse(soon.body.error.details.nextAt) - Date.parse(first.body.nextAt))).toBeLessThan(5_000);
  });

  it('two chases at once make one; nothing to chase when the step is the starter\'s own or the process ended', async () => {
    const mgr2 = await stack.login('mgr2');
    const { started, review } = await proposeForReview(stack, mgr2, sup1, 6, 7);
    const id = started.body.id as string;
    const both = await Promise.all([chase(mgr2, id), chase(mgr2, id)]);
    expect(both.map((a) => a.status).sort()).toEqual([200, 409]);
    const bell = await stack.call('GET', '/api/me/notifications', sup1);
    expect(bell.body.items.filter((n: { kind: string; taskId: string }) => n.kind === 'task_chased' && n.taskId === review.id)).toHaveLength(1);

    // Sent back: the open step is the starter's own revision.
    expect((await complete(stack, sup1, review.id, { outcome: 'return', comment: '请补充照片' })).status).toBe(200);
    await openTask(stack, mgr2, id, 'revise');
    const own = await chase(mgr2, id);
    expect(own.status).toBe(409);
    expect(own.body.error.message).toContain('没有');

    expect((await stack.call('POST', `/api/instances/${id}/withdraw`, mgr2, { requestId: randomUUID() })).status).toBe(200);
    const ended = await chase(mgr2, id);
    expect(ended.status).toBe(409);
    expect(ended.body.error.message).toContain('已结束');
  });
});
