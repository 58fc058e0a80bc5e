import { TaskSchema, UserSchema } from '../../db/entities/index.js';
import type { FieldError, Locale } from '../../forms/formDefinition.js';
import { taskActionUpdate } from '../../workflows/definitions.js';
import type { SignerPosition, TaskAction } from '../../workflows/types.js';
import type { SessionUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../http/errors.js';
import { notOneOf, t } from '../http/messages.js';
import { isUuid, objectBody, requireRequestId } from '../http/requestBody.js';
import { sendUpdate } from '../http/temporalUpdates.js';
import { canSee, taskJson } from './taskView.js';

const ACTIONS: TaskAction[] = ['transfer', 'addSigner', 'cc'];
const POSITIONS: SignerPosition[] = ['before', 'after', 'parallel'];
const MAX_CC = 20;

/** A user id as JSON carries it. */
const userId = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined);

/**
 * `POST /api/tasks/:id/actions {action, userId | userIds, position?, reason, requestId}`: 转交, 加签 or
 * 抄送 on an open task whose step allows it. The workflow decides who may (the task's owner); the same
 * requestId again is the same action.
 */
export async function taskAction(deps: ApiDeps, id: string, user: SessionUser, locale: Locale, raw: unknown) {
  const body = objectBody(raw);
  const requestId = requireRequestId(body, locale);
  const em = deps.orm.em.fork();
  const task = isUuid(id) ? await em.findOne(TaskSchema, { id }) : null;
  if (!task) throw new NotFoundError('task');
  if (!canSee(task, user)) throw new ForbiddenError();

  const errors: FieldError[] = [];
  const action = ACTIONS.find((a) => a === body.action);
  if (!action) errors.push({ path: '/action', message: notOneOf(locale, ACTIONS) });
  const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
  if (reason.length < 2 || reason.length > 500) errors.push({ path: '/reason', message: t(locale, 'actionReason') });
  const position = POSITIONS.find((p) => p === body.position);
  if (action === 'addSigner' && !position) errors.push({ path: '/position', message: notOneOf(locale, POSITIONS) });
  const userIds = action === 'cc'
    ? (Array.isArray(body.userIds) ? body.userIds.map(userId) : [])
    : [userId(body.userId)];
  const path = action === 'cc' ? '/userIds' : '/userId';
  const wanted = userIds.filter((u): u is number => u !== undefined);
  if (wanted.length === 0 || wanted.length !== userIds.length || wanted.length > MAX_CC
    || (await em.count(UserSchema, { id: { $in: wanted }, active: true })) !== new Set(wanted).size) {
    errors.push({ path, message: t(locale, 'userMissing') });
  }
  if (errors.length) throw new ValidationError(errors);

  await sendUpdate(deps.temporal, task.instanceId, taskActionUpdate, [{
    taskId: task.id, actor: { id: user.id, roles: user.roles }, action: action!, reason, requestId,
    ...(action === 'cc' ? { userIds: [...new Set(wanted)] } : { userId: wanted[0]! }),
    ...(position ? { position } : {}),
  }], `action:${task.id}:${user.id}:${requestId}`, { refused: { path: action === 'cc' ? '/userIds' : '/userId', key: 'actionTarget' } });
  await em.refresh(task);
  return taskJson(task, user);
}
