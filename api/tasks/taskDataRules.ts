import type { EntityManager } from '@mikro-orm/postgresql';
import { chinaDate } from '../../domain/chinaTime.js';
import { UserSchema, type Task } from '../../db/entities/index.js';
import type { FieldError, Locale } from '../../forms/formDefinition.js';
import { allocationReviewErrors } from '../allocation/allocationReview.js';
import { t } from '../http/messages.js';
import { complaintAssignErrors } from '../service/complaintRules.js';

/** A regrade proposal, first or revised, must move the customer to another tier. */
export function regradeProposalErrors(currentTier: number, data: { proposedTier?: unknown }, locale: Locale): FieldError[] {
  return data.proposedTier === currentTier ? [{ path: '/proposedTier', message: t(locale, 'sameTier') }] : [];
}

/** A rectification notice names an active user and a deadline not yet past (China date). */
async function hazardNoticeErrors(em: EntityManager, data: Record<string, unknown>, locale: Locale): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (typeof data.deadline === 'string' && data.deadline < chinaDate(new Date())) {
    errors.push({ path: '/deadline', message: t(locale, 'deadlinePast') });
  }
  const responsible = await em.findOne(UserSchema, { id: Number(data.responsibleId), active: true });
  if (!responsible) errors.push({ path: '/responsibleId', message: t(locale, 'userMissing') });
  return errors;
}

/** Checks that need the task's context or the database, beyond what the form schema can say. */
export async function taskDataErrors(em: EntityManager, task: Task, data: Record<string, unknown>, locale: Locale): Promise<FieldError[]> {
  if (task.formKey === 'regrade-proposal') return regradeProposalErrors(Number(task.context.fromTier), data, locale);
  if (task.formKey === 'hazard-notice') return hazardNoticeErrors(em, data, locale);
  if (task.formKey === 'allocation-review') return allocationReviewErrors(em, task, data, locale);
  if (task.formKey === 'complaint-assign') return complaintAssignErrors(em, task, data, locale);
  return [];
}
