import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LearningRecordSchema } from '../../db/entities/index.js';
import { demoUsers } from '../support/demoUsers.js';
import { chinaDay, uploadPhoto } from '../support/hazardFlows.js';
import { startStack, type TestStack } from '../support/stack.js';
import { act, complete, finished, openTask } from '../support/taskFlows.js';

let stack: TestStack;
let tokens: Record<string, string>;
let ids: Record<string, number>;

beforeAll(async () => {
  stack = await startStack();
  const users = await demoUsers(stack);
  tokens = await users.tokens(['mgr1', 'mgr2', 'sup1', 'head', 'leader']);
  ids = users.ids;
});
afterAll(() => stack?.close());

function learning(extra: Record<string, unknown> = {}) {
  return {
    title: '卷烟零售终端建设专题培训', kind: 'training', date: chinaDay(), hours: 3.5,
    content: '学习了现代终端建设标准、陈列规范与客户分类服务要求，计划在辖区内选 3 户试点', ...extra,
  };
}

function submit(token: string, data: Record<string, unknown>, requestId: string = randomUUID()) {
  return stack.call('POST', '/api/processes/learning-record/instances', token, { data, requestId });
}

function list(token: string, query = '') {
  return stack.call('GET', `/api/learning-records${query}`, token);
}

function row(instanceId: string) {
  return stack.orm.em.fork().findOneOrFail(LearningRecordSchema, { instanceId });
}

describe('learning records (学习记录)', () => {
  it('a manager submits with a certificate, their supervisor acknowledges, the year list shows it with its hours', async () => {
    const certificate = await uploadPhoto(stack, tokens.mgr1!);
    const started = await submit(tokens.mgr1!, learning({ certificate: [certificate] }));
    expect(started.status).toBe(201);
    const id = started.body.id;
    expect(started.body.processKey).toBe('learning-record');
    expect(await row(id)).toMatchObject({ userId: ids.mgr1, status: 'submitted', hours: '3.5' });

    const ack = await openTask(stack, tokens.sup1!, id, 'ack');
    expect(ack).toMatchObject({ formKey: 'learning-ack', assigneeId: ids.sup1 });
    // The submitter never acknowledges their own record.
    expect((await complete(stack, tokens.mgr1!, ack.id, { data: {} })).status).toBe(403);
    expect((await complete(stack, tokens.sup1!, ack.id, { data: { comment: '学以致用，试点后交流' } })).status).toBe(200);
    expect((await finished(stack, tokens.mgr1!, id)).status).toBe('completed');

    const mine = await list(tokens.mgr1!);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ user: { id: ids.mgr1 }, year: Number(chinaDay().slice(0, 4)), totalHours: 3.5, people: [ids.mgr1] });
    expect(mine.body.items).toEqual([expect.objectContaining({
      instanceId: id, title: '卷烟零售终端建设专题培训', kind: 'training', date: chinaDay(), hours: 3.5, status: 'acknowledged',
      acknowledgedBy: { id: ids.sup1, name: expect.any(String) },
    })]);
    // The certificate is the record's now: the supervisor can open it.
    const download = await fetch(`${stack.baseUrl}/api/attachments/${certificate}`, { headers: { authorization: `Bearer ${tokens.sup1}` } });
    expect(download.status).toBe(200);
  });

  it('hours add up exactly over a year, newest first; other years stay apart', async () => {
    const year = Number(chinaDay().slice(0, 4)) - 1;
    for (const [date, hours] of [[`${year}-03-02`, 0.1], [`${year}-06-18`, 0.2], [`${year - 1}-12-31`, 8]] as const) {
      expect((await submit(tokens.mgr2!, learning({ date, hours, kind: 'course' }))).status).toBe(201);
    }
    const { body } = await list(tokens.mgr2!, `?year=${year}`);
    expect(body.items.map((item: { date: string; status: string }) => [item.date, item.status]))
      .toEqual([[`${year}-06-18`, 'submitted'], [`${year}-03-02`, 'submitted']]);
    expect(body.totalHours).toBe(0.3);
    expect((await list(tokens.mgr2!, `?year=${year + 10}`)).body).toMatchObject({ items: [], totalHours: 0 });
  });

  it('a supervisor\'s own record goes to the dept head, a dept head\'s to a leader', async () => {
    const { body: { id } } = await submit(tokens.sup1!, learning({ kind: 'self_study', hours: 2 }));
    const ack = await openTask(stack, tokens.head!, id, 'ack');
    expect(ack).toMatchObject({ assigneeId: null, candidateRoles: ['dept_head'] });
    await act(stack, tokens.head!, id, 'ack', { data: {} });
    expect(await row(id)).toMatchObject({ status: 'acknowledged', acknowledgedBy: ids.head });

    const { body: own } = await submit(tokens.head!, learning({ kind: 'exam', hours: 1 }));
    const headAck = await openTask(stack, tokens.leader!, own.id, 'ack');
    expect(headAck).toMatchObject({ assigneeId: null, candidateRoles: ['leader'] });
    expect((await complete(stack, tokens.head!, headAck.id, { data: {} })).status).toBe(403);
  });

  it('who reads whose list: the supervisor their managers\', the dept head everyone\'s, another manager nobody else\'s', async () => {
    const query = `?userId=${ids.mgr1}`;
    expect((await list(tokens.mgr2!, query)).status).toBe(403);
    const bySupervisor = await list(tokens.sup1!, query);
    expect(bySupervisor.status).toBe(200);
    expect(bySupervisor.body.items).toHaveLength(1);
    expect(bySupervisor.body.people).toEqual(expect.arrayContaining([ids.sup1, ids.mgr1, ids.mgr2]));
    expect((await list(tokens.sup1!, `?userId=${ids.head}`)).status).toBe(403);
    const byHead = await list(tokens.head!, query);
    expect(byHead.status).toBe(200);
    expect(byHead.body.people).toBeNull();

    const bad = await list(tokens.head!, '?userId=abc&year=20x6');
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/userId', '/year']);
    expect((await list(tokens.head!, '?userId=999999')).body.errors[0].path).toBe('/userId');
  });

  it('a date in the future is 422 at /date; nothing is stored', async () => {
    const before = await stack.orm.em.fork().count(LearningRecordSchema, {});
    const future = await submit(tokens.mgr1!, learning({ date: chinaDay(1) }));
    expect(future.status).toBe(422);
    expect(future.body.errors).toEqual([{ path: '/date', message: expect.any(String) }]);
    const badHours = await submit(tokens.mgr1!, learning({ hours: 0 }));
    expect(badHours.body.errors.map((e: { path: string }) => e.path)).toEqual(['/hours']);
    expect(await stack.orm.em.fork().count(LearningRecordSchema, {})).toBe(before);
  });

  it('the same requestId twice is one record', async () => {
    const requestId = randomUUID();
    const data = learning({ date: '2024-05-06', title: '新版卷烟营销管理办法学习' });
    const first = await submit(tokens.mgr1!, data, requestId);
    const second = await submit(tokens.mgr1!, data, requestId);
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body.id).toBe(first.body.id);
    expect((await list(tokens.mgr1!, '?year=2024')).body.items).toHaveLength(1);
  });

  it('a record withdrawn before it is acknowledged no longer counts', async () => {
    const { body: { id } } = await submit(tokens.mgr1!, learning({ date: '2023-09-01' }));
    await openTask(stack, tokens.sup1!, id, 'ack');
    const withdrawn = await stack.call('POST', `/api/instances/${id}/withdraw`, tokens.mgr1!, { requestId: randomUUID(), reason: '日期填错' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('cancelled');
    expect((await row(id)).status).toBe('withdrawn');
    expect((await list(tokens.mgr1!, '?year=2023')).body).toMatchObject({ items: [], totalHours: 0 });
  });
});
