import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEventSchema } from '../../db/entities/index.js';
import { demoUsers } from '../support/demoUsers.js';
import { PNG } from '../support/hazardFlows.js';
import { customerOf, proposal, start } from '../support/regradeFlows.js';
import { startStack, type TestStack } from '../support/stack.js';
import { complete, finished, openTask } from '../support/taskFlows.js';

/* Issue 14: business settings (业务参数) an admin tunes; new processes start with them, running ones keep theirs. */
let stack: TestStack;
let admin: string;
let head: string;
let mgr1: string;
let sup1: string;

beforeAll(async () => {
  stack = await startStack();
  ({ admin, head, mgr1, sup1 } = await (await demoUsers(stack)).tokens(['admin', 'head', 'mgr1', 'sup1']));
});
afterAll(() => stack?.close());

const DAY = 24 * 3600_000;
const settingsEvents = () => stack.orm.em.fork().find(AuditEventSchema, { type: 'settings.updated' }, { orderBy: { id: 'asc' } });

describe('business settings', () => {
  it('start as the environment gives them; the dept head may read them', async () => {
    const view = await stack.call('GET', '/api/admin/settings', admin);
    expect(view.status).toBe(200);
    expect(view.body.settings).toEqual(view.body.defaults);
    expect(view.body.settings.regrade).toEqual({ decisionDue: '3wd', remindAfter: '2wd', headApprovalAbove: 2 });
    expect(view.body.settings.allocation).toMatchObject({ adjustBound: 0.2, cap: null, bigCustomerThreshold: 1000, surgePercent: 200 });
    expect(view.body.updatedAt).toBeNull();
    expect((await stack.call('GET', '/api/admin/settings', head)).body.settings).toEqual(view.body.settings);
    expect((await stack.call('PUT', '/api/admin/settings', head, view.body.settings)).status).toBe(403);
  });

  it('refuses every bad value at its path, in the user\'s language, and keeps what was there', async () => {
    const { settings } = (await stack.call('GET', '/api/admin/settings', admin)).body;
    const bad = {
      ...settings,
      regrade: { ...settings.regrade, decisionDue: '3 weeks', headApprovalAbove: -1 },
      hazard: { ...settings.hazard, signOffMode: 'some' },
      allocation: { ...settings.allocation, adjustBound: 1.5 },
      attachments: { ...settings.attachments, types: ['jpeg'] },
    };
    const refused = await stack.call('PUT', '/api/admin/settings', admin, bad);
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual(expect.arrayContaining([
      { path: '/regrade/decisionDue', message: '应为时长，如 3wd（工作日）、2d、24h、30m' },
      { path: '/regrade/headApprovalAbove', message: '应为 0–29 的整数' },
      { path: '/hazard/signOffMode', message: '应为 any（任一领导）或 all（全部领导）' },
      { path: '/allocation/adjustBound', message: '应为 0–1 的小数（0.2 即 20%）' },
      { path: '/attachments/types/0', message: '应为文件类型，如 image/jpeg' },
    ]));
    const english = await stack.call('PUT', '/api/admin/settings', admin, bad, { 'accept-language': 'en' });
    expect(english.body.errors).toContainEqual({ path: '/regrade/decisionDue', message: 'must be a duration like 3wd (working days), 2d, 24h or 30m' });
    const { regrade, ...rest } = settings;
    expect((await stack.call('PUT', '/api/admin/settings', admin, rest)).status).toBe(422);
    expect((await stack.call('GET', '/api/admin/settings', admin)).body.settings.regrade).toEqual(regrade);
    expect(await settingsEvents()).toEqual([]);
  });

  it('a save is audited and reaches new processes; a running one keeps the values it started with', async () => {
    const customers = [await customerOf(stack, mgr1, 10), await customerOf(stack, mgr1, 20)];
    const before = await start(stack, mgr1, proposal(customers[0]!.id, 11));
    const oldReview = await openTask(stack, sup1, before.body.id, 'review');

    const { settings } = (await stack.call('GET', '/api/admin/settings', admin)).body;
    const changed = { ...settings, regrade: { decisionDue: '1d', remindAfter: '12h', headApprovalAbove: 0 } };
    const saved = await stack.call('PUT', '/api/admin/settings', admin, changed);
    expect(saved.status).toBe(200);
    expect(saved.body.settings.regrade).toEqual(changed.regrade);
    expect(saved.body.defaults.regrade.decisionDue).toBe('3wd');
    expect(saved.body.updatedBy).toBeGreaterThan(0);
    expect((await stack.call('PUT', '/api/admin/settings', admin, changed)).status).toBe(200);
    const events = await settingsEvents();
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toEqual({ changes: [
      { setting: 'regrade.decisionDue', before: '3wd', after: '1d' },
      { setting: 'regrade.remindAfter', before: '2wd', after: '12h' },
      { setting: 'regrade.headApprovalAbove', before: 2, after: 0 },
    ] });

    const startedAt = Date.now();
    const after = await start(stack, mgr1, proposal(customers[1]!.id, 21));
    const newReview = await openTask(stack, sup1, after.body.id, 'review');
    // 1 natural day now; the regrade started before keeps its 3 working days.
    expect(Date.parse(newReview.dueAt) - startedAt).toBeLessThan(DAY + 60_000);
    expect(Date.parse(newReview.dueAt) - startedAt).toBeGreaterThan(DAY - 60_000);
    expect(Date.parse(oldReview.dueAt) - Date.parse(oldReview.createdAt)).toBeGreaterThanOrEqual(3 * DAY - 60_000);
    // A change of one tier now also needs the dept head; the older regrade decides at the supervisor's level.
    expect((await complete(stack, sup1, newReview.id, { outcome: 'approve', comment: '同意' })).status).toBe(200);
    expect((await openTask(stack, head, after.body.id, 'head-review')).status).toBe('open');
    expect((await complete(stack, sup1, oldReview.id, { outcome: 'approve', comment: '同意' })).status).toBe(200);
    const old = await finished(stack, mgr1, before.body.id);
    expect(old.status).toBe('completed');
    expect(old.tasks.map((t: { stepKey: string }) => t.stepKey)).not.toContain('head-review');
  });
});

describe('the audit log (审计日志)', () => {
  it('finds changes by person, type, text and day, newest first; refuses malformed filters', async () => {
    const users = await demoUsers(stack);
    const all = await stack.call('GET', '/api/admin/audit?type=settings.', admin);
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(1);
    expect(all.body.items[0]).toMatchObject({ type: 'settings.updated', actorId: users.ids.admin, actorName: users.names.admin });
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const found = await stack.call('GET', `/api/admin/audit?actorId=${users.ids.admin}&q=decisionDue&from=${today}&to=${today}`, admin);
    expect(found.body.items.map((e: { type: string }) => e.type)).toEqual(['settings.updated']);
    const started = await stack.call('GET', '/api/admin/audit?type=instance.started&size=2', admin);
    expect(started.body.total).toBe(2);
    expect(started.body.items[0].id).toBeGreaterThan(started.body.items[1].id);
    expect((await stack.call('GET', '/api/admin/audit?type=settings.&from=2000-01-01&to=2000-01-02', admin)).body).toMatchObject({ total: 0, items: [] });
    const bad = await stack.call('GET', '/api/admin/audit?actorId=x&instanceId=42&from=yesterday', admin);
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['/actorId', '/instanceId', '/from']);
    expect((await stack.call('GET', '/api/admin/audit', head)).status).toBe(403);
  });
});

describe('attachment limits from the settings', () => {
  it('apply to the next upload', async () => {
    const upload = (content: Buffer) => fetch(`${stack.baseUrl}/api/attachments?name=photo.png`, {
      method: 'POST', headers: { authorization: `Bearer ${mgr1}`, 'content-type': 'image/png' }, body: new Uint8Array(content),
    });
    const { settings } = (await stack.call('GET', '/api/admin/settings', admin)).body;
    const small = { ...settings, attachments: { ...settings.attachments, maxBytes: 2048 } };
    expect((await stack.call('PUT', '/api/admin/settings', admin, small)).status).toBe(200);
    // A PNG padded past 2 KiB: only the new size limit refuses it.
    const refused = await upload(Buffer.concat([PNG, Buffer.alloc(4096)]));
    expect(refused.status).toBe(413);
    const onlyPdf = { ...small, attachments: { maxBytes: 2048, types: ['application/pdf'] } };
    expect((await stack.call('PUT', '/api/admin/settings', admin, onlyPdf)).status).toBe(200);
    // A real PNG is refused only because the type list no longer has it…
    expect((await upload(PNG)).status).toBe(415);
    expect((await stack.call('PUT', '/api/admin/settings', admin, settings)).status).toBe(200);
    // …and accepted again once it has.
    expect((await upload(PNG)).status).toBe(201);
  });
});
