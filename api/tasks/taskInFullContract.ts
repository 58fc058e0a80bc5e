/** The JSON of `GET /api/tasks/{id}/full`: a task with what its page shows beside it. */
import type { FromSchema } from 'json-schema-to-ts';
import { formDefinitionSchema } from '../platform/formContract.js';
import { instanceDetailSchema } from '../processes/processContract.js';
import { taskSchema } from './taskContract.js';

export const taskInFullSchema = {
  type: 'object',
  description: 'A task, its form and its process, each as its own route gives it (`GET /api/tasks/{id}`, `GET /api/forms/{key}`, '
    + '`GET /api/instances/{id}`). `instance` is left out when the caller may work the task but not read its process.',
  required: ['task', 'form'],
  properties: { task: taskSchema, form: formDefinitionSchema, instance: instanceDetailSchema },
} as const;
export type TaskInFull = FromSchema<typeof taskInFullSchema>;
