import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentConfig } from '../../activities/businessSettings.js';
import { seedDemoVisitPlans } from '../../scripts/demoVisitPlans.js';
import { startStack, type TestStack } from '../support/stack.js';

/* The demo's planned visits: last week's and this week's plans, made as the Schedule would, with visits in every state. */
let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

describe('demo planned visits', () => {
  it('leaves open, recorded (on time and late) and overdue planned visits for every manager', { timeout: 300_000 }, async () => {
    await seedDemoVisitPlans(stack.baseUrl, stack.temporal, await currentConfig(stack.orm, stack.config), pino({ level: 'silent' }));
    const states = await stack.orm.em.fork().execute<{ manager_id: number; open: number; done_on_time: number; done_late: number; overdue_open: number }[]>(`
select manager_id, count(*) filter (where status = 'open' and due_at > now())::int as open,
  count(*) filter (where status = 'done' and late_minutes = 0)::int as done_on_time,
  count(*) filter (where status = 'done' and late_minutes > 0)::int as done_late,
  count(*) filter (where status = 'open' and overdue_at is not null)::int as overdue_open
from planned_visits group by manager_id order by manager_id`);
    expect(states).toHaveLength(6);
    for (const s of states) {
      expect(s.open).toBeGreaterThan(0);
      expect(s.done_on_time).toBe(2);
      expect(s.done_late).toBe(1);
      expect(s.overdue_open).toBeGreaterThan(0);
    }
    const visits = await stack.orm.em.fork().execute(`select count(*)::int as n from customer_visits where source = 'plan'`);
    expect(visits[0]).toEqual({ n: 18 });
  });
});
