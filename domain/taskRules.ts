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

/**
 * Whether `actor` may act on a task with this audience: never an excluded user; otherwise the
 * named assignee or anyone holding one of the candidate roles. Pure, so both the workflow's update
 * validator and the API use the same rule.
 */
export function mayAct(audience: Readonly<Omit<TaskAudience, 'assigneeId'> & { assigneeId?: number | null }>, actor: Actor): boolean {
  if (audience.excludedUserIds.includes(actor.id)) return false;
  if (audience.assigneeId != null && audience.assigneeId === actor.id) return true;
  return audience.candidateRoles.some((role) => actor.roles.includes(role));
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
