import { randomUUID } from 'node:crypto';
import { regradeProposal } from './fixtures.js';
import type { TestStack } from './stack.js';
import { openTask } from './taskFlows.js';


/** A valid regrade proposal (tests pass extra fields, even invalid ones, on purpose). */
export function proposal(customerId: number, proposedTier: number, extra: Record<string, unknown> = {}) {
  return { ...regradeProposal(customerId, proposedTier), ...extra };
}

/** A demo customer that the token's user manages, at `tier`. */
export async function customerOf(stack: TestStack, token: string, tier: number): Promise<{ id: number; tier: number; managerId: number }> {
  const me = await stack.call('GET', '/api/me', token);
  const { body } = await stack.call('GET', `/api/customers?tier=${tier}&managerId=${me.body.id}`, token);
  const customer = body.items[0];
  if (!customer) throw new Error(`no customer at tier ${tier}`);
  return customer;
}

export async function start(stack: TestStack, token: string, data: unknown, requestId: string = randomUUID()) {
  return stack.call('POST', '/api/processes/regrade/instances', token, { data, requestId });
}

/** `manager` proposes `fromTier → toTier` for one of their customers; resolves once `supervisor`'s review is open. */
export async function proposeForReview(stack: TestStack, manager: string, supervisor: string, fromTier: number, toTier: number) {
  const customer = await customerOf(stack, manager, fromTier);
  const started = await start(stack, manager, proposal(customer.id, toTier));
  const review = await openTask(stack, supervisor, started.body.id, 'review');
  return { customer, started, review };
}
