/** The JSON bodies the process routes accept: validated by Ajv, documented in OpenAPI, typed for server and web. */
import type { FromSchema } from 'json-schema-to-ts';
import { REQUEST_ID } from '../http/bodySchema.js';

export const startInstanceBody = {
  type: 'object',
  required: ['data', 'requestId'],
  properties: {
    data: {
      type: 'object',
      description: 'The data of the process\'s start form (its `formKey` in `GET /api/processes`), e.g. `RegradeProposal` for `regrade`, '
        + '`LearningRecordForm` for `learning-record`; validated against that form.',
    },
    requestId: REQUEST_ID,
  },
} as const;
export type StartInstanceBody = FromSchema<typeof startInstanceBody>;

export const withdrawBody = {
  type: 'object',
  required: ['requestId'],
  properties: { requestId: REQUEST_ID, reason: { type: 'string', maxLength: 500 } },
} as const;
export type WithdrawBody = FromSchema<typeof withdrawBody>;
