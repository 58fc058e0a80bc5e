import type { FromSchema } from 'json-schema-to-ts';
import type { FormDefinition } from './formDefinition.js';

/** 工作记录: the record most duties in the job standard ask for. */
export const workRecordSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    date: { type: 'string', format: 'date' },
    category: {
      type: 'string',
      enum: ['visit', 'allocation', 'promotion', 'safety', 'assigned', 'learning', 'other'],
    },
    customerIds: { type: 'array', items: { type: 'integer', minimum: 1 } },
    content: { type: 'string', minLength: 5, maxLength: 5000 },
    result: { type: 'string', maxLength: 2000 },
    followUp: { type: 'string', maxLength: 2000 },
  },
  required: ['date', 'category', 'content'],
  additionalProperties: false,
} as const;

export type WorkRecord = FromSchema<typeof workRecordSchema>;

export const workRecordForm = {
  key: 'work-record',
  version: 1,
  title: { 'zh-CN': '工作记录', en: 'Work record' },
  schema: workRecordSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [
      {
        type: 'HorizontalLayout',
        elements: [
          { type: 'Control', scope: '#/properties/date' },
          { type: 'Control', scope: '#/properties/category' },
        ],
      },
      { type: 'Control', scope: '#/properties/customerIds' },
      { type: 'Control', scope: '#/properties/content', options: { multi: true } },
      { type: 'Control', scope: '#/properties/result', options: { multi: true } },
      { type: 'Control', scope: '#/properties/followUp', options: { multi: true } },
    ],
  },
  i18n: {
    'zh-CN': {
      'date.label': '日期',
      'category.label': '工作类别',
      'category.visit': '客户拜访',
      'category.allocation': '货源投放',
      'category.promotion': '品牌宣传',
      'category.safety': '安全防范',
      'category.assigned': '交办事项',
      'category.learning': '学习',
      'category.other': '其他',
      'customerIds.label': '涉及客户',
      'content.label': '工作内容',
      'result.label': '工作结果',
      'followUp.label': '后续跟进',
    },
    en: {
      'date.label': 'Date',
      'category.label': 'Category',
      'category.visit': 'Customer visit',
      'category.allocation': 'Supply allocation',
      'category.promotion': 'Brand promotion',
      'category.safety': 'Safety',
      'category.assigned': 'Assigned task',
      'category.learning': 'Learning',
      'category.other': 'Other',
      'customerIds.label': 'Customers',
      'content.label': 'Work done',
      'result.label': 'Result',
      'followUp.label': 'Follow-up',
    },
  },
} as const satisfies FormDefinition;
