import type { FromSchema } from 'json-schema-to-ts';
import type { FormDefinition } from './formDefinition.js';
import { commentRequiredWhen } from './schemaParts.js';

/** 承办: the assignee accepts, or asks the leader a question first. */
export const taskAcceptanceSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    outcome: { type: 'string', enum: ['accept', 'clarify'] },
    comment: { type: 'string', maxLength: 1000 },
  },
  required: ['outcome'],
  additionalProperties: false,
  ...commentRequiredWhen(['clarify']),
} as const;

export const taskAcceptanceForm = {
  key: 'task-acceptance',
  version: 1,
  title: { 'zh-CN': '承办', en: 'Acceptance' },
  schema: taskAcceptanceSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [
      { type: 'Control', scope: '#/properties/outcome', options: { format: 'radio' } },
      { type: 'Control', scope: '#/properties/comment', options: { multi: true } },
    ],
  },
  i18n: {
    'zh-CN': { 'outcome.label': '承办', 'outcome.accept': '接受', 'outcome.clarify': '请求澄清', 'comment.label': '说明', 'comment.description': '请求澄清时写明问题' },
    en: { 'outcome.label': 'Acceptance', 'outcome.accept': 'Accept', 'outcome.clarify': 'Ask for clarification', 'comment.label': 'Note', 'comment.description': 'Your question, when asking' },
  },
} as const satisfies FormDefinition;

/** The leader's answer to a question about an assignment. */
export const clarificationSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: { answer: { type: 'string', minLength: 2, maxLength: 2000 } },
  required: ['answer'],
  additionalProperties: false,
} as const;

export const clarificationForm = {
  key: 'clarification',
  version: 1,
  title: { 'zh-CN': '答复澄清', en: 'Clarification' },
  schema: clarificationSchema,
  uischema: { type: 'VerticalLayout', elements: [{ type: 'Control', scope: '#/properties/answer', options: { multi: true } }] },
  i18n: { 'zh-CN': { 'answer.label': '答复' }, en: { 'answer.label': 'Answer' } },
} as const satisfies FormDefinition;

/** 进度反馈: how far the work is, at any time or when periodic feedback is due. */
export const progressFeedbackSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    percent: { type: 'integer', minimum: 0, maximum: 100 },
    content: { type: 'string', minLength: 5, maxLength: 2000 },
    files: { type: 'array', items: { type: 'string', format: 'attachment' }, maxItems: 9 },
  },
  required: ['percent', 'content'],
  additionalProperties: false,
} as const;

export type ProgressFeedback = FromSchema<typeof progressFeedbackSchema>;

export const progressFeedbackForm = {
  key: 'progress-feedback',
  version: 1,
  title: { 'zh-CN': '进度反馈', en: 'Progress feedback' },
  schema: progressFeedbackSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [
      { type: 'Control', scope: '#/properties/percent' },
      { type: 'Control', scope: '#/properties/content', options: { multi: true } },
      { type: 'Control', scope: '#/properties/files' },
    ],
  },
  i18n: {
    'zh-CN': { 'percent.label': '完成进度（%）', 'content.label': '进展情况', 'files.label': '附件' },
    en: { 'percent.label': 'Progress (%)', 'content.label': 'What has been done', 'files.label': 'Files' },
  },
} as const satisfies FormDefinition;

/** 办结报告: what was done, with the work record's facts and files. */
export const completionReportSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    summary: { type: 'string', minLength: 10, maxLength: 4000 },
    completedOn: { type: 'string', format: 'date' },
    files: { type: 'array', items: { type: 'string', format: 'attachment' }, maxItems: 9 },
  },
  required: ['summary', 'completedOn'],
  additionalProperties: false,
} as const;

export const completionReportForm = {
  key: 'completion-report',
  version: 1,
  title: { 'zh-CN': '办结报告', en: 'Completion report' },
  schema: completionReportSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [
      { type: 'Control', scope: '#/properties/summary', options: { multi: true } },
      { type: 'Control', scope: '#/properties/completedOn' },
      { type: 'Control', scope: '#/properties/files' },
    ],
  },
  i18n: {
    'zh-CN': { 'summary.label': '办理情况', 'summary.description': '做了什么、结果如何（至少 10 个字）', 'completedOn.label': '办结日期', 'files.label': '工作记录与附件' },
    en: { 'summary.label': 'What was done', 'summary.description': 'Actions and result (at least 10 characters)', 'completedOn.label': 'Completed on', 'files.label': 'Work record and files' },
  },
} as const satisfies FormDefinition;

/** 评价: the leader accepts the work with a rating, or returns it. */
export const assignmentReviewSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    outcome: { type: 'string', enum: ['accept', 'return'] },
    rating: { type: 'integer', minimum: 1, maximum: 5 },
    comment: { type: 'string', maxLength: 1000 },
  },
  required: ['outcome'],
  additionalProperties: false,
  allOf: [
    { if: { properties: { outcome: { const: 'accept' } }, required: ['outcome'] }, then: { properties: { rating: { type: 'integer' } }, required: ['rating'] } },
    commentRequiredWhen(['return']),
  ],
} as const;

export const assignmentReviewForm = {
  key: 'assignment-review',
  version: 1,
  title: { 'zh-CN': '办结评价', en: 'Review' },
  schema: assignmentReviewSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [
      { type: 'Control', scope: '#/properties/outcome', options: { format: 'radio' } },
      { type: 'Control', scope: '#/properties/rating' },
      { type: 'Control', scope: '#/properties/comment', options: { multi: true } },
    ],
  },
  i18n: {
    'zh-CN': { 'outcome.label': '评价', 'outcome.accept': '同意办结', 'outcome.return': '退回重办', 'rating.label': '评分（1–5）', 'rating.description': '同意办结时必填', 'comment.label': '意见', 'comment.description': '退回时必填' },
    en: { 'outcome.label': 'Review', 'outcome.accept': 'Accept', 'outcome.return': 'Return', 'rating.label': 'Rating (1–5)', 'rating.description': 'Required to accept', 'comment.label': 'Comment', 'comment.description': 'Required to return' },
  },
} as const satisfies FormDefinition;

/** 延期申请: asked before the deadline, decided by the leader. */
export const extensionRequestSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    newDeadline: { type: 'string', format: 'date' },
    reason: { type: 'string', minLength: 5, maxLength: 1000 },
  },
  required: ['newDeadline', 'reason'],
  additionalProperties: false,
} as const;

export type ExtensionRequest = FromSchema<typeof extensionRequestSchema>;

export const extensionRequestForm = {
  key: 'extension-request',
  version: 1,
  title: { 'zh-CN': '延期申请', en: 'Extension request' },
  schema: extensionRequestSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [
      { type: 'Control', scope: '#/properties/newDeadline' },
      { type: 'Control', scope: '#/properties/reason', options: { multi: true } },
    ],
  },
  i18n: {
    'zh-CN': { 'newDeadline.label': '申请延至', 'reason.label': '延期理由' },
    en: { 'newDeadline.label': 'New deadline', 'reason.label': 'Reason' },
  },
} as const satisfies FormDefinition;
