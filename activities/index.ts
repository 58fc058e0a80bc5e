import type { MikroORM } from '@mikro-orm/postgresql';
import { createProcessActivities } from './processActivities.js';
import { createTaskActivities } from './taskActivities.js';

/** Every activity the worker registers, bound to its dependencies. */
export function createActivities(orm: MikroORM) {
  return { ...createTaskActivities(orm), ...createProcessActivities(orm) };
}
