import type { FromSchema } from 'json-schema-to-ts';
import type { FormDefinition } from './formDefinition.js';

/**
 * 工作日志: a customer manager's day — what they did and noted. The day's visits and completed tasks are
 * added by the server from the records themselves; the date may not lie in the future (a server rule).
 */
export const dailyRecordSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    date: { type: 'string', format: 'date' },
    notes: { type: 'string', minLength: 5, maxLength: 5000 },
    plan: { type: 'string', maxLength: 2000 },
  },
  required: ['date', 'notes'],
  additionalProperties: false,
} as const;

export type DailyRecord = FromSchema<typeof dailyRecordSchema>;

export const dailyRecordForm = {
  key: 'daily-record',
  version: 1,
  title: { 'zh-CN': '工作日志', en: 'Daily work record' },
  schema: dailyRecordSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [
      { type: 'Control', scope: '#/properties/date' },
      { type: 'Control', scope: '#/properties/notes', options: { multi: true } },
      { type: 'Control', scope: '#/properties/plan', options: { multi: true } },
    ],
  },
  i18n: {
    'zh-CN': {
      'date.label': '日期',
      'notes.label': '今日工作',
      'notes.description': '至少 5 个字；当日的拜访和已办任务由系统自动带入',
      'plan.label': '明日计划',
    },
    en: {
      'date.label': 'Date',
      'notes.label': 'Today\'s work',
      'notes.description': 'At least 5 characters; the day\'s visits and completed tasks are added from the records',
      'plan.label': 'Plan for tomorrow',
    },
  },
} as const satisfies FormDefinition;

/** 日志批注: the supervisor reads the day and may comment. */
export const dailyRecordCommentSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: { comment: { type: 'string', maxLength: 1000 } },
  additionalProperties: false,
} as const;

export const dailyRecordCommentForm = {
  key: 'daily-record-comment',
  version: 1,
  title: { 'zh-CN': '日志批注', en: 'Comment on the day' },
  schema: dailyRecordCommentSchema,
  uischema: { type: 'VerticalLayout', elements: [{ type: 'Control', scope: '#/properties/comment', options: { multi: true } }] },
  i18n: {
    'zh-CN': { 'comment.label': '批注（可选）' },
    en: { 'comment.label': 'Comment (optional)' },
  },
} as const satisfies FormDefinition;
