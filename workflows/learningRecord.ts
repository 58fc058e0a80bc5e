import { allHandlersFinished, condition, proxyLocalActivities } from '@temporalio/workflow';
import type { LearningActivities } from '../activities/learningActivities.js';
import type { ProcessActivities } from '../activities/processActivities.js';
import { LOCAL_ACTIVITY_OPTIONS } from './activityOptions.js';
import { TaskBoard, TaskCancelled } from './humanTask.js';

// Short idempotent database writes: local activities, like the task engine's.
const process = proxyLocalActivities<ProcessActivities>(LOCAL_ACTIVITY_OPTIONS);
const learning = proxyLocalActivities<LearningActivities>(LOCAL_ACTIVITY_OPTIONS);

/** Who acknowledges a record: the submitter's supervisor, or a role when they have none. */
export type LearningAcknowledger = { assigneeId: number } | { candidateRoles: string[] };

export interface LearningInput {
  instanceId: string;
  submitterId: number;
  acknowledger: LearningAcknowledger;
  /** What the acknowledging task shows. */
  record: { title: string; kind: string; date: string; hours: number };
}

export interface LearningResult {
  status: 'completed' | 'cancelled';
  acknowledgedBy: number | null;
}

/**
 * 学习记录 (自身建设): a staff member submits what they learnt → their supervisor (or, for someone
 * without one, the role the API chose) acknowledges it → completed. Never acknowledged by the
 * submitter; the submitter may withdraw it until then.
 */
export async function learningRecord(input: LearningInput): Promise<LearningResult> {
  const board = new TaskBoard(input.instanceId, 'learning-record');
  let acknowledged = false;
  const withdrawn = board.allowWithdraw(input.submitterId, () => acknowledged);

  try {
    const ack = await board.run({
      stepKey: 'ack', name: 'learning.ack', formKey: 'learning-ack', ...input.acknowledger,
      excludedUserIds: [input.submitterId],
      context: { ...input.record, submitterId: input.submitterId },
    });
    acknowledged = true; // before anything else is awaited: a later withdraw is refused
    await learning.recordLearningStep({ instanceId: input.instanceId, status: 'acknowledged', by: ack.completedBy });
    await condition(allHandlersFinished);
    await process.finishInstance({ instanceId: input.instanceId, status: 'completed', summary: { acknowledgedBy: ack.completedBy } });
    return { status: 'completed', acknowledgedBy: ack.completedBy };
  } catch (err) {
    if (!(err instanceof TaskCancelled)) throw err;
    await learning.recordLearningStep({ instanceId: input.instanceId, status: 'withdrawn' });
    await condition(allHandlersFinished);
    await process.finishInstance({ instanceId: input.instanceId, status: 'cancelled', summary: { withdrawal: withdrawn.withdrawal } });
    return { status: 'cancelled', acknowledgedBy: null };
  }
}
