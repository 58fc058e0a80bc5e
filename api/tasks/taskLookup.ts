import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { ProcessInstanceSchema, TaskSchema, type Task } from '../../db/entities/index.js';
import type { SessionUser } from '../http/auth.js';
import { ForbiddenError, NotFoundError } from '../http/errors.js';
import { isUuid } from '../http/requestBody.js';
import { maySee } from '../processes/instanceService.js';
import { canSee } from './taskView.js';

/**
 * The task `id` for a route of `user`'s: 404 when it does not exist for them (neither the task nor its
 * process is theirs to see, as `GET /api/instances/:id` answers), 403 when they see its process but
 * the task is not theirs (the proposer's own review, a task handed on).
 */
export async function visibleTask(orm: MikroORM, em: EntityManager, id: string, user: SessionUser): Promise<Task> {
  const task = isUuid(id) ? await em.findOne(TaskSchema, { id }) : null;
  if (!task) throw new NotFoundError('task');
  if (canSee(task, user)) return task;
  const instance = await em.findOne(ProcessInstanceSchema, { id: task.instanceId });
  if (instance && (await maySee(orm, em, instance, user))) throw new ForbiddenError();
  throw new NotFoundError('task');
}
