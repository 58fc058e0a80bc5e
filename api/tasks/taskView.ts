import type { Task } from '../../db/entities/index.js';
import { claimAllows, mayAct } from '../../domain/taskRules.js';
import type { SessionUser } from '../http/auth.js';
import { overseesAll } from '../http/visibility.js';

/**
 * Whether `user` may act on `task` now (open, permitted, not claimed by someone else). The inbox's
 * group view is its SQL form (see `whereInbox`; test/integration/taskRulesSql.test.ts holds them equal).
 */
export function canAct(task: Task, user: SessionUser): boolean {
  return task.status === 'open' && mayAct(task, user) && claimAllows(task, user.id);
}

/** Whether `user` may read `task`: those who may act or acted, and the managing roles. */
export function canSee(task: Task, user: SessionUser): boolean {
  if (overseesAll(user)) return true;
  return mayAct(task, user) || task.assigneeId === user.id || task.completedBy === user.id || task.claimedBy === user.id;
}

/** The JSON a client gets for a task. */
export function taskJson(task: Task, user: SessionUser) {
  return {
    id: task.id,
    instanceId: task.instanceId,
    processKey: task.processKey,
    stepKey: task.stepKey,
    name: task.name,
    formKey: task.formKey,
    formVersion: task.formVersion,
    assigneeId: task.assigneeId ?? null,
    candidateRoles: task.candidateRoles,
    claimedBy: task.claimedBy ?? null,
    status: task.status,
    outcome: task.outcome ?? null,
    allowedOutcomes: task.allowedOutcomes,
    actions: task.actions,
    priority: task.priority,
    prefill: task.prefill ?? null,
    fixedData: task.fixedData ?? null,
    context: task.context,
    dueAt: task.dueAt ?? null,
    overdue: task.status === 'open' && task.dueAt != null && task.dueAt.getTime() < Date.now(),
    remindedAt: task.remindedAt ?? null,
    escalatedAt: task.escalatedAt ?? null,
    createdAt: task.createdAt,
    completedAt: task.completedAt ?? null,
    completedBy: task.completedBy ?? null,
    canAct: canAct(task, user),
  };
}
