/** Who is acting, as the API authenticated them. */
export interface Actor {
  id: number;
  roles: string[];
}

/** Who may act on a task. */
export interface TaskAudience {
  assigneeId: number | null;
  candidateRoles: string[];
  /** Never these users, whatever their roles (no self-approval). */
  excludedUserIds: number[];
}

/** An audience as a task row or the workflow holds it (a row's assignee may be undefined). */
export type AudienceOf = Readonly<Omit<TaskAudience, 'assigneeId'> & { assigneeId?: number | null }>;

/**
 * Whether `actor` may act on a task with this audience: never an excluded user; otherwise the
 * named assignee or anyone holding one of the candidate roles. Pure, so both the workflow's update
 * validator and the API use the same rule.
 */
export function mayAct(audience: AudienceOf, actor: Actor): boolean {
  if (audience.excludedUserIds.includes(actor.id)) return false;
  if (audience.assigneeId != null && audience.assigneeId === actor.id) return true;
  return audience.candidateRoles.some((role) => actor.roles.includes(role));
}

/**
 * Whether a claim leaves the task to `userId`: nobody has claimed it, they have, or it is theirs by
 * name anyway. With `mayAct`, it decides who may act now (the API's `canAct`, the inbox's group view).
 */
export function claimAllows(task: { assigneeId?: number | null; claimedBy?: number | null }, userId: number): boolean {
  return task.claimedBy == null || task.claimedBy === userId || task.assigneeId === userId;
}

/** 转交: the task goes to `userId` personally (no roles any more); whoever was excluded stays excluded. */
export function transferredAudience(audience: AudienceOf, userId: number): TaskAudience {
  return { assigneeId: userId, candidateRoles: [], excludedUserIds: [...audience.excludedUserIds] };
}

/**
 * A task handed on by the administration (its holder deactivated, or their customer moved): to
 * `toUserId` personally when they may hold it (not excluded), else to the step's role queue — its
 * candidate roles, else the roles it escalates to, else `fromRoles`, the roles the former holder held
 * it by. Whoever was excluded stays excluded.
 */
export function handedOverAudience(audience: AudienceOf, step: StepHolders, toUserId: number | null, fromRoles: readonly string[]): TaskAudience {
  if (toUserId !== null && !audience.excludedUserIds.includes(toUserId)) return transferredAudience(audience, toUserId);
  const queue = step.candidateRoles?.length ? step.candidateRoles : step.escalateToRoles?.length ? step.escalateToRoles : fromRoles;
  return {
    assigneeId: null,
    candidateRoles: [...new Set([...audience.candidateRoles, ...queue])],
    excludedUserIds: [...audience.excludedUserIds],
  };
}

/** A step as its process asked for it: who it was meant for, and whom it escalates to. */
export interface StepHolders {
  assigneeId?: number | null;
  candidateRoles?: readonly string[];
  escalateToRoles?: readonly string[];
}

/**
 * Whether 转交 or 加签 may hand a task to `target`: only to someone who could hold the step, i.e. who
 * has one of its candidate roles or a role it escalates to; a step meant for someone by name (e.g. the
 * customer's supervisor) names no role, so the roles of `from`, who holds it now, stand for it. Never to
 * `from` themselves nor anyone the step excludes (the proposer: nobody decides their own request).
 * 抄送 is not handed over: whoever it copies in only reads.
 */
export function mayHandOver(step: StepHolders, audience: AudienceOf, from: Actor, target: Actor): boolean {
  if (target.id === from.id || audience.excludedUserIds.includes(target.id)) return false;
  const holderRoles = [
    ...(step.candidateRoles ?? []), ...(step.escalateToRoles ?? []), ...(step.assigneeId != null ? from.roles : []),
  ];
  return holderRoles.some((role) => target.roles.includes(role));
}

/** Overdue: holders of `roles` may act on the task too, beside whoever already may. */
export function escalatedAudience(audience: AudienceOf, roles: readonly string[]): TaskAudience {
  return {
    assigneeId: audience.assigneeId ?? null,
    candidateRoles: [...new Set([...audience.candidateRoles, ...roles])],
    excludedUserIds: [...audience.excludedUserIds],
  };
}

/** The keys of `fixed` whose value `data` changes (compared as JSON). */
export function changedFixedFields(fixed: Record<string, unknown> | null | undefined, data: Record<string, unknown>): string[] {
  return Object.entries(fixed ?? {}).filter(([key, value]) => JSON.stringify(data[key]) !== JSON.stringify(value)).map(([key]) => key);
}

/** Whether `outcome` is acceptable for a task that allows `allowed` (empty: no outcome expected). */
export function isAllowedOutcome(allowed: readonly string[], outcome: string | null | undefined): boolean {
  if (allowed.length === 0) return outcome == null;
  return outcome != null && allowed.includes(outcome);
}
