import { describe, expect, it } from 'vitest';
import { handedOverAudience, mayHandOver } from '../../domain/taskRules.js';

/* 转交 and 加签 hand a task only to someone who could hold its step (security issue 13, item 7). */
const sup1 = { id: 4, roles: ['supervisor'] };
const sup2 = { id: 5, roles: ['supervisor'] };
const head = { id: 3, roles: ['dept_head'] };
const manager = { id: 8, roles: ['customer_manager'] };
const proposer = { id: 7, roles: ['customer_manager', 'supervisor'] };

/** The regrade review: meant for the customer's supervisor by name, escalating to the dept head. */
const review = { assigneeId: 4, escalateToRoles: ['dept_head'] };
const reviewAudience = { assigneeId: 4, candidateRoles: [], excludedUserIds: [7] };

describe('handing a task over', () => {
  it('a step meant for a supervisor goes to another supervisor, or to whom it escalates', () => {
    expect(mayHandOver(review, reviewAudience, sup1, sup2)).toBe(true);
    expect(mayHandOver(review, reviewAudience, sup1, head)).toBe(true);
  });

  it('never to someone who could not hold the step, such as a customer manager', () => {
    expect(mayHandOver(review, reviewAudience, sup1, manager)).toBe(false);
    expect(mayHandOver(review, reviewAudience, sup1, { id: 9, roles: [] })).toBe(false);
  });

  it('never to the one handing it on, nor to anyone the step excludes, whatever their roles', () => {
    expect(mayHandOver(review, reviewAudience, sup1, sup1)).toBe(false);
    expect(mayHandOver(review, reviewAudience, sup1, proposer)).toBe(false);
  });

  it('a step for candidate roles goes to their holders, whoever hands it on', () => {
    const assess = { candidateRoles: ['safety_officer'], escalateToRoles: ['leader'] };
    const audience = { assigneeId: null, candidateRoles: ['safety_officer'], excludedUserIds: [] };
    const officer = { id: 6, roles: ['safety_officer'] };
    expect(mayHandOver(assess, audience, officer, { id: 10, roles: ['safety_officer'] })).toBe(true);
    expect(mayHandOver(assess, audience, officer, { id: 2, roles: ['leader'] })).toBe(true);
    // The holder's own other roles do not widen a step that names its roles.
    expect(mayHandOver(assess, audience, { id: 6, roles: ['safety_officer', 'supervisor'] }, sup2)).toBe(false);
  });
});

describe('a task the administration hands on (deactivation, a moved customer)', () => {
  it('goes to the named user personally, the excluded staying excluded', () => {
    expect(handedOverAudience(reviewAudience, review, 3, ['supervisor'])).toEqual({ assigneeId: 3, candidateRoles: [], excludedUserIds: [7] });
  });

  it('without anyone (or to someone excluded): the step\'s candidate roles, else whom it escalates to, else the holder\'s roles', () => {
    const queue = { assigneeId: null, candidateRoles: ['dept_head'], excludedUserIds: [7] };
    expect(handedOverAudience(reviewAudience, review, null, ['supervisor'])).toEqual(queue);
    expect(handedOverAudience(reviewAudience, review, 7, ['supervisor'])).toEqual(queue);
    const revise = { assigneeId: 7 };
    expect(handedOverAudience({ assigneeId: 7, candidateRoles: [], excludedUserIds: [] }, revise, null, ['customer_manager']))
      .toEqual({ assigneeId: null, candidateRoles: ['customer_manager'], excludedUserIds: [] });
    const assess = { candidateRoles: ['safety_officer'], escalateToRoles: ['dept_head'] };
    expect(handedOverAudience({ assigneeId: 9, candidateRoles: [], excludedUserIds: [] }, assess, null, ['safety_officer', 'admin']))
      .toEqual({ assigneeId: null, candidateRoles: ['safety_officer'], excludedUserIds: [] });
  });
});
