import { describe, expect, it } from 'vitest';
import { isAllowedOutcome, mayAct } from '../../domain/taskRules.js';

const supervisor = { id: 4, roles: ['supervisor'] };
const head = { id: 3, roles: ['dept_head'] };

describe('who may act on a task', () => {
  it('the named assignee may, others with no matching role may not', () => {
    const task = { assigneeId: 4, candidateRoles: [], excludedUserIds: [7] };
    expect(mayAct(task, supervisor)).toBe(true);
    expect(mayAct(task, head)).toBe(false);
  });

  it('anyone holding a candidate role may', () => {
    const task = { assigneeId: null, candidateRoles: ['dept_head'], excludedUserIds: [] };
    expect(mayAct(task, head)).toBe(true);
    expect(mayAct(task, supervisor)).toBe(false);
  });

  it('an excluded user never may, even as assignee or with the role', () => {
    expect(mayAct({ assigneeId: 3, candidateRoles: ['dept_head'], excludedUserIds: [3] }, head)).toBe(false);
  });
});

describe('outcomes', () => {
  it('must be one of the allowed ones, or absent when none are', () => {
    expect(isAllowedOutcome(['approve', 'reject'], 'approve')).toBe(true);
    expect(isAllowedOutcome(['approve', 'reject'], 'maybe')).toBe(false);
    expect(isAllowedOutcome(['approve'], undefined)).toBe(false);
    expect(isAllowedOutcome([], undefined)).toBe(true);
    expect(isAllowedOutcome([], 'approve')).toBe(false);
  });
});
