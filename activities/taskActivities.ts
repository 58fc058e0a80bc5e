import { randomUUID } from 'node:crypto';
import { LockMode, UniqueConstraintViolationException, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import { getForm } from '../forms/registry.js';
import { FormRecordSchema, ProcessInstanceSchema, TaskSchema, type Task } from '../db/entities/index.js';
import { TASK_REJECTIONS, type TaskSla } from '../workflows/types.js';
import { appendAudit, type AuditEntry } from '../db/audit.js';
import { addDuration, type WorkCalendar } from '../domain/calendar.js';
import { escalatedAudience, type TaskAudience } from '../domain/taskRules.js';
import { announceDueSoon, announceOpened, announceOverdue } from './notificationProducers.js';
import type { Notifier } from './notifications.js';

export interface OpenTaskInput {
  /** Chosen by the workflow, so it knows the task before the row exists. */
  taskId: string;
  instanceId: string;
  processKey: string;
  stepKey: string;
  name: string;
  formKey: string;
  assigneeId: number | null;
  candidateRoles: string[];
  excludedUserIds: number[];
  allowedOutcomes: string[];
  actions?: string[];
  prefill: Record<string, unknown> | null;
  fixedData: Record<string, unknown> | null;
  context: Record<string, unknown>;
  sla: TaskSla | null;
  priority: number;
}

/** Time from now to the reminder and the deadline, both fixed when the task was first opened (a retry keeps them). */
export interface OpenedTask {
  taskId: string;
  remindInMs: number | null;
  dueInMs: number | null;
  /** The same two as instants (epoch ms), so the workflow's timers never fire before the row's due time. */
  remindAt?: number | null;
  dueAt?: number | null;
}

export interface CompleteTaskActivityInput {
  taskId: string;
  instanceId: string;
  actorId: number;
  data: Record<string, unknown>;
  outcome: string | null;
  requestId: string;
}

/**
 * Applies `change` to the task if it is still open and records the audit event it returns, with what
 * `announce` writes (notifications), in one transaction; a change that returns undefined (already done:
 * a retried activity) writes nothing.
 */
export async function changeOpenTask(orm: MikroORM, taskId: string,
  change: (task: Task) => Omit<AuditEntry, 'instanceId' | 'taskId'> | undefined,
  announce?: (tx: EntityManager, task: Task) => Promise<void>): Promise<void> {
  await orm.em.fork().transactional(async (tx) => {
    const task = await tx.findOne(TaskSchema, { id: taskId });
    if (!task || task.status !== 'open') return;
    const event = change(task);
    if (!event) return;
    appendAudit(tx, { ...event, instanceId: task.instanceId, taskId: task.id });
    await announce?.(tx, task);
  });
}

/**
 * Writes the audience the workflow decided onto the task row, as given; false when the row has it
 * already (a retried activity).
 */
export function writeAudience(task: Task, audience: TaskAudience): boolean {
  const same = (task.assigneeId ?? null) === audience.assigneeId
    && JSON.stringify(task.candidateRoles) === JSON.stringify(audience.candidateRoles)
    && JSON.stringify(task.excludedUserIds) === JSON.stringify(audience.excludedUserIds);
  if (same) return false;
  task.assigneeId = audience.assigneeId;
  task.candidateRoles = [...audience.candidateRoles];
  task.excludedUserIds = [...audience.excludedUserIds];
  return true;
}

/**
 * Side effects of the human-task engine; every one is idempotent, since Temporal may retry it.
 * `calendar` gives the current work calendar, for deadlines in working days; `notifier` sends the
 * webhook deliveries of the notifications they write.
 */
export function createTaskActivities(orm: MikroORM, calendar: () => Promise<WorkCalendar>, notifier: Notifier) {
  return {
    /** Writes the task row (once per instance + step), the audit event and the instance's current step. */
    async openTask(input: OpenTaskInput): Promise<OpenedTask> {
      const form = getForm(input.formKey);
      if (!form) throw new Error(`unknown form ${input.formKey}`);
      const workDays = await calendar();
      let task: Task;
      try {
        // Insert first: a retry finds the row through the unique (instance, step) key.
        task = await orm.em.fork().transactional(async (tx) => {
          const now = new Date();
          const created = tx.create(TaskSchema, {
            id: input.taskId,
            instanceId: input.instanceId,
            processKey: input.processKey,
            stepKey: input.stepKey,
            name: input.name,
            formKey: form.key,
            formVersion: form.version,
            assigneeId: input.assigneeId,
            candidateRoles: input.candidateRoles,
            excludedUserIds: input.excludedUserIds,
            allowedOutcomes: input.allowedOutcomes,
            actions: input.actions ?? [],
            priority: input.priority,
            prefill: input.prefill,
            fixedData: input.fixedData,
            context: input.context,
            dueAt: input.sla ? addDuration(now, input.sla.due, workDays) : null,
            createdAt: now,
          });
          await tx.nativeUpdate(ProcessInstanceSchema, { id: input.instanceId }, { currentStep: input.name });
          appendAudit(tx, {
            type: 'task.opened', instanceId: input.instanceId, taskId: created.id,
            data: { stepKey: input.stepKey, name: input.name, assigneeId: input.assigneeId, candidateRoles: input.candidateRoles },
          });
          await announceOpened(tx, created);
          return created;
        });
      } catch (err) {
        if (!(err instanceof UniqueConstraintViolationException)) throw err;
        task = await orm.em.fork().findOneOrFail(TaskSchema, { instanceId: input.instanceId, stepKey: input.stepKey });
      }
      await notifier.dispatch({ taskId: task.id });
      const now = Date.now();
      const fromNow = (at: Date) => Math.max(at.getTime() - now, 1);
      const remindAt = input.sla?.remindAfter ? addDuration(task.createdAt, input.sla.remindAfter, workDays) : null;
      return {
        taskId: task.id,
        remindInMs: remindAt ? fromNow(remindAt) : null,
        dueInMs: task.dueAt ? fromNow(task.dueAt) : null,
        remindAt: remindAt?.getTime() ?? null,
        dueAt: task.dueAt?.getTime() ?? null,
      };
    },

    /** In one transaction: stores the form record, closes the task, appends the audit event. */
    async completeTask(input: CompleteTaskActivityInput): Promise<{ recordId: string }> {
      return orm.em.fork().transactional(async (tx) => {
        const task = await tx.findOneOrFail(TaskSchema, { id: input.taskId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (task.status === 'done') {
          // A retry of the same submission after it committed answers as it did; another one is refused.
          const existing = await tx.findOneOrFail(FormRecordSchema, { taskId: task.id });
          if (existing.requestId === input.requestId && existing.createdBy === input.actorId) return { recordId: existing.id };
          throw ApplicationFailure.nonRetryable('task already completed by another submission', TASK_REJECTIONS.closed);
        }
        const record = tx.create(FormRecordSchema, {
          id: randomUUID(),
          formKey: task.formKey,
          formVersion: task.formVersion,
          data: input.data,
          instanceId: input.instanceId,
          taskId: task.id,
          requestId: input.requestId,
          createdBy: input.actorId,
        });
        task.status = 'done';
        task.outcome = input.outcome;
        task.completedAt = new Date();
        task.completedBy = input.actorId;
        appendAudit(tx, {
          type: 'task.completed', actorId: input.actorId, instanceId: input.instanceId, taskId: task.id,
          data: { stepKey: task.stepKey, outcome: input.outcome, recordId: record.id },
        });
        return { recordId: record.id };
      });
    },

    /** Closes an open task as cancelled (no-op when it is missing or already closed). */
    cancelTask: (input: { taskId: string; actorId: number | null }) =>
      changeOpenTask(orm, input.taskId, (task) => {
        task.status = 'cancelled';
        task.completedAt = new Date();
        return { type: 'task.cancelled', actorId: input.actorId };
      }),

    /** Marks the reminder as sent and notifies whoever the task is for (task_due_soon). */
    async remindTask(input: { taskId: string }): Promise<void> {
      await changeOpenTask(orm, input.taskId, (task) => {
        if (task.remindedAt) return undefined;
        task.remindedAt = new Date();
        return { type: 'task.reminded', data: { assigneeId: task.assigneeId, dueAt: task.dueAt?.toISOString() ?? null } };
      }, announceDueSoon);
      await notifier.dispatch({ taskId: input.taskId });
    },

    /** A moved deadline (an approved extension): the new due date, and its reminder and escalation to come. */
    moveTaskDeadline: (input: { taskId: string; dueAt: string }) =>
      changeOpenTask(orm, input.taskId, (task) => {
        const from = task.dueAt?.toISOString() ?? null;
        if (from === input.dueAt) return undefined;
        task.dueAt = new Date(input.dueAt);
        task.remindedAt = null;
        task.escalatedAt = null;
        return { type: 'task.deadlineMoved', data: { from, to: input.dueAt } };
      }),

    /**
     * Overdue: writes the task's `audience` as the workflow decided it (`addRoles` act on it too), records
     * the escalation and notifies `addRoles` (task_overdue). Without `audience` (a caller from before the
     * workflow passed it), the row's own audience is escalated by the same rule.
     */
    async escalateTask(input: { taskId: string; addRoles: string[]; audience?: TaskAudience }): Promise<void> {
      await changeOpenTask(orm, input.taskId, (task) => {
        if (task.escalatedAt) return undefined;
        task.escalatedAt = new Date();
        writeAudience(task, input.audience ?? escalatedAudience(task, input.addRoles));
        return { type: 'task.escalated', data: { toRoles: input.addRoles, dueAt: task.dueAt?.toISOString() ?? null } };
      }, (tx, task) => announceOverdue(tx, task, input.addRoles));
      await notifier.dispatch({ taskId: input.taskId });
    },
  };
}

export type TaskActivities = ReturnType<typeof createTaskActivities>;
