/** The JSON the admins' health route gives: a schema that documents (OpenAPI) and types (server and web) it. */
import type { FromSchema } from 'json-schema-to-ts';
import { dateTime, nullable } from '../openapi/helpers.js';

const count = { type: 'integer', minimum: 0 } as const;

export const adminHealthSchema = {
  type: 'object',
  required: ['database', 'temporal', 'reconciliation'],
  properties: {
    database: { type: 'boolean', description: 'PostgreSQL answered within 1.5 s.' },
    temporal: { type: 'boolean', description: 'Temporal answered within 1.5 s.' },
    reconciliation: {
      ...nullable({
        type: 'object',
        required: ['finishedAt', 'counts'],
        properties: {
          finishedAt: dateTime,
          counts: {
            type: 'object',
            required: ['running', 'failed', 'instancesRepaired', 'tasksRepaired', 'unknown', 'checked'],
            properties: {
              running: { ...count, description: 'Starts found running in Temporal and marked so.' },
              failed: { ...count, description: 'Starts that never reached Temporal, failed (their business key freed).' },
              awaitingParent: { ...count, description: 'Starts a running parent workflow will still make (a week\'s visit plans, the Schedule\'s monthly cycle), left starting.' },
              instancesRepaired: { ...count, description: 'Open instances whose workflow had ended without a word (terminated, failed, lost).' },
              tasksRepaired: { ...count, description: 'Open task rows their workflow had closed or never had, cancelled.' },
              unknown: { ...count, description: 'Rows Temporal could not be asked about in this pass (asked again later).' },
              checked: { ...count, description: 'Open instances and tasks compared in this pass (a slice: all are covered over the passes).' },
              handedOver: { ...count, description: 'Open tasks of deactivated users or former customer managers handed on in this pass.' },
              handOversPending: { ...count, description: 'Hand-overs Temporal could not take in this pass (tried again in the next).' },
            },
          },
        },
      }),
      description: 'The workers\' last pass comparing the projection with Temporal (every DUTYFLOW_RECONCILE_INTERVAL); null before the first.',
    },
  },
} as const;
export type AdminHealth = FromSchema<typeof adminHealthSchema>;
