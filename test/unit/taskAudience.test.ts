import { describe, expect, it } from 'vitest';
import { claimAllows, escalatedAudience, mayAct, transferredAudience } from '../../domain/taskRules.js';

/* The audience changes the workflow decides (and the task row is then told), and the claim rule. */
const review = { assigneeId: 4, candidateRoles: [], excludedUserIds: [7] };
const group = { assigneeId: null, candidateRoles: ['supervisor'], excludedUserIds: [7] };
const head = { id: 3, roles: ['dept_head'] };

describe('转交', () => {
  it('gives the task to the user personally: no roles any more, the excluded still excluded', () => {
    expect(transferredAudience(group, 5)).toEqual({ assigneeId: 5, candidateRoles: [], excludedUserIds: [7] });
    expect(mayAct(transferredAudience(review, 5), { id: 4, roles: ['supervisor'] })).toBe(false);
  });
});

describe('escalation', () => {
  it('lets the roles act too, beside whoever already may, once each', () => {
    const escalated = escalatedAudience(review, ['dept_head']);
    expect(escalated).toEqual({ assigneeId: 4, candidateRoles: ['dept_head'], excludedUserIds: [7] });
    expect(mayAct(escalated, head) && mayAct(escalated, { id: 4, roles: [] })).toBe(true);
    expect(escalatedAudience(escalated, ['dept_head', 'leader']).candidateRoles).toEqual(['dept_head', 'leader']);
  });

  it('changes nothing it was given', () => {
    const before = structuredClone(group);
    escalatedAudience(group, ['leader']);
    transferredAudience(group, 5);
    expect(group).toEqual(before);
  });
});

describe('claims', () => {
  it('leave a task to its claimant, and to its assignee whoever claimed it', () => {
    expect(claimAllows({ assigneeId: null, claimedBy: null }, 3)).toBe(true);
    expect(claimAllows({ assigneeId: null, claimedBy: 3 }, 3)).toBe(true);
    expect(claimAllows({ assigneeId: null, claimedBy: 5 }, 3)).toBe(false);
    expect(claimAllows({ assigneeId: 3, claimedBy: 5 }, 3)).toBe(true);
  });
});
