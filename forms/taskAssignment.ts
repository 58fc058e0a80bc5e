import type { FromSchema } from 'json-schema-to-ts';
import type { FormDefinition } from './formDefinition.js';
import { enumLabels } from './hazardReport.js';

export const ASSIGNMENT_PRIORITIES = ['normal', 'high', 'urgent'] as const;

/**
 * 交办: a leader's assignment. `separate`: each assignee has their own track (accept, report,
 * review); `lead`: the first assignee leads (主办) one track and the others co-organise (协办).
 */
export const taskAssignmentSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    title: { type: 'string', minLength: 2, maxLength: 100 },
    requirement: { type: 'string', minLength: 10, maxLength: 4000 },
    assigneeIds: { type: 'array', items: { type: 'integer', minimum: 1 }, minItems: 1, maxItems: 20, uniqueItems: true },
    mode: { type: 'string', enum: ['separate', 'lead'] },
    deadline: { type: 'string', format: 'date' },
    priority: { type: 'string', enum: [...ASSIGNMENT_PRIORITIES] },
    feedbackEveryDays: { type: 'integer', minimum: 1, maximum: 90 },
  },
  required: ['title', 'requirement', 'assigneeIds', 'mode', 'deadline', 'priority'],
  additionalProperties: false,
} as const;

export type TaskAssignment = FromSchema<typeof taskAssignmentSchema>;

export const taskAssignmentForm = {
  key: 'task-assignment',
  version: 1,
  title: { 'zh-CN': '领导交办事项', en: 'Assigned task' },
  schema: taskAssignmentSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [
      { type: 'Control', scope: '#/properties/title' },
      { type: 'Control', scope: '#/properties/requirement', options: { multi: true } },
      { type: 'Control', scope: '#/properties/assigneeIds', options: { picker: 'users' } },
      {
        type: 'HorizontalLayout',
        elements: [
          { type: 'Control', scope: '#/properties/mode', options: { format: 'radio' } },
          { type: 'Control', scope: '#/properties/priority' },
        ],
      },
      {
        type: 'HorizontalLayout',
        elements: [
          { type: 'Control', scope: '#/properties/deadline' },
          { type: 'Control', scope: '#/properties/feedbackEveryDays' },
        ],
      },
    ],
  },
  i18n: {
    'zh-CN': {
      'title.label': '事项名称',
      'requirement.label': '工作要求',
      'assigneeIds.label': '承办人',
      'mode.label': '承办方式',
      'mode.separate': '各自承办',
      'mode.lead': '主办 + 协办（第一位为主办）',
      'deadline.label': '完成期限',
      'priority.label': '优先级',
      ...enumLabels('priority', { normal: '一般', high: '重要', urgent: '紧急' }),
      'feedbackEveryDays.label': '定期反馈（天）',
      'feedbackEveryDays.description': '长期事项每隔几天须反馈一次进度，不填则不要求',
    },
    en: {
      'title.label': 'Title',
      'requirement.label': 'Requirement',
      'assigneeIds.label': 'Assignees',
      'mode.label': 'Mode',
      'mode.separate': 'Each on their own',
      'mode.lead': 'Lead + co-organisers (the first leads)',
      'deadline.label': 'Deadline',
      'priority.label': 'Priority',
      ...enumLabels('priority', { normal: 'Normal', high: 'High', urgent: 'Urgent' }),
      'feedbackEveryDays.label': 'Feedback every (days)',
      'feedbackEveryDays.description': 'For long tasks: progress feedback is due this often; empty for none',
    },
  },
} as const satisfies FormDefinition;
