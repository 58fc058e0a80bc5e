import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ComplaintSchema, CustomerSchema, FormRecordSchema, ProcessInstanceSchema, ServiceRequestSchema, TaskSchema,
} from '../../db/entities/index.js';
import { demoUsers, type DemoUsers } from '../support/demoUsers.js';
import { startStack, type TestStack } from '../support/stack.js';

/*
 * 服务月报 for November 2026 over rows laid down by hand (as the workflows would have recorded them), so
 * every number below is computed here from the list, not from the code under test.
 */
let stack: TestStack;
let users: DemoUsers;

type Request = { manager: string; at: string; replyLate: number | null; visitLate: number | null; overdueTasks?: boolean };
const REQUESTS: Request[] = [
  { manager: 'mgr1', at: '2026-11-03T02:00:00Z', replyLate: 0, visitLate: 0 },
  { manager: 'mgr1', at: '2026-11-10T02:00:00Z', replyLate: 30, visitLate: 0 },
  { manager: 'mgr1', at: '2026-11-20T02:00:00Z', replyLate: 0, visitLate: 120 },
  // Neither answered nor visited, both past due: judged, not on time.
  { manager: 'mgr1', at: '2026-11-25T02:00:00Z', replyLate: null, visitLate: null, overdueTasks: true },
  { manager: 'mgr2', at: '2026-11-05T02:00:00Z', replyLate: 0, visitLate: 0 },
  // October (China time 10-31 23:00): not in November.
  { manager: 'mgr2', at: '2026-10-31T15:00:00Z', replyLate: 0, visitLate: 0 },
  { manager: 'mgr4', at: '2026-11-12T02:00:00Z', replyLate: 0, visitLate: 0 },
];

type Complaint = { manager: string | null; category: string; at: string; closedAt?: string; revisits: [string, string][] };
const COMPLAINTS: Complaint[] = [
  { manager: 'mgr1', category: 'service', at: '2026-11-02T08:00:00Z', closedAt: '2026-11-03T08:00:00Z', revisits: [['satisfied', '2026-11-03T08:00:00Z']] },
  {
    manager: 'mgr1', category: 'price', at: '2026-11-10T00:00:00Z', closedAt: '2026-11-12T12:00:00Z',
    revisits: [['unsatisfied', '2026-11-11T00:00:00Z'], ['basically_satisfied', '2026-11-12T12:00:00Z']],
  },
  { manager: 'mgr1', category: 'service', at: '2026-11-28T00:00:00Z', revisits: [] },
  { manager: 'mgr4', category: 'quality', at: '2026-11-15T00:00:00Z', closedAt: '2026-11-16T06:00:00Z', revisits: [['satisfied', '2026-11-16T06:00:00Z']] },
  { manager: null, category: 'supply', at: '2026-11-20T00:00:00Z', revisits: [] },
  // Recorded in October, closed on 1 November (08:00 China time) after 168 h.
  { manager: 'mgr2', category: 'other', at: '2026-10-25T00:00:00Z', closedAt: '2026-11-01T00:00:00Z', revisits: [['satisfied', '2026-11-01T00:00:00Z']] },
];

beforeAll(async () => {
  stack = await startStack();
  users = await demoUsers(stack);
  const em = stack.orm.em.fork();
  const customerOf = async (manager: string) => (await em.findOneOrFail(CustomerSchema, { managerId: users.ids[manager]! }, { orderBy: { id: 'asc' } })).id;
  const instance = (processKey: string, at: string) => em.create(ProcessInstanceSchema, {
    id: randomUUID(), processKey, businessKey: `${processKey}:${randomUUID()}`, title: 'seeded', status: 'completed', startedBy: users.ids.sup1!,
    startRequestId: randomUUID(), summary: {}, startedAt: new Date(at),
  });
  let n = 0;
  for (const r of REQUESTS) {
    const i = instance('service-request', r.at);
    em.create(ServiceRequestSchema, {
      instanceId: i.id, code: `FW202611-${String(++n).padStart(4, '0')}`, customerId: await customerOf(r.manager), managerId: users.ids[r.manager]!,
      requestedBy: users.ids.sup1!, requestedAt: new Date(r.at), channel: 'phone', category: 'supply', content: '种子数据',
      status: r.visitLate === null ? 'replying' : 'closed', replyLateMinutes: r.replyLate, visitLateMinutes: r.visitLate,
      repliedAt: r.replyLate === null ? null : new Date(r.at), visitedAt: r.visitLate === null ? null : new Date(r.at),
    });
    if (r.overdueTasks) {
      for (const [stepKey, hours] of [['reply', 24], ['visit', 48]] as const) {
        em.create(TaskSchema, {
          id: randomUUID(), instanceId: i.id, processKey: 'service-request', stepKey, name: `service.${stepKey}`, formKey: `service-${stepKey}`,
          formVersion: 1, assigneeId: users.ids[r.manager]!, candidateRoles: [], excludedUserIds: [], allowedOutcomes: [], context: {},
          dueAt: new Date(Date.parse(r.at) + hours * 3600_000), createdAt: new Date(r.at),
        });
      }
    }
  }
  for (const c of COMPLAINTS) {
    const i = instance('complaint', c.at);
    em.create(ComplaintSchema, {
      instanceId: i.id, code: `TS202611-${String(++n).padStart(4, '0')}`, customerId: c.manager ? await customerOf(c.manager) : null,
      managerId: c.manager ? users.ids[c.manager]! : null, recordedBy: users.ids.mgr1!, recordedAt: new Date(c.at), channel: 'phone',
      category: c.category, urgency: 'normal', content: '种子数据', status: c.closedAt ? 'closed' : 'handling',
      closedAt: c.closedAt ? new Date(c.closedAt) : null, satisfaction: c.revisits.at(-1)?.[0] ?? null,
    });
    for (const [satisfaction, at] of c.revisits) {
      em.create(FormRecordSchema, {
        id: randomUUID(), formKey: 'complaint-revisit', formVersion: 1, data: { satisfaction }, instanceId: i.id, requestId: randomUUID(),
        createdBy: users.ids.sup1!, createdAt: new Date(at),
      });
    }
  }
  await em.flush();
});
afterAll(() => stack?.close());

const categories = (counts: Partial<Record<string, number>>) => ({ service: 0, supply: 0, price: 0, quality: 0, other: 0, ...counts });

describe('服务月报', () => {
  it('gives each manager, team and the department the month\'s numbers as computed by hand', async () => {
    const head = await users.token('head');
    const { status, body } = await stack.call('GET', '/api/service-report?month=2026-11', head);
    expect(status).toBe(200);
    const person = (name: string) => body.people.find((p: { manager: { id: number } }) => p.manager.id === users.ids[name]);
    expect(person('mgr1')).toMatchObject({
      supervisor: { id: users.ids.sup1 },
      requests: 4, repliesJudged: 4, repliedOnTime: 2, replyOnTimeRate: 0.5, visitsJudged: 4, visitedOnTime: 2, visitOnTimeRate: 0.5,
      complaints: 3, complaintsByCategory: categories({ service: 2, price: 1 }), complaintsClosed: 2, meanHoursToResolve: 42,
      revisits: 3, satisfactionRate: 0.6667,
    });
    expect(person('mgr2')).toMatchObject({
      requests: 1, replyOnTimeRate: 1, visitOnTimeRate: 1, complaints: 0, complaintsClosed: 1, meanHoursToResolve: 168, revisits: 1, satisfactionRate: 1,
    });
    expect(person('mgr3')).toMatchObject({ requests: 0, replyOnTimeRate: null, complaintsClosed: 0, meanHoursToResolve: null, satisfactionRate: null });
    const team = (name: string) => body.teams.find((t: { supervisor: { id: number } | null }) => t.supervisor?.id === users.ids[name]);
    expect(team('sup1')).toMatchObject({
      requests: 5, repliedOnTime: 3, replyOnTimeRate: 0.6, visitedOnTime: 3, visitOnTimeRate: 0.6, complaints: 3, complaintsClosed: 3,
      meanHoursToResolve: 84, revisits: 4, satisfactionRate: 0.75,
    });
    expect(team('sup2')).toMatchObject({ requests: 1, replyOnTimeRate: 1, complaints: 1, complaintsByCategory: categories({ quality: 1 }), meanHoursToResolve: 30 });
    // The department: the anonymous complaint counts here only.
    expect(body.total).toMatchObject({
      requests: 6, repliesJudged: 6, repliedOnTime: 4, replyOnTimeRate: 0.6667, visitOnTimeRate: 0.6667,
      complaints: 5, complaintsByCategory: categories({ service: 2, price: 1, quality: 1, supply: 1 }), complaintsClosed: 4,
      meanHoursToResolve: 70.5, revisits: 5, satisfactionRate: 0.8,
    });
  });

  it('shows a supervisor their team, a manager themselves, nobody else anything; a bad month is 422', async () => {
    const sup1 = (await stack.call('GET', '/api/service-report?month=2026-11', await users.token('sup1'))).body;
    expect(sup1.people.map((p: { manager: { id: number } }) => p.manager.id)).toEqual([users.ids.mgr1, users.ids.mgr2, users.ids.mgr3]);
    expect(sup1.total).toMatchObject({ requests: 5, complaints: 3, meanHoursToResolve: 84 });
    const mgr4 = (await stack.call('GET', '/api/service-report?month=2026-11', await users.token('mgr4'))).body;
    expect(mgr4.people).toHaveLength(1);
    expect(mgr4.total).toMatchObject({ requests: 1, complaints: 1 });
    expect((await stack.call('GET', '/api/service-report', await users.token('safety'))).status).toBe(403);
    const bad = await stack.call('GET', '/api/service-report?month=2026-13', await users.token('head'));
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('/month');
  });
});
