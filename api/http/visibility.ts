import type { MikroORM } from '@mikro-orm/postgresql';
import { UserSchema } from '../../db/entities/index.js';
import type { SessionUser } from './auth.js';
import { hasRole } from './auth.js';

/** The dept head, leaders and admins oversee all work: every customer, instance and task. */
export function overseesAll(user: SessionUser): boolean {
  return hasRole(user, 'admin', 'leader', 'dept_head');
}

/**
 * Whose work `user` oversees: `all` for the dept head, leaders and admins; otherwise their own id
 * (a customer manager) and, for a supervisor, the managers who report to them.
 */
export async function overseenUserIds(orm: MikroORM, user: SessionUser): Promise<number[] | 'all'> {
  if (overseesAll(user)) return 'all';
  const ids = new Set<number>([user.id]);
  if (hasRole(user, 'supervisor')) {
    const managers = await orm.em.fork().find(UserSchema, { supervisorId: user.id }, { fields: ['id'] });
    for (const m of managers) ids.add(m.id);
  }
  return [...ids];
}
