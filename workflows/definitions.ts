import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CompleteTaskInput, HandOverInput, TaskActionInput, TaskCompletion, WithdrawInput } from './types.js';
import type { Actor } from '../domain/taskRules.js';

/** The one update through which every human task of every process is completed. */
export const completeTaskUpdate = defineUpdate<TaskCompletion, [CompleteTaskInput]>('completeTask');

/**
 * The workflow's own word on its tasks: each task id it has opened, and whether it is still open
 * (`open`, also while a completion is being written) or closed (`done`, `cancelled`). The reconciler
 * repairs task rows from it; a query leaves no trace in the history.
 */
export const taskStatesQuery = defineQuery<Record<string, 'open' | 'done' | 'cancelled'>>('taskStates');

/** 转交 / 加签 / 抄送 on an open task, for steps that allow them (the same update for every process). */
export const taskActionUpdate = defineUpdate<void, [TaskActionInput]>('taskAction');

/**
 * The administration hands an open task on: its holder was deactivated, or the customer it is about
 * moved to another manager (the same update for every process; never sent on a user's behalf).
 */
export const handOverUpdate = defineUpdate<void, [HandOverInput]>('handOver');

/** The starter takes their request back: open tasks are cancelled and the instance ends `cancelled`. */
export const withdrawUpdate = defineUpdate<void, [WithdrawInput]>('withdraw');

/** What an assignee (or a co-organiser, or the leader) says about an assigned task's track. */
export interface TrackInput {
  actor: Actor;
  /** Whose track (an assignee's user id). */
  assigneeId: number;
  data: Record<string, unknown>;
  requestId: string;
}

/** 进度反馈 at any time, by the assignee or a co-organiser. */
export const reportProgressUpdate = defineUpdate<{ recordId: string }, [TrackInput]>('reportProgress');

/** 催办: the leader chases a track (`data.comment`). */
export const chaseUpdate = defineUpdate<void, [TrackInput]>('chase');

/** 延期申请 by the assignee, before the deadline; the leader decides in a task. */
export const requestExtensionUpdate = defineUpdate<{ recordId: string }, [TrackInput]>('requestExtension');
