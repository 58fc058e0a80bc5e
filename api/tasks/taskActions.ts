import { UserSchema } from '../../db/entities/index.js';
import type { Locale } from '../../forms/formDefinition.js';
import { taskActionUpdate } from '../../workflows/definitions.js';
import type { SessionUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import { sendUpdate } from '../http/temporalUpdates.js';
import type { TaskActionBody } from './taskContract.js';
import { visibleTask } from './taskLookup.js';
import { taskJson } from './taskView.js';

/**
 * `POST /api/tasks/:id/actions {action, userId | userIds, position?, reason, requestId}`: 转交, 加签 or
 * 抄送 on an open task whose step allows it. The workflow decides who may (the task's owner) and to
 * whom (转交 and 加签: someone who could hold the step; 抄送: anyone active); the same requestId again
 * is the same action.
 */
export async function taskAction(deps: ApiDeps, id: string, user: SessionUser, locale: Locale, body: TaskActionBody) {
  const em = deps.orm.em.fork();
  const task = await visibleTask(deps.orm, em, id, user);

  const { action, reason, requestId, position } = body;
  const wanted = action === 'cc' ? [...new Set(body.userIds)] : [body.userId!];
  const path = action === 'cc' ? '/userIds' : '/userId';
  const found = await em.find(UserSchema, { id: { $in: wanted }, active: true }, { fields: ['id', 'roles'] });
  if (found.length !== wanted.length) throw new ValidationError([{ path, message: t(locale, 'userMissing') }]);

  // The workflow decides whether the task may go to that user: it needs their roles to judge.
  await sendUpdate(deps.temporal, task.instanceId, taskActionUpdate, [{
    taskId: task.id, actor: { id: user.id, roles: user.roles }, action, reason: reason.trim(), requestId,
    ...(action === 'cc' ? { userIds: wanted } : { userId: wanted[0]!, userRoles: found[0]!.roles }),
    ...(action === 'addSigner' ? { position } : {}),
  }], `action:${task.id}:${user.id}:${requestId}`, { refused: { path, key: 'actionTarget' } });
  await em.refresh(task);
  return taskJson(task, user);
}
