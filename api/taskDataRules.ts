import type { FieldError, Locale } from '../forms/formDefinition.js';
import type { Task } from '../db/entities/index.js';
import { t } from './messages.js';

/** A regrade proposal, first or revised, must move the customer to another tier. */
export function regradeProposalErrors(currentTier: number, data: { proposedTier?: unknown }, locale: Locale): FieldError[] {
  return data.proposedTier === currentTier ? [{ path: '/proposedTier', message: t(locale, 'sameTier') }] : [];
}

/** Checks that need the task's context, beyond what the form schema can say. */
export function taskDataErrors(task: Task, data: Record<string, unknown>, locale: Locale): FieldError[] {
  if (task.formKey === 'regrade-proposal') return regradeProposalErrors(Number(task.context.fromTier), data, locale);
  return [];
}
