import type { EntityManager } from '@mikro-orm/postgresql';
import { appendAudit } from '../../db/audit.js';
import { FormRecordSchema, ProcessInstanceSchema, TaskSchema, UserSchema, type Task } from '../../db/entities/index.js';
import { attachmentRefs } from '../../forms/attachmentFields.js';
import type { Locale } from '../../forms/formDefinition.js';
import { getForm } from '../../forms/registry.js';
import { completeTaskUpdate } from '../../workflows/definitions.js';
import { changedFixedFields, isAllowedOutcome, mayAct } from '../../domain/taskRules.js';
import { linkAttachments } from '../attachments/attachmentLinks.js';
import type { SessionUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { ConflictError, ForbiddenError, ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import type { CompleteTaskBody } from './taskContract.js';
import { taskDataErrors } from './taskDataRules.js';
import { sendUpdate, WorkflowClosedError } from '../http/temporalUpdates.js';
import { visibleTask } from './taskLookup.js';
import { canAct, taskJson } from './taskView.js';

/** Claiming, releasing and completing tasks: the human side of the task engine. */
export function createTaskService(deps: ApiDeps) {
  const load = (em: EntityManager, id: string, user: SessionUser): Promise<Task> => visibleTask(deps.orm, em, id, user);

  async function claimantName(em: EntityManager, userId: number): Promise<string> {
    const claimant = await em.findOne(UserSchema, { id: userId });
    return claimant?.displayName ?? String(userId);
  }

  return {
    async get(id: string, user: SessionUser) {
      return taskJson(await load(deps.orm.em.fork(), id, user), user);
    },

    /** Takes a group task so others see it is being handled; 409 if someone else has it. */
    async claim(id: string, user: SessionUser) {
      const em = deps.orm.em.fork();
      const task = await load(em, id, user);
      if (task.status !== 'open') throw new ConflictError('taskClosed');
      if (!mayAct(task, user)) throw new ForbiddenError();
      if (task.claimedBy === user.id) return taskJson(task, user);
      const claimed = await em.nativeUpdate(TaskSchema, { id: task.id, status: 'open', claimedBy: null }, { claimedBy: user.id });
      if (claimed === 0) {
        await em.refresh(task);
        throw new ConflictError('taskClaimed', { name: await claimantName(em, task.claimedBy ?? 0) });
      }
      appendAudit(em, { type: 'task.claimed', actorId: user.id, instanceId: task.instanceId, taskId: task.id });
      await em.flush();
      await em.refresh(task);
      return taskJson(task, user);
    },

    /** Gives a claimed task back to its group. Only the claimant (or an admin) may. */
    async unclaim(id: string, user: SessionUser) {
      const em = deps.orm.em.fork();
      const task = await load(em, id, user);
      if (task.status !== 'open') throw new ConflictError('taskClosed');
      if (task.claimedBy == null) return taskJson(task, user);
      if (task.claimedBy !== user.id && !user.roles.includes('admin')) throw new ForbiddenError('notClaimant');
      await em.nativeUpdate(TaskSchema, { id: task.id, claimedBy: task.claimedBy }, { claimedBy: null });
      appendAudit(em, { type: 'task.unclaimed', actorId: user.id, instanceId: task.instanceId, taskId: task.id });
      await em.flush();
      await em.refresh(task);
      return taskJson(task, user);
    },

    /**
     * Validates the form, then completes the task through the workflow's `completeTask` update.
     * The same requestId again (same user) is the same update: one record, one completion, the
     * first answer, even if the first call died half way.
     */
    async complete(id: string, user: SessionUser, locale: Locale, body: CompleteTaskBody) {
      const { requestId } = body;
      const em = deps.orm.em.fork();
      const task = await load(em, id, user);
      const previous = await em.findOne(FormRecordSchema, { taskId: task.id });
      if (previous && !(previous.requestId === requestId && previous.createdBy === user.id)) throw new ConflictError('taskClosed');
      // A repeat sends what the first completion stored (the update id makes it the same update anyway).
      const input = previous
        ? { data: previous.data, outcome: task.outcome ?? undefined }
        : await checkedInput(em, task, user, locale, body);
      let recordId: string;
      try {
        ({ recordId } = await sendUpdate(deps.temporal, task.instanceId, completeTaskUpdate,
          [{ taskId: task.id, actor: { id: user.id, roles: user.roles }, ...input, requestId }], `${task.id}:${user.id}:${requestId}`));
      } catch (err) {
        // A repeat after the workflow has moved on: the stored record is the answer.
        if (previous && err instanceof WorkflowClosedError) return result(em, task, user, previous.id);
        throw err;
      }
      await em.refresh(task);
      return result(em, task, user, recordId);
    },
  };

  /** Everything checked before a first completion is sent; throws the 403/409/422 that applies. */
  async function checkedInput(em: EntityManager, task: Task, user: SessionUser, locale: Locale, body: CompleteTaskBody) {
    if (task.status !== 'open') throw new ConflictError('taskClosed');
    if (task.excludedUserIds.includes(user.id)) throw new ForbiddenError('selfDecision');
    if (!mayAct(task, user)) throw new ForbiddenError();
    if (!canAct(task, user)) throw new ConflictError('taskClaimed', { name: await claimantName(em, task.claimedBy!) });
    const { data, outcome } = formInput(task, body);
    if (!isAllowedOutcome(task.allowedOutcomes, outcome)) {
      const message = task.allowedOutcomes.length
        ? t(locale, 'badOutcome', { allowed: task.allowedOutcomes.join(', ') })
        : t(locale, 'noOutcome');
      throw new ValidationError([{ path: '/outcome', message }]);
    }
    const checked = deps.forms.validate(task.formKey, data, locale);
    if (!checked.ok) throw new ValidationError(checked.errors);
    const changed = changedFixedFields(task.fixedData, data);
    if (changed.length) throw new ValidationError(changed.map((key) => ({ path: `/${key}`, message: t(locale, 'fixedField') })));
    const ruleErrors = await taskDataErrors(em, task, data, locale);
    if (ruleErrors.length) throw new ValidationError(ruleErrors);
    // Last, so a refused submission links nothing. Committed before the update is sent: a failed or
    // repeated completion leaves only links to this same instance, which a retry accepts.
    const form = getForm(task.formKey);
    if (form) await linkAttachments(em, attachmentRefs(form.schema, data), task.instanceId, user.id, locale);
    return { data, outcome };
  }
}

/**
 * The outcome a completion submits, from one place: the top-level `outcome`. Clients that send a
 * decision's outcome only inside `data` (as older ones and scripts do) still work: that is read when
 * the top level has none.
 */
function submittedOutcome(task: Task, body: CompleteTaskBody, data: Record<string, unknown>): string | undefined {
  if (typeof body.outcome === 'string') return body.outcome;
  return task.allowedOutcomes.length && typeof data.outcome === 'string' ? data.outcome : undefined;
}

/** The form data as stored: decisions carry their outcome (as submitted) and comment inside the record. */
function formInput(task: Task, body: CompleteTaskBody): { data: Record<string, unknown>; outcome: string | undefined } {
  const data = body.data ?? {};
  const outcome = submittedOutcome(task, body, data);
  if (task.allowedOutcomes.length === 0) return { data, outcome };
  const comment = typeof body.comment === 'string' ? body.comment : data.comment;
  return { data: { ...data, outcome, ...(comment === undefined ? {} : { comment }) }, outcome };
}

async function result(em: EntityManager, task: Task, user: SessionUser, recordId: string) {
  const instance = await em.findOne(ProcessInstanceSchema, { id: task.instanceId });
  return {
    task: taskJson(task, user),
    recordId,
    instance: instance && { id: instance.id, status: instance.status, currentStep: instance.currentStep ?? null },
  };
}
