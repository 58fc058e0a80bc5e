import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComplaintSchema, CustomerVisitSchema, ServiceRequestSchema } from '../../db/entities/index.js';
import { seedDemoService } from '../../scripts/demoService.js';
import { startStack, type TestStack } from '../support/stack.js';

/* The demo's service requests and complaints: made through the API, in every state the ledgers show. */
let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

describe('demo customer service', () => {
  it('leaves requests and complaints in every state, with visit records', { timeout: 120_000 }, async () => {
    await seedDemoService(stack.baseUrl, pino({ level: 'silent' }));
    const em = stack.orm.em.fork();
    const requests = await em.find(ServiceRequestSchema, {});
    expect(requests.map((r) => r.status).sort()).toEqual(['closed', 'closed', 'replying', 'visiting', 'visiting']);
    expect(await em.count(CustomerVisitSchema, {})).toBe(2);
    const complaints = await em.find(ComplaintSchema, {});
    expect(complaints.map((c) => c.status).sort()).toEqual(['assigning', 'closed', 'closed', 'handling', 'revisiting']);
    expect(complaints.find((c) => c.rounds === 2)?.satisfaction).toBe('basically_satisfied');
    expect(complaints.filter((c) => c.customerId === null)).toHaveLength(1);
  });
});
