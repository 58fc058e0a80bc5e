import type { MikroORM } from '@mikro-orm/postgresql';
import { UserSchema, type AuditEvent, type Task } from '../../db/entities/index.js';
import type { SessionUser } from './auth.js';
import { hasRole } from './auth.js';

/** The dept head, leaders and admins oversee all work: every customer, instance and task. */
export function overseesAll(user: SessionUser): boolean {
  return hasRole(user, 'admin', 'leader', 'dept_head');
}

/** Whose work a user oversees (see `overseenUserIds`). */
export type Overseen = number[] | 'all';

/**
 * Whose work `user` oversees: `all` for the dept head, leaders and admins; otherwise their own id
 * (a customer manager) and, for a supervisor, the managers who report to them.
 */
export async function overseenUserIds(orm: MikroORM, user: SessionUser): Promise<Overseen> {
  if (overseesAll(user)) return 'all';
  const ids = new Set<number>([user.id]);
  if (hasRole(user, 'supervisor')) {
    const managers = await orm.em.fork().find(UserSchema, { supervisorId: user.id }, { fields: ['id'] });
    for (const m of managers) ids.add(m.id);
  }
  return [...ids];
}

/** Whether `overseen` takes in the work of user `userId`: the one test every per-person read makes. */
export function overseesWorkOf(overseen: Overseen, userId: number): boolean {
  return overseen === 'all' || overseen.includes(userId);
}

/**
 * The per-person parts of a process whose one instance serves many people (the monthly allocation
 * cycle: a part per customer manager). Seeing such an instance is not seeing every part of it: a
 * reader gets the tasks, records and events of the parts whose owner's work they oversee.
 */
export interface InstanceParts {
  processKey: string;
  /** The user whose part `task` is; null: a step of the instance as a whole (e.g. publishing a plan). */
  taskOwner(task: Task): number | null;
  /** The user an event without a task is about; null: the instance as a whole. */
  eventOwner(event: AuditEvent): number | null;
}
