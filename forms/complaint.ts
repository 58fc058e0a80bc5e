import type { FromSchema } from 'json-schema-to-ts';
import type { FormDefinition } from './formDefinition.js';
import { enumLabels } from './hazardReport.js';
import { SERVICE_CHANNELS, serviceChannelLabels } from './serviceRequest.js';

/** 投诉类别: 服务, 货源, 价格, 质量, 其他. */
export const COMPLAINT_CATEGORIES = ['service', 'supply', 'price', 'quality', 'other'] as const;
export const COMPLAINT_URGENCIES = ['normal', 'urgent'] as const;
/** 回访满意度: 满意, 基本满意, 不满意 (不满意 sends the complaint back for another round). */
export const SATISFACTION_LEVELS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;

export const complaintCategoryLabels = {
  'zh-CN': { service: '服务', supply: '货源', price: '价格', quality: '质量', other: '其他' },
  en: { service: 'Service', supply: 'Supply', price: 'Price', quality: 'Quality', other: 'Other' },
} as const;
export const complaintUrgencyLabels = {
  'zh-CN': { normal: '一般', urgent: '紧急' },
  en: { normal: 'Normal', urgent: 'Urgent' },
} as const;
export const satisfactionLabels = {
  'zh-CN': { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' },
  en: { satisfied: 'Satisfied', basically_satisfied: 'Mostly satisfied', unsatisfied: 'Unsatisfied' },
} as const;

/** 投诉记录: who complained (a customer, or anonymous), how, about what, how urgent, and optionally about which manager. */
export const complaintRecordSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    anonymous: { type: 'boolean' },
    customerId: { type: 'integer', minimum: 1 },
    channel: { type: 'string', enum: [...SERVICE_CHANNELS] },
    category: { type: 'string', enum: [...COMPLAINT_CATEGORIES] },
    urgency: { type: 'string', enum: [...COMPLAINT_URGENCIES] },
    content: { type: 'string', minLength: 5, maxLength: 2000 },
    complainedManagerId: { type: 'integer', minimum: 1 },
  },
  required: ['channel', 'category', 'urgency', 'content'],
  additionalProperties: false,
  // A named complaint says whose customer it is; an anonymous one may not.
  if: { not: { properties: { anonymous: { const: true } }, required: ['anonymous'] } },
  then: { properties: { customerId: { type: 'integer' } }, required: ['customerId'] },
} as const;

export type ComplaintRecord = FromSchema<typeof complaintRecordSchema>;

export const complaintRecordForm = {
  key: 'complaint-record',
  version: 1,
  title: { 'zh-CN': '投诉登记', en: 'Complaint record' },
  schema: complaintRecordSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [
      { type: 'Control', scope: '#/properties/anonymous' },
      {
        type: 'Control', scope: '#/properties/customerId', options: { picker: 'customer' },
        rule: { effect: 'HIDE', condition: { scope: '#/properties/anonymous', schema: { const: true } } },
      },
      {
        type: 'HorizontalLayout',
        elements: [
          { type: 'Control', scope: '#/properties/channel' },
          { type: 'Control', scope: '#/properties/category' },
          { type: 'Control', scope: '#/properties/urgency' },
        ],
      },
      { type: 'Control', scope: '#/properties/content', options: { multi: true } },
      { type: 'Control', scope: '#/properties/complainedManagerId', options: { picker: 'user' } },
    ],
  },
  i18n: {
    'zh-CN': {
      'anonymous.label': '匿名投诉',
      'customerId.label': '客户',
      'channel.label': '投诉渠道',
      ...enumLabels('channel', serviceChannelLabels['zh-CN']),
      'category.label': '投诉类别',
      ...enumLabels('category', complaintCategoryLabels['zh-CN']),
      'urgency.label': '紧急程度',
      ...enumLabels('urgency', complaintUrgencyLabels['zh-CN']),
      'content.label': '投诉内容',
      'content.description': '至少 5 个字',
      'complainedManagerId.label': '被投诉的客户经理（可选）',
    },
    en: {
      'anonymous.label': 'Anonymous',
      'customerId.label': 'Customer',
      'channel.label': 'Channel',
      ...enumLabels('channel', serviceChannelLabels.en),
      'category.label': 'Category',
      ...enumLabels('category', complaintCategoryLabels.en),
      'urgency.label': 'Urgency',
      ...enumLabels('urgency', complaintUrgencyLabels.en),
      'content.label': 'Complaint',
      'content.description': 'At least 5 characters',
      'complainedManagerId.label': 'Customer manager complained about (optional)',
    },
  },
} as const satisfies FormDefinition;

/** 指定处理人: the supervisor names who handles the complaint (never the manager it is about). */
export const complaintAssignSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    handlerId: { type: 'integer', minimum: 1 },
    comment: { type: 'string', maxLength: 1000 },
  },
  required: ['handlerId'],
  additionalProperties: false,
} as const;

export type ComplaintAssign = FromSchema<typeof complaintAssignSchema>;

export const complaintAssignForm = {
  key: 'complaint-assign',
  version: 1,
  title: { 'zh-CN': '指定投诉处理人', en: 'Assign the complaint' },
  schema: complaintAssignSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [
      { type: 'Control', scope: '#/properties/handlerId', options: { picker: 'user' } },
      { type: 'Control', scope: '#/properties/comment', options: { multi: true } },
    ],
  },
  i18n: {
    'zh-CN': { 'handlerId.label': '处理人', 'handlerId.description': '不能是被投诉的客户经理', 'comment.label': '处理要求' },
    en: { 'handlerId.label': 'Handler', 'handlerId.description': 'Not the manager complained about', 'comment.label': 'Instructions' },
  },
} as const satisfies FormDefinition;

/** 首次响应: the handler contacted the customer (due 24 h after the complaint was recorded). */
export const complaintResponseSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    response: { type: 'string', minLength: 2, maxLength: 2000 },
    via: { type: 'string', enum: [...SERVICE_CHANNELS] },
  },
  required: ['response', 'via'],
  additionalProperties: false,
} as const;

export const complaintResponseForm = {
  key: 'complaint-response',
  version: 1,
  title: { 'zh-CN': '投诉首次响应', en: 'First response' },
  schema: complaintResponseSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [
      { type: 'Control', scope: '#/properties/via', options: { format: 'radio' } },
      { type: 'Control', scope: '#/properties/response', options: { multi: true } },
    ],
  },
  i18n: {
    'zh-CN': { 'response.label': '响应内容', 'via.label': '联系方式', ...enumLabels('via', serviceChannelLabels['zh-CN']) },
    en: { 'response.label': 'What the customer was told', 'via.label': 'Contacted by', ...enumLabels('via', serviceChannelLabels.en) },
  },
} as const satisfies FormDefinition;

/** 处理记录: what was done and the result (due 5 working days after assignment). */
export const complaintHandlingSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    actions: { type: 'string', minLength: 5, maxLength: 2000 },
    result: { type: 'string', minLength: 2, maxLength: 2000 },
    attachments: { type: 'array', items: { type: 'string', format: 'attachment' }, maxItems: 9 },
  },
  required: ['actions', 'result'],
  additionalProperties: false,
} as const;

export type ComplaintHandling = FromSchema<typeof complaintHandlingSchema>;

export const complaintHandlingForm = {
  key: 'complaint-handling',
  version: 1,
  title: { 'zh-CN': '投诉处理记录', en: 'Complaint handling' },
  schema: complaintHandlingSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [
      { type: 'Control', scope: '#/properties/actions', options: { multi: true } },
      { type: 'Control', scope: '#/properties/result', options: { multi: true } },
      { type: 'Control', scope: '#/properties/attachments' },
    ],
  },
  i18n: {
    'zh-CN': {
      'actions.label': '处理过程', 'actions.description': '至少 5 个字', 'result.label': '处理结果', 'attachments.label': '佐证材料',
    },
    en: { 'actions.label': 'What was done', 'actions.description': 'At least 5 characters', 'result.label': 'Result', 'attachments.label': 'Evidence' },
  },
} as const satisfies FormDefinition;

/** 回访: someone other than the handler asks the customer; 不满意 needs a reason and sends the complaint back. */
export const complaintRevisitSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    satisfaction: { type: 'string', enum: [...SATISFACTION_LEVELS] },
    comment: { type: 'string', maxLength: 1000 },
  },
  required: ['satisfaction'],
  additionalProperties: false,
  if: { properties: { satisfaction: { const: 'unsatisfied' } }, required: ['satisfaction'] },
  then: { properties: { comment: { type: 'string', minLength: 2 } }, required: ['comment'] },
} as const;

export type ComplaintRevisit = FromSchema<typeof complaintRevisitSchema>;

export const complaintRevisitForm = {
  key: 'complaint-revisit',
  version: 1,
  title: { 'zh-CN': '投诉回访', en: 'Follow-up call' },
  schema: complaintRevisitSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [
      { type: 'Control', scope: '#/properties/satisfaction', options: { format: 'radio' } },
      { type: 'Control', scope: '#/properties/comment', options: { multi: true } },
    ],
  },
  i18n: {
    'zh-CN': {
      'satisfaction.label': '客户满意度', ...enumLabels('satisfaction', satisfactionLabels['zh-CN']),
      'comment.label': '回访情况', 'comment.description': '不满意时必填：客户的意见',
    },
    en: {
      'satisfaction.label': 'Satisfaction', ...enumLabels('satisfaction', satisfactionLabels.en),
      'comment.label': 'Notes', 'comment.description': 'Required when unsatisfied: what the customer said',
    },
  },
} as const satisfies FormDefinition;
