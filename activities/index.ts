import type { MikroORM } from '@mikro-orm/postgresql';
import { createHazardActivities } from './hazardActivities.js';
import { createLearningActivities } from './learningActivities.js';
import { createProcessActivities } from './processActivities.js';
import { createTaskActivities } from './taskActivities.js';
import { workCalendarLoader } from './workCalendarLoader.js';

export interface ActivityOptions {
  /** How long the work calendar is cached (default 60 s); 0 reads it for every deadline. */
  calendarCacheMs?: number;
}

/** Every activity the worker registers, bound to its dependencies. */
export function createActivities(orm: MikroORM, options: ActivityOptions = {}) {
  return { ...createTaskActivities(orm, workCalendarLoader(orm, options.calendarCacheMs)), ...createProcessActivities(orm), ...createHazardActivities(orm),
    ...createLearningActivities(orm) };
}
