import { defineUpdate } from '@temporalio/workflow';
import type { CompleteTaskInput, TaskCompletion } from './types.js';

/** The one update through which every human task of every process is completed. */
export const completeTaskUpdate = defineUpdate<TaskCompletion, [CompleteTaskInput]>('completeTask');
