import type { EntityManager } from '@mikro-orm/postgresql';
import { UserSchema, type Task } from '../../db/entities/index.js';
import type { FieldError, Locale } from '../../forms/formDefinition.js';
import { t } from '../http/messages.js';

/** A complaint's handler is an active user and never the manager the complaint is about (422 at `/handlerId`). */
export async function complaintAssignErrors(em: EntityManager, task: Task, data: Record<string, unknown>, locale: Locale): Promise<FieldError[]> {
  const handlerId = Number(data.handlerId);
  if (task.context.complainedManagerId != null && handlerId === Number(task.context.complainedManagerId)) {
    return [{ path: '/handlerId', message: t(locale, 'complaintHandlerComplainedAbout') }];
  }
  if (!(await em.findOne(UserSchema, { id: handlerId, active: true }))) return [{ path: '/handlerId', message: t(locale, 'userMissing') }];
  return [];
}
