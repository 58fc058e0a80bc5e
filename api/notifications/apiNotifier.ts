import { createNotifier, type Notifier } from '../../activities/notifications.js';
import type { ApiDeps } from '../http/deps.js';

/** The notifier an API route sends its committed notifications' webhook deliveries with (as the worker's activities do). */
export function apiNotifier(deps: ApiDeps): Notifier {
  const { retryInitialMs, maxAttempts, allowList } = deps.config.webhooks;
  return createNotifier(deps.orm, { client: deps.temporal, taskQueue: deps.config.temporal.taskQueue, retryInitialMs, maxAttempts, allowList });
}
