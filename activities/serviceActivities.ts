import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { appendAudit } from '../db/audit.js';
import {
  ComplaintSchema, CustomerVisitSchema, FormRecordSchema, ProcessInstanceSchema, ServiceRequestSchema, TaskSchema,
  type ComplaintStatus, type Task,
} from '../db/entities/index.js';
import { addDuration, type Duration, type WorkCalendar } from '../domain/calendar.js';

/** Whole minutes `task` was completed after its due time (any part of a minute counts); 0 when on time or without a due time. */
export function lateMinutes(dueAt: Date | null | undefined, doneAt: Date | null | undefined): number {
  if (!dueAt || !doneAt) return 0;
  return Math.max(0, Math.ceil((doneAt.getTime() - dueAt.getTime()) / 60_000));
}

/** One step of a service request, as its workflow saw it; the facts (times, lateness) are read from the task rows. */
export type ServiceStep =
  | { instanceId: string; step: 'replied'; replyTaskId: string }
  /** The visit came before any reply: it answers the request too (at the visit's time, judged against the reply's due time). */
  | { instanceId: string; step: 'visited'; visitTaskId: string; replyTaskId?: string; recordId: string }
  | { instanceId: string; step: 'escalated' }
  | { instanceId: string; step: 'cancelled' };

/** One step of a complaint; times and lateness come from the task rows. */
export type ComplaintStep =
  | { instanceId: string; step: 'assigned'; taskId: string; handlerId: number; resolveDue: Duration }
  | { instanceId: string; step: 'responded'; taskId: string; respondedByResolution?: boolean }
  | { instanceId: string; step: 'resolved'; taskId: string; round: number; result: string }
  | { instanceId: string; step: 'revisited'; taskId: string; satisfaction: string; by: number; round: number; resolveDue: Duration }
  | { instanceId: string; step: 'escalated' }
  | { instanceId: string; step: 'cancelled' };

/**
 * The visit ledger's row (拜访记录) of visit record `recordId`, once: a service request's visit or a planned one.
 * The record's own arrival time counts, else when it was done.
 */
export async function storeVisit(tx: EntityManager, visit: {
  recordId: string; instanceId: string; customerId: number; source: 'request' | 'plan'; dueAt: Date | null; lateMinutes: number; doneAt: Date;
}): Promise<void> {
  if (await tx.findOne(CustomerVisitSchema, { recordId: visit.recordId })) return;
  const record = await tx.findOneOrFail(FormRecordSchema, { id: visit.recordId });
  const data = record.data as { arrivedAt?: string; checked?: string; followUps?: string; analysis?: string; photos?: string[]; location?: unknown };
  tx.create(CustomerVisitSchema, {
    recordId: record.id, instanceId: visit.instanceId, customerId: visit.customerId, managerId: record.createdBy, source: visit.source,
    arrivedAt: new Date(data.arrivedAt ?? visit.doneAt), checked: data.checked ?? '', followUps: data.followUps || null,
    analysis: data.analysis ?? '', photoCount: data.photos?.length ?? 0, hasLocation: data.location != null,
    dueAt: visit.dueAt, lateMinutes: visit.lateMinutes,
  });
}

async function taskRow(em: EntityManager, taskId: string): Promise<Task> {
  return em.findOneOrFail(TaskSchema, { id: taskId });
}

/**
 * Keeps each service request's and complaint's ledger row (and its instance's summary) in step with its
 * workflow, with an audit event per step for the timeline; idempotent under retries (a step already
 * written writes nothing again).
 */
export function createServiceActivities(orm: MikroORM, calendar: () => Promise<WorkCalendar>) {
  return {
    async recordServiceStep(input: ServiceStep): Promise<void> {
      await orm.em.fork().transactional(async (tx) => {
        const row = await tx.findOneOrFail(ServiceRequestSchema, { instanceId: input.instanceId });
        const audit = (type: string, data: Record<string, unknown> = {}) => appendAudit(tx, { type, instanceId: input.instanceId, data });
        if (input.step === 'replied') {
          if (row.repliedAt) return;
          const task = await taskRow(tx, input.replyTaskId);
          row.repliedAt = task.completedAt ?? new Date();
          row.replyDueAt = task.dueAt ?? row.replyDueAt;
          row.replyLateMinutes = lateMinutes(row.replyDueAt, row.repliedAt);
          if (row.status === 'replying') row.status = 'visiting';
          audit('service.replied', { lateMinutes: row.replyLateMinutes });
        } else if (input.step === 'visited') {
          if (row.visitedAt) return;
          const task = await taskRow(tx, input.visitTaskId);
          row.visitedAt = task.completedAt ?? new Date();
          row.visitDueAt = task.dueAt ?? row.visitDueAt;
          row.visitLateMinutes = lateMinutes(row.visitDueAt, row.visitedAt);
          if (!row.repliedAt) {
            const reply = input.replyTaskId ? await taskRow(tx, input.replyTaskId) : null;
            row.repliedAt = row.visitedAt;
            row.replyDueAt = reply?.dueAt ?? row.replyDueAt;
            row.replyLateMinutes = lateMinutes(row.replyDueAt, row.repliedAt);
          }
          row.status = 'closed';
          await storeVisit(tx, {
            recordId: input.recordId, instanceId: input.instanceId, customerId: row.customerId, source: 'request', dueAt: row.visitDueAt ?? null,
            lateMinutes: row.visitLateMinutes, doneAt: row.visitedAt,
          });
          audit('service.visited', { lateMinutes: row.visitLateMinutes });
        } else if (input.step === 'escalated') {
          if (row.escalatedAt) return;
          row.escalatedAt = new Date();
          audit('service.escalated');
        } else {
          if (row.status === 'cancelled') return;
          row.status = 'cancelled';
        }
        const instance = await tx.findOneOrFail(ProcessInstanceSchema, { id: input.instanceId });
        instance.summary = {
          ...instance.summary, serviceStatus: row.status, replyLateMinutes: row.replyLateMinutes, visitLateMinutes: row.visitLateMinutes,
          escalated: row.escalatedAt !== null && row.escalatedAt !== undefined,
        };
      });
    },

    async recordComplaintStep(input: ComplaintStep): Promise<void> {
      const workDays = input.step === 'assigned' || input.step === 'revisited' ? await calendar() : null;
      await orm.em.fork().transactional(async (tx) => {
        const row = await tx.findOneOrFail(ComplaintSchema, { instanceId: input.instanceId });
        const audit = (type: string, data: Record<string, unknown> = {}) => appendAudit(tx, { type, instanceId: input.instanceId, data });
        const moveTo = (status: ComplaintStatus) => {
          row.status = status;
        };
        if (input.step === 'assigned') {
          if (row.handlerId !== null && row.handlerId !== undefined) return;
          const task = await taskRow(tx, input.taskId);
          row.handlerId = input.handlerId;
          row.assignedAt = task.completedAt ?? new Date();
          // The assignment shared the first response's deadline (24 h from the record).
          row.responseDueAt = task.dueAt ?? row.responseDueAt;
          row.resolveDueAt = addDuration(row.assignedAt, input.resolveDue, workDays!);
          row.rounds = 1;
          moveTo('handling');
          audit('complaint.assigned', { handlerId: input.handlerId });
        } else if (input.step === 'responded') {
          if (row.respondedAt) return;
          const task = await taskRow(tx, input.taskId);
          row.respondedAt = task.completedAt ?? new Date();
          if (!input.respondedByResolution) row.responseDueAt = task.dueAt ?? row.responseDueAt;
          row.responseLateMinutes = lateMinutes(row.responseDueAt, row.respondedAt);
          audit('complaint.responded', { lateMinutes: row.responseLateMinutes });
        } else if (input.step === 'resolved') {
          if (row.status === 'revisiting' && row.rounds === input.round) return;
          const task = await taskRow(tx, input.taskId);
          row.resolvedAt = task.completedAt ?? new Date();
          row.resolveDueAt = task.dueAt ?? row.resolveDueAt;
          row.resolveLateMinutes = Math.max(row.resolveLateMinutes ?? 0, lateMinutes(row.resolveDueAt, row.resolvedAt));
          row.result = input.result;
          row.rounds = input.round;
          moveTo('revisiting');
          audit('complaint.resolved', { round: input.round, lateMinutes: lateMinutes(row.resolveDueAt, row.resolvedAt) });
        } else if (input.step === 'revisited') {
          const satisfied = input.satisfaction !== 'unsatisfied';
          if (satisfied ? row.status === 'closed' : row.rounds > input.round || row.status === 'handling') return;
          const task = await taskRow(tx, input.taskId);
          row.satisfaction = input.satisfaction;
          row.revisitedBy = input.by;
          if (satisfied) {
            row.closedAt = task.completedAt ?? new Date();
            moveTo('closed');
            audit('complaint.closed', { satisfaction: input.satisfaction });
          } else {
            // Another round: resolved again within the same allowance, from now.
            row.rounds = input.round + 1;
            row.resolveDueAt = addDuration(task.completedAt ?? new Date(), input.resolveDue, workDays!);
            moveTo('handling');
            audit('complaint.reopened', { round: row.rounds });
          }
        } else if (input.step === 'escalated') {
          if (row.escalatedAt) return;
          row.escalatedAt = new Date();
          audit('complaint.escalated');
        } else {
          if (row.status === 'cancelled') return;
          moveTo('cancelled');
        }
        const instance = await tx.findOneOrFail(ProcessInstanceSchema, { id: input.instanceId });
        instance.summary = {
          ...instance.summary, complaintStatus: row.status, handlerId: row.handlerId ?? null, rounds: row.rounds,
          satisfaction: row.satisfaction ?? null, escalated: row.escalatedAt != null,
        };
      });
    },
  };
}

export type ServiceActivities = ReturnType<typeof createServiceActivities>;
