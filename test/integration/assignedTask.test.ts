import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssignedTrackSchema, AttachmentSchema, TaskSchema } from '../../db/entities/index.js';
import { reportProgressUpdate } from '../../workflows/definitions.js';
import { demoUsers } from '../support/demoUsers.js';
import { chinaDay, uploadPhoto } from '../support/hazardFlows.js';
import { startStack, type TestStack } from '../support/stack.js';
import { act, finished, openTask } from '../support/taskFlows.js';

let stack: TestStack;
let leader: string;
let mgr1: string;
let mgr2: string;
let ids: Record<string, number>;

beforeAll(async () => {
  stack = await startStack();
  const users = await demoUsers(stack);
  ({ leader, mgr1, mgr2 } = await users.tokens(['leader', 'mgr1', 'mgr2']));
  ids = users.ids;
});
afterAll(() => stack?.close());

function assign(extra: Record<string, unknown> = {}) {
  return stack.call('POST', '/api/processes/assigned-task/instances', leader, {
    requestId: randomUUID(),
    data: {
      title: '年末零售户走访', requirement: '走访辖区全部零售户，核实经营状况并更新客户资料', assigneeIds: [ids.mgr1, ids.mgr2],
      mode: 'separate', deadline: chinaDay(10), priority: 'high', ...extra,
    },
  });
}

const track = (instanceId: string, assignee: string) => `/api/assigned-tasks/${instanceId}/tracks/${ids[assignee]}`;

async function linkedTo(attachmentId: string) {
  return (await stack.orm.em.fork().findOneOrFail(AttachmentSchema, { id: attachmentId })).instanceId ?? null;
}

async function row(instanceId: string, assignee: string) {
  return stack.orm.em.fork().findOneOrFail(AssignedTrackSchema, { instanceId, assigneeId: ids[assignee]! });
}

describe('领导交办事项 (督办)', () => {
  it('two assignees each on their own track: a question, feedback, a chase, one return, ratings, closed', async () => {
    const started = await assign();
    expect(started.status).toBe(201);
    const id = started.body.id as string;

    await act(stack, mgr1, id, `accept-${ids.mgr1}`, { outcome: 'accept' });
    await act(stack, mgr2, id, `accept-${ids.mgr2}`, { outcome: 'clarify', comment: '是否包括暂停营业的零售户？' });
    await act(stack, leader, id, `clarify-${ids.mgr2}`, { data: { answer: '包括，暂停营业的也要上门核实' } });
    await act(stack, mgr2, id, `accept-${ids.mgr2}#2`, { outcome: 'accept' });

    const feedback = await stack.call('POST', `${track(id, 'mgr1')}/progress`, mgr1, { requestId: 'f-1', data: { percent: 40, content: '已走访 24 户，资料更新 20 户' } });
    expect(feedback.status).toBe(200);
    // The same submission again is the same record.
    const again = await stack.call('POST', `${track(id, 'mgr1')}/progress`, mgr1, { requestId: 'f-1', data: { percent: 40, content: '已走访 24 户，资料更新 20 户' } });
    expect(again.body.recordId).toBe(feedback.body.recordId);
    expect((await stack.call('POST', `${track(id, 'mgr1')}/progress`, mgr2, { requestId: 'f-2', data: { percent: 10, content: '不是我的事项' } })).status).toBe(403);
    expect((await stack.call('POST', `${track(id, 'mgr2')}/chase`, leader, { requestId: 'c-1', data: { comment: '请本周内反馈进度' } })).status).toBe(204);
    expect((await stack.call('POST', `${track(id, 'mgr2')}/chase`, mgr1, { requestId: 'c-2', data: { comment: '催一下' } })).status).toBe(403);
    // The leader's words are kept: in mgr2's notification (with who chased) and on the timeline.
    const chased = (await stack.call('GET', '/api/me/notifications', mgr2)).body.items.filter((n: { kind: string }) => n.kind === 'task_chased');
    expect(chased).toEqual([expect.objectContaining({ instanceId: id, data: expect.objectContaining({ comment: '请本周内反馈进度', actorName: '王局长' }) })]);
    const timeline = (await stack.call('GET', `/api/instances/${id}`, leader)).body.timeline as { type: string }[];
    expect(timeline.filter((e) => e.type === 'assignment.chased')).toEqual([
      expect.objectContaining({ actorId: ids.leader, data: expect.objectContaining({ comment: '请本周内反馈进度', assigneeId: ids.mgr2 }) }),
    ]);

    const report = { data: { summary: '辖区 60 户全部走访完毕，更新资料 52 户', completedOn: chinaDay() } };
    await act(stack, mgr1, id, `report-${ids.mgr1}`, report);
    await act(stack, leader, id, `review-${ids.mgr1}`, { outcome: 'accept', data: { rating: 5 } });
    await act(stack, mgr2, id, `report-${ids.mgr2}`, report);
    await act(stack, leader, id, `review-${ids.mgr2}`, { outcome: 'return', comment: '缺少暂停营业户的核实情况' });
    await act(stack, mgr2, id, `report-${ids.mgr2}#2`, { data: { ...report.data, summary: '补充：暂停营业 5 户已上门核实并拍照' } });
    await act(stack, leader, id, `review-${ids.mgr2}#2`, { outcome: 'accept', data: { rating: 4 } });

    expect((await finished(stack, leader, id)).status).toBe('completed');
    expect(await row(id, 'mgr1')).toMatchObject({ status: 'closed', rating: 5, rounds: 1, feedbackCount: 1 });
    expect(await row(id, 'mgr2')).toMatchObject({ status: 'closed', rating: 4, rounds: 2, chaseCount: 1 });
    const board = await stack.call('GET', '/api/assigned-tasks?status=closed', leader);
    expect(board.body.items.filter((r: { instanceId: string }) => r.instanceId === id)).toHaveLength(2);
  });

  it('an extension asked in time and approved moves the deadline; one asked too late is refused', async () => {
    const { body: { id } } = await assign({ assigneeIds: [ids.mgr1] });
    await act(stack, mgr1, id, `accept-${ids.mgr1}`, { outcome: 'accept' });
    const report = await openTask(stack, mgr1, id, `report-${ids.mgr1}`);
    const asked = await stack.call('POST', `${track(id, 'mgr1')}/extension`, mgr1, { requestId: 'e-1', data: { newDeadline: chinaDay(15), reason: '部分零售户年底歇业，需延后走访' } });
    expect(asked.status).toBe(200);
    const notLater = await stack.call('POST', `${track(id, 'mgr1')}/extension`, mgr1, { requestId: 'e-2', data: { newDeadline: chinaDay(5), reason: '再延一次' } });
    expect(notLater.status).toBe(422);
    await act(stack, leader, id, `extension-${ids.mgr1}`, { outcome: 'approve' });
    const moved = await stack.orm.em.fork().findOneOrFail(TaskSchema, { id: report.id });
    expect(moved.dueAt!.getTime() - new Date(report.dueAt).getTime()).toBe(5 * 86_400_000);
    expect(await row(id, 'mgr1')).toMatchObject({ originalDeadline: chinaDay(10), deadline: chinaDay(15), extensionCount: 1 });

    // Past the (moved) deadline an extension can no longer be asked for.
    await stack.orm.em.fork().nativeUpdate(AssignedTrackSchema, { instanceId: id, assigneeId: ids.mgr1! }, { deadline: chinaDay(-1) });
    const late = await stack.call('POST', `${track(id, 'mgr1')}/extension`, mgr1, { requestId: 'e-3', data: { newDeadline: chinaDay(20), reason: '还需要时间' } });
    expect(late.status).toBe(422);
    expect(late.body.errors[0].path).toBe('/newDeadline');
  });

  it('judges overdue against the original deadline, whatever the extensions', async () => {
    const { body: { id } } = await assign({ assigneeIds: [ids.mgr2], title: '核查违规经营线索' });
    await openTask(stack, mgr2, id, `accept-${ids.mgr2}`);
    // As if assigned two weeks ago with a deadline last week, later extended to next week.
    await stack.orm.em.fork().nativeUpdate(AssignedTrackSchema, { instanceId: id, assigneeId: ids.mgr2! }, { originalDeadline: chinaDay(-7), deadline: chinaDay(7) });
    const board = await stack.call('GET', '/api/assigned-tasks', leader);
    const item = board.body.items.find((r: { instanceId: string }) => r.instanceId === id);
    expect(item).toMatchObject({ overdue: true, daysOverdue: 7, deadline: chinaDay(7) });
    expect(board.body.items[0].overdue).toBe(true); // overdue first
    const mine = await stack.call('GET', '/api/assigned-tasks?view=mine', mgr2);
    expect(mine.body.items.map((r: { instanceId: string }) => r.instanceId)).toContain(id);
    expect((await stack.call('GET', '/api/assigned-tasks?view=all', mgr2)).status).toBe(403);
  });

  it('a progress update the workflow refuses (not on the track) links none of its files to the instance', async () => {
    const { body: { id } } = await assign({ assigneeIds: [ids.mgr1] });
    const photo = await uploadPhoto(stack, mgr2);
    const refused = await stack.call('POST', `${track(id, 'mgr1')}/progress`, mgr2, { requestId: randomUUID(), data: { percent: 10, content: '不是我的事项', files: [photo] } });
    expect(refused.status).toBe(403);
    expect(await linkedTo(photo)).toBeNull();
  });

  it('a retry after the workflow accepted but before the files were linked (a crash) links them', async () => {
    const { body: { id } } = await assign({ assigneeIds: [ids.mgr1] });
    const photo = await uploadPhoto(stack, mgr1);
    const data = { percent: 30, content: '已走访 18 户，拍照留存', files: [photo] };
    // All the first call got done before it died: the workflow accepted (under the API's update id).
    const accepted = await stack.temporal.workflow.getHandle(id).executeUpdate(reportProgressUpdate, {
      args: [{ actor: { id: ids.mgr1!, roles: ['customer_manager'] }, assigneeId: ids.mgr1!, data, requestId: 'p-1' }],
      updateId: `${reportProgressUpdate.name}:${ids.mgr1}:${ids.mgr1}:p-1`,
    });
    expect(await linkedTo(photo)).toBeNull();
    const retried = await stack.call('POST', `${track(id, 'mgr1')}/progress`, mgr1, { requestId: 'p-1', data });
    expect(retried.status).toBe(200);
    expect(retried.body.recordId).toBe(accepted.recordId);
    expect(await linkedTo(photo)).toBe(id);
  });

  it('only leaders assign, never to themselves, and not with a past deadline', async () => {
    expect((await stack.call('POST', '/api/processes/assigned-task/instances', mgr1, { requestId: randomUUID(), data: {} })).status).toBe(403);
    const bad = await assign({ assigneeIds: [ids.leader], deadline: chinaDay(-1) });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/assigneeIds', '/deadline']);
  });
});
