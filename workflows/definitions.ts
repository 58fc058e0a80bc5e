import { defineUpdate } from '@temporalio/workflow';
import type { CompleteTaskInput, TaskCompletion, WithdrawInput } from './types.js';

/** The one update through which every human task of every process is completed. */
export const completeTaskUpdate = defineUpdate<TaskCompletion, [CompleteTaskInput]>('completeTask');

/** The starter takes their request back: open tasks are cancelled and the instance ends `cancelled`. */
export const withdrawUpdate = defineUpdate<void, [WithdrawInput]>('withdraw');
