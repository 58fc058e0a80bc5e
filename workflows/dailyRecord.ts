import { allHandlersFinished, condition, proxyLocalActivities } from '@temporalio/workflow';
import type { ProcessActivities } from '../activities/processActivities.js';
import { LOCAL_ACTIVITY_OPTIONS } from './activityOptions.js';
import { TaskBoard } from './humanTask.js';

const process = proxyLocalActivities<ProcessActivities>(LOCAL_ACTIVITY_OPTIONS);

export interface DailyRecordInput {
  instanceId: string;
  authorId: number;
  /** Who reads and may comment: the author's supervisor; null: nobody, the record is filed at once. */
  supervisorId: number | null;
  /** What the supervisor's task shows: the date and the day's facts. */
  day: { date: string; visits: number; tasksDone: number };
}

/**
 * 工作日志: a manager files their day (the server adds the day's visits and completed tasks) → their
 * supervisor reads it and may comment → filed.
 */
export async function dailyRecord(input: DailyRecordInput): Promise<{ commentedBy: number | null }> {
  const board = new TaskBoard(input.instanceId, 'daily-record');
  let commentedBy: number | null = null;
  if (input.supervisorId !== null) {
    const read = await board.run({
      stepKey: 'comment', name: 'daily.comment', formKey: 'daily-record-comment', assigneeId: input.supervisorId,
      excludedUserIds: [input.authorId], context: { ...input.day, authorId: input.authorId, title: input.day.date },
    });
    commentedBy = read.completedBy;
  }
  await condition(allHandlersFinished);
  await process.finishInstance({ instanceId: input.instanceId, status: 'completed', summary: { commentedBy } });
  return { commentedBy };
}
