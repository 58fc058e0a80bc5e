/** The JSON of `GET /api/tasks/{id}/full`: a task with what its page shows beside it. */
import type { FromSchema } from 'json-schema-to-ts';
import { formDefinitionSchema } from '../platform/formContract.js';
import { instanceDetailSchema } from '../processes/processContract.js';
import { taskSchema } from './taskContract.js';

export const taskInFullSchema = {
  type: 'object',
  description: 'A task, its process and the forms the page shows, each as its own route gives it (`GET /api/tasks/{id}`, '
    + '`GET /api/instances/{id}`, `GET /api/forms/{key}`). `instance` is left out when the caller may work the task but not '
    + 'read its process.',
  required: ['task', 'forms'],
  properties: {
    task: taskSchema,
    instance: instanceDetailSchema,
    forms: {
      type: 'array', items: formDefinitionSchema,
      description: 'The task\'s form, then the forms of the process\'s records the caller sees, each once.',
    },
  },
} as const;
export type TaskInFull = FromSchema<typeof taskInFullSchema>;
