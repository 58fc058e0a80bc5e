import type { FieldError, Locale } from '../forms/formDefinition.js';
import type { Task } from '../db/entities/index.js';
import { t } from './messages.js';

/**
 * Checks that need the task's context, beyond what the form schema can say. Today: a revised
 * regrade proposal must still propose a change of tier.
 */
export function taskDataErrors(task: Task, data: Record<string, unknown>, locale: Locale): FieldError[] {
  if (task.formKey === 'regrade-proposal' && data.proposedTier === task.context.fromTier) {
    return [{ path: '/proposedTier', message: t(locale, 'sameTier') }];
  }
  return [];
}
