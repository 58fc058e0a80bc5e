import type { MikroORM } from '@mikro-orm/postgresql';
import { createAllocationActivities } from './allocationPlans.js';
import { createAllocationMonthActivities } from './allocationMonth.js';
import { createAssignmentActivities } from './assignmentActivities.js';
import { createHazardActivities } from './hazardActivities.js';
import { createLearningActivities } from './learningActivities.js';
import { createServiceActivities } from './serviceActivities.js';
import { createVisitPlanActivities } from './visitPlanActivities.js';
import { createNotifier, type WebhookDispatchOptions } from './notifications.js';
import { createProcessActivities } from './processActivities.js';
import { createTaskActionActivities } from './taskActionActivities.js';
import { createTaskActivities } from './taskActivities.js';
import { createWebhookActivities } from './webhookActivities.js';
import { workCalendarLoader } from './workCalendarLoader.js';

export interface ActivityOptions {
  /** How long the work calendar is cached (default 60 s); 0 reads it for every deadline. */
  calendarCacheMs?: number;
  /** Starts webhook deliveries as workflows (a worker always passes it; without it deliveries stay pending). */
  webhooks?: WebhookDispatchOptions;
  /** The web app's public address, for the links in webhook deliveries (null: paths). */
  publicUrl?: string | null;
}

/** Every activity the worker registers, bound to its dependencies. */
export function createActivities(orm: MikroORM, options: ActivityOptions = {}) {
  const notifier = createNotifier(orm, options.webhooks);
  return { ...createTaskActivities(orm, workCalendarLoader(orm, options.calendarCacheMs), notifier), ...createProcessActivities(orm, notifier),
    ...createWebhookActivities(orm, { publicUrl: options.publicUrl ?? null, allowList: options.webhooks?.allowList }), ...createHazardActivities(orm),
    ...createLearningActivities(orm), ...createAssignmentActivities(orm, notifier), ...createTaskActionActivities(orm, notifier),
    ...createAllocationActivities(orm), ...createAllocationMonthActivities(orm, workCalendarLoader(orm, options.calendarCacheMs)),
    ...createServiceActivities(orm, workCalendarLoader(orm, options.calendarCacheMs)), ...createVisitPlanActivities(orm) };
}
