import type { FromSchema } from 'json-schema-to-ts';
import type { FormDefinition } from './formDefinition.js';

/** 督办意见: what a leader says when chasing overdue work (who was urged, what is asked). */
export const supervisionNoteSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    comment: { type: 'string', minLength: 2, maxLength: 1000 },
  },
  required: ['comment'],
  additionalProperties: false,
} as const;

export type SupervisionNote = FromSchema<typeof supervisionNoteSchema>;

export const supervisionNoteForm = {
  key: 'supervision-note',
  version: 1,
  title: { 'zh-CN': '督办意见', en: 'Supervision note' },
  schema: supervisionNoteSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [{ type: 'Control', scope: '#/properties/comment', options: { multi: true } }],
  },
  i18n: {
    'zh-CN': { 'comment.label': '督办意见', 'comment.description': '对责任人的要求，如限期完成、说明原因' },
    en: { 'comment.label': 'Note', 'comment.description': 'What the responsible person must do, e.g. finish by a date or explain the delay' },
  },
} as const satisfies FormDefinition;
