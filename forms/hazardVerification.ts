import type { FromSchema } from 'json-schema-to-ts';
import type { FormDefinition } from './formDefinition.js';
import { commentRequiredWhen } from './schemaParts.js';

/** 验收: the safety officer passes the rectification (销号) or fails it with reasons. */
export const hazardVerificationSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    outcome: { type: 'string', enum: ['pass', 'fail'] },
    comment: { type: 'string', maxLength: 2000 },
  },
  required: ['outcome'],
  additionalProperties: false,
  ...commentRequiredWhen(['fail']),
} as const;

export type HazardVerification = FromSchema<typeof hazardVerificationSchema>;

export const hazardVerificationForm = {
  key: 'hazard-verification',
  version: 1,
  title: { 'zh-CN': '整改验收', en: 'Verification' },
  schema: hazardVerificationSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [
      { type: 'Control', scope: '#/properties/outcome', options: { format: 'radio' } },
      { type: 'Control', scope: '#/properties/comment', options: { multi: true } },
    ],
  },
  i18n: {
    'zh-CN': {
      'outcome.label': '验收结论',
      'outcome.pass': '验收通过',
      'outcome.fail': '验收不通过',
      'comment.label': '验收意见',
      'comment.description': '不通过时必填原因',
    },
    en: {
      'outcome.label': 'Result',
      'outcome.pass': 'Pass',
      'outcome.fail': 'Fail',
      'comment.label': 'Comment',
      'comment.description': 'Required when it fails: why',
    },
  },
} as const satisfies FormDefinition;
