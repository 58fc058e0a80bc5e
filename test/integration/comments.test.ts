import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEventSchema, CommentSchema } from '../../db/entities/index.js';
import { Migration20261208111000_commentWebhookKinds } from '../../db/migrations/Migration20261208111000_commentWebhookKinds.js';
import { arrayParam, TEXT_ARRAY_PARAM } from '../../db/sqlArrays.js';
import { demoUsers, type DemoUsers } from '../support/demoUsers.js';
import { proposeForReview } from '../support/regradeFlows.js';
import { eventually, startStack, type TestStack } from '../support/stack.js';

/** The 评论 thread of a process (issue 15): who reads and writes it, who is told, and what one request stores. */
let stack: TestStack;
let users: DemoUsers;
let tokens: Record<'mgr1' | 'mgr4' | 'sup1' | 'head', string>;
let instanceId: string;

interface NotificationItem {
  kind: string;
  taskId: string | null;
  instanceId: string | null;
  data: Record<string, unknown>;
}

const comments = (token: string, id = instanceId) => stack.call('GET', `/api/instances/${id}/comments`, token);
const post = (token: string, body: unknown, headers?: Record<string, string>) =>
  stack.call('POST', `/api/instances/${instanceId}/comments`, token, body, headers);
/** The caller's notifications of comments on the instance. */
const told = async (token: string): Promise<NotificationItem[]> => ((await stack.call('GET', '/api/me/notifications?size=100', token)).body
  .items as NotificationItem[]).filter((n) => n.instanceId === instanceId && n.kind.startsWith('comment_'));

beforeAll(async () => {
  // The webhook receiver below listens on 127.0.0.1, which webhooks may reach only when allowed.
  stack = await startStack({ DUTYFLOW_WEBHOOK_ALLOW: '127.0.0.1' });
  users = await demoUsers(stack);
  tokens = await users.tokens(['mgr1', 'mgr4', 'sup1', 'head']);
  // mgr1 proposes, sup1 reviews: both take part; mgr4 (the other team) may not see it.
  const { started } = await proposeForReview(stack, tokens.mgr1, tokens.sup1, 10, 11);
  instanceId = started.body.id;
});
afterAll(() => stack?.close());

describe('the comments of a process', () => {
  it('a participant @-mentions another, who is told in the bell and by their webhook; the starter hears of a comment too', async () => {
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    const receiver: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const port = (receiver.address() as { port: number }).port;
      expect((await stack.call('PUT', '/api/me/webhook', tokens.mgr1, { url: `http://127.0.0.1:${port}/`, enabled: true })).status).toBe(200);

      const text = `@${users.names.mgr1} 请补充近三个月的进货凭证照片`;
      const added = await post(tokens.sup1, { requestId: randomUUID(), text: `  ${text}\n`, mentions: [users.ids.mgr1] });
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ instanceId, authorId: users.ids.sup1, text, mentions: [users.ids.mgr1] });

      // mgr1 is told once, as mentioned (not also as the starter), with sup1's name and words.
      expect(await told(tokens.mgr1)).toEqual([expect.objectContaining({
        kind: 'comment_mentioned', taskId: null,
        data: expect.objectContaining({ processKey: 'regrade', actorId: users.ids.sup1, actorName: users.names.sup1, comment: text }),
      })]);
      const delivery = await eventually(async () => received.find((r) => r.headers['x-dutyflow-event'] === 'comment_mentioned'), 30_000);
      expect(JSON.parse(delivery.body)).toMatchObject({ kind: 'comment_mentioned', data: { comment: text }, links: { task: null, instance: expect.stringContaining(instanceId) } });
      // The author is told nothing of their own comment.
      expect(await told(tokens.sup1)).toEqual([]);

      // The dept head (who sees every process) mentions sup1: sup1 is mentioned, mgr1 hears of it as the starter.
      expect((await post(tokens.head, { requestId: randomUUID(), text: `@${users.names.sup1} 请今天内审完`, mentions: [users.ids.sup1] })).status).toBe(201);
      expect((await told(tokens.sup1)).map((n) => n.kind)).toEqual(['comment_mentioned']);
      expect((await told(tokens.mgr1)).map((n) => n.kind).sort()).toEqual(['comment_added', 'comment_mentioned']);

      // Both read the thread oldest first; the timeline has an event per comment, without the text.
      const thread = await comments(tokens.mgr1);
      expect(thread.status).toBe(200);
      expect(thread.body.items.map((c: { authorId: number }) => c.authorId)).toEqual([users.ids.sup1, users.ids.head]);
      const events = (await stack.call('GET', `/api/instances/${instanceId}`, tokens.sup1)).body.timeline.filter((e: { type: string }) => e.type === 'comment.added');
      expect(events.map((e: { actorId: number }) => e.actorId)).toEqual([users.ids.sup1, users.ids.head]);
    } finally {
      await stack.call('DELETE', '/api/me/webhook', tokens.mgr1);
      await new Promise((r) => receiver.close(r));
    }
  });

  it('is hidden from whoever may not see the process: 404 reading and writing, as the instance itself', async () => {
    expect((await comments(tokens.mgr4)).status).toBe(404);
    const refused = await post(tokens.mgr4, { requestId: randomUUID(), text: '路过看看' });
    expect(refused.status).toBe(404);
    expect((await stack.call('GET', `/api/instances/${instanceId}`, tokens.mgr4)).status).toBe(404);
    expect(await stack.orm.em.fork().count(CommentSchema, { authorId: users.ids.mgr4 })).toBe(0);
    expect((await comments(tokens.sup1, randomUUID())).status).toBe(404);
  });

  it('refuses a mention of someone who may not see the process, naming them, and stores nothing and tells nobody', async () => {
    const before = (await comments(tokens.sup1)).body.items.length;
    const refused = await post(tokens.sup1, {
      requestId: randomUUID(), text: `@${users.names.mgr1} @${users.names.mgr4} 一起看看`, mentions: [users.ids.mgr1, users.ids.mgr4],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ path: '/mentions/1', message: `${users.names.mgr4} 无权查看此流程，不能 @ TA` }]);
    expect((await comments(tokens.sup1)).body.items).toHaveLength(before);
    expect(await told(tokens.mgr4)).toEqual([]);
    expect((await told(tokens.mgr1)).filter((n) => n.kind === 'comment_mentioned')).toHaveLength(1);

    const unknown = await post(tokens.sup1, { requestId: randomUUID(), text: '看看', mentions: [999_999] }, { 'accept-language': 'en' });
    expect(unknown.body.errors).toEqual([{ path: '/mentions/0', message: 'No such active user' }]);
  });

  it('stores a comment sent twice with one requestId once, and answers both with it', async () => {
    const body = { requestId: randomUUID(), text: '已电话联系客户，周五补交材料', mentions: [users.ids.sup1] };
    const answers = await Promise.all([post(tokens.mgr1, body), post(tokens.mgr1, body)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    expect(answers[0]!.body).toEqual(answers[1]!.body);
    const id = answers[0]!.body.id as string;
    expect((await comments(tokens.mgr1)).body.items.filter((c: { id: string }) => c.id === id)).toHaveLength(1);
    expect((await post(tokens.mgr1, body)).body.id).toBe(id);
    const em = stack.orm.em.fork();
    expect(await em.count(AuditEventSchema, { type: 'comment.added', actorId: users.ids.mgr1 })).toBe(1);
    expect((await told(tokens.sup1)).filter((n) => n.kind === 'comment_mentioned')).toHaveLength(2);
    // The same id for other words is another comment: refused.
    expect((await post(tokens.mgr1, { ...body, text: '另一条评论' })).status).toBe(409);
  });

  it('refuses a blank, missing or too long text at /text in the caller\'s language, storing nothing', async () => {
    const before = (await comments(tokens.sup1)).body.items.length;
    const blank = await post(tokens.sup1, { requestId: randomUUID(), text: ' \n\t ' });
    expect(blank.status).toBe(422);
    expect(blank.body.errors).toEqual([{ path: '/text', message: '请填写评论内容（最多 2000 个字）' }]);
    const missing = await post(tokens.sup1, { requestId: randomUUID() }, { 'accept-language': 'en' });
    expect(missing.body.errors).toEqual([{ path: '/text', message: 'Write a comment (at most 2000 characters)' }]);
    const long = await post(tokens.sup1, { requestId: randomUUID(), text: '长'.repeat(2001) });
    expect(long.body.errors.map((e: { path: string }) => e.path)).toEqual(['/text']);
    const twice = await post(tokens.sup1, { requestId: randomUUID(), text: '看看', mentions: [users.ids.mgr1, users.ids.mgr1] });
    expect(twice.body.errors).toEqual([{ path: '/mentions', message: '最多可以 @ 20 个人，且不能重复' }]);
    expect((await comments(tokens.sup1)).body.items).toHaveLength(before);
  });

  it('tells the webhooks saved for every kind before comments existed, and not those that chose some kinds', async () => {
    const before = ['task_assigned', 'task_due_soon', 'task_overdue', 'task_returned', 'task_chased', 'task_completed', 'process_completed', 'task_cc',
      'webhook_test'];
    const em = stack.orm.em.fork();
    const save = (userId: number, kinds: string[]) => em.execute(
      `insert into webhooks (user_id, url, secret, enabled, kinds) values (?, 'https://hooks.example.com/', 'secret-0123456789', true, ${TEXT_ARRAY_PARAM})`,
      [userId, arrayParam(kinds)]);
    await save(users.ids.head!, before);
    await save(users.ids.sup1!, ['task_overdue']);
    // The migration as `npm run migrate` runs it, twice: the second time changes nothing.
    for (let run = 0; run < 2; run++) {
      const migration = new Migration20261208111000_commentWebhookKinds(stack.orm.em.getDriver(), stack.orm.config);
      await migration.up();
      for (const sql of migration.getQueries()) await em.execute(String(sql));
    }
    const kinds = async (token: string) => (await stack.call('GET', '/api/me/webhook', token)).body.kinds as string[];
    expect(await kinds(tokens.head)).toEqual([...before, 'comment_mentioned', 'comment_added']);
    expect(await kinds(tokens.sup1)).toEqual(['task_overdue']);
    await stack.call('DELETE', '/api/me/webhook', tokens.head);
    await stack.call('DELETE', '/api/me/webhook', tokens.sup1);
  });
});
