/** The JSON the user routes give: schemas that document (OpenAPI) and type (server and web) it. */
import type { FromSchema } from 'json-schema-to-ts';

export const ROLE = { type: 'string', enum: ['customer_manager', 'supervisor', 'dept_head', 'safety_officer', 'leader', 'admin'] } as const;

export const userSummarySchema = {
  type: 'object',
  description: 'What any signed-in user may know of another: enough to show a name for an id.',
  required: ['id', 'username', 'displayName', 'roles'],
  properties: {
    id: { type: 'integer' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    roles: { type: 'array', items: ROLE },
  },
} as const;
export type UserSummary = FromSchema<typeof userSummarySchema>;
