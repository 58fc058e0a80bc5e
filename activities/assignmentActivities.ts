import { randomUUID } from 'node:crypto';
import { LockMode, type MikroORM } from '@mikro-orm/postgresql';
import { AssignedTrackSchema, AuditEventSchema, FormRecordSchema, UserSchema, type TrackStatus } from '../db/entities/index.js';
import { appendAudit } from '../db/audit.js';
import { getForm } from '../forms/registry.js';
import { notify, type createNotifier } from './notifications.js';

/** What one step of an assignee's track puts into the leader's board. */
export interface TrackStep {
  instanceId: string;
  assigneeId: number;
  status?: TrackStatus;
  accepted?: boolean;
  /** A completion report came in (round n). */
  reported?: { round: number };
  closed?: { rating: number | null };
  deadline?: string;
}

/** A record an assignee or the leader adds to the track outside a task (feedback, chase, extension request). */
export interface TrackRecord {
  instanceId: string;
  assigneeId: number;
  actorId: number;
  requestId: string;
  formKey: string;
  data: Record<string, unknown>;
  /** Audit event type, e.g. `assignment.progress`. */
  event: string;
}

/** Keeps each 交办 track's row in step with its workflow, and stores its records; idempotent under retries. */
export function createAssignmentActivities(orm: MikroORM, notifier: ReturnType<typeof createNotifier>) {
  return {
    async recordTrackStep(step: TrackStep): Promise<void> {
      const em = orm.em.fork();
      const track = await em.findOneOrFail(AssignedTrackSchema, { instanceId: step.instanceId, assigneeId: step.assigneeId });
      const now = new Date();
      if (step.status) track.status = step.status;
      if (step.accepted && !track.acceptedAt) track.acceptedAt = now;
      if (step.reported) {
        track.rounds = step.reported.round;
        track.reportedAt = now;
      }
      if (step.closed) {
        track.closedAt = now;
        track.rating = step.closed.rating;
      }
      if (step.deadline && step.deadline !== track.deadline) {
        track.deadline = step.deadline;
        track.extensionCount += 1;
      }
      await em.flush();
    },

    /**
     * Stores a track's record with its audit event and counters, once per (actor, requestId): the same
     * submission again returns the first record.
     */
    async addTrackRecord(input: TrackRecord): Promise<{ recordId: string }> {
      const stored = await orm.em.fork().transactional(async (tx) => {
        const earlier = await tx.findOne(FormRecordSchema, { instanceId: input.instanceId, createdBy: input.actorId, requestId: input.requestId });
        if (earlier) return { recordId: earlier.id };
        const form = getForm(input.formKey);
        if (!form) throw new Error(`unknown form ${input.formKey}`);
        const record = tx.create(FormRecordSchema, {
          id: randomUUID(), formKey: form.key, formVersion: form.version, data: input.data,
          instanceId: input.instanceId, requestId: input.requestId, createdBy: input.actorId,
        });
        const track = await tx.findOneOrFail(AssignedTrackSchema, { instanceId: input.instanceId, assigneeId: input.assigneeId });
        if (input.event === 'assignment.progress') {
          track.feedbackCount += 1;
          track.lastFeedbackAt = new Date();
        }
        if (input.event === 'assignment.chased') {
          track.chaseCount += 1;
          // 催办 reaches the assignee (and co-organisers) in their notification centre, once per chase, with the leader's words and name.
          const leader = await tx.findOne(UserSchema, { id: input.actorId }, { fields: ['displayName'] });
          const said = {
            processKey: 'assigned-task', title: track.title, comment: input.data.comment, deadline: track.deadline,
            by: input.actorId, actorName: leader?.displayName ?? null,
          };
          await notify(tx, [track.assigneeId, ...track.coOrganizerIds], 'task_chased', said, { instanceId: input.instanceId, dedupeKey: record.id });
        }
        appendAudit(tx, {
          type: input.event, actorId: input.actorId, instanceId: input.instanceId,
          data: { assigneeId: input.assigneeId, recordId: record.id, ...input.data },
        });
        return { recordId: record.id };
      });
      if (input.event === 'assignment.chased') await notifier.dispatch({ instanceId: input.instanceId });
      return stored;
    },

    /**
     * A completed feedback task (定期反馈) counts like progress sent at any time: the track's feedback
     * count and time, and the `assignment.progress` event; once per task.
     */
    async countTaskFeedback(input: { instanceId: string; assigneeId: number; actorId: number; taskId: string; recordId: string }): Promise<void> {
      await orm.em.fork().transactional(async (tx) => {
        const track = await tx.findOneOrFail(AssignedTrackSchema, { instanceId: input.instanceId, assigneeId: input.assigneeId },
          { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (await tx.count(AuditEventSchema, { instanceId: input.instanceId, taskId: input.taskId, type: 'assignment.progress' })) return;
        track.feedbackCount += 1;
        track.lastFeedbackAt = new Date();
        appendAudit(tx, {
          type: 'assignment.progress', actorId: input.actorId, instanceId: input.instanceId, taskId: input.taskId,
          data: { assigneeId: input.assigneeId, recordId: input.recordId },
        });
      });
    },
  };
}

export type AssignmentActivities = ReturnType<typeof createAssignmentActivities>;
