import type { FromSchema } from 'json-schema-to-ts';
import type { FormDefinition } from './formDefinition.js';
import { commentRequiredWhen } from './schemaParts.js';

/** 审批意见: the decision on any approval task. */
export const approvalDecisionSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    outcome: { type: 'string', enum: ['approve', 'reject', 'return'] },
    comment: { type: 'string', maxLength: 1000 },
  },
  required: ['outcome'],
  additionalProperties: false,
  // A rejection or a return must tell the submitter why; a plain approval may stay silent.
  ...commentRequiredWhen(['reject', 'return']),
} as const;

export type ApprovalDecision = FromSchema<typeof approvalDecisionSchema>;

export const approvalDecisionForm = {
  key: 'approval-decision',
  version: 1,
  title: { 'zh-CN': '审批意见', en: 'Approval decision' },
  schema: approvalDecisionSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [
      { type: 'Control', scope: '#/properties/outcome', options: { format: 'radio' } },
      { type: 'Control', scope: '#/properties/comment', options: { multi: true } },
    ],
  },
  i18n: {
    'zh-CN': {
      'outcome.label': '审批结果',
      'outcome.approve': '同意',
      'outcome.reject': '不同意',
      'outcome.return': '退回补充',
      'comment.label': '审批意见',
      'comment.description': '不同意或退回时必填',
    },
    en: {
      'outcome.label': 'Decision',
      'outcome.approve': 'Approve',
      'outcome.reject': 'Reject',
      'outcome.return': 'Return for more information',
      'comment.label': 'Comment',
      'comment.description': 'Required when rejecting or returning',
    },
  },
} as const satisfies FormDefinition;
