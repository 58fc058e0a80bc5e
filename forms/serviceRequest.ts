import type { FromSchema } from 'json-schema-to-ts';
import type { FormDefinition } from './formDefinition.js';
import { enumLabels } from './hazardReport.js';

/** How a request or a complaint reached us: 电话, 上门 (the customer came in), 微信, 系统 (the ordering system). */
export const SERVICE_CHANNELS = ['phone', 'walk_in', 'wechat', 'system'] as const;
/** What a customer asks for. */
export const SERVICE_CATEGORIES = ['supply', 'ordering', 'equipment', 'license', 'guidance', 'other'] as const;

export const serviceChannelLabels = {
  'zh-CN': { phone: '电话', walk_in: '上门', wechat: '微信', system: '系统' },
  en: { phone: 'Phone', walk_in: 'In person', wechat: 'WeChat', system: 'System' },
} as const;

export const serviceCategoryLabels = {
  'zh-CN': { supply: '货源供应', ordering: '订货结算', equipment: '设备维护', license: '证照办理', guidance: '经营指导', other: '其他' },
  en: { supply: 'Supply', ordering: 'Ordering and payment', equipment: 'Equipment', license: 'Licence', guidance: 'Business advice', other: 'Other' },
} as const;

/** 客户服务需求: what a customer asked for, recorded by their manager, a supervisor, or anyone on the customer's behalf. */
export const serviceRequestSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    customerId: { type: 'integer', minimum: 1 },
    channel: { type: 'string', enum: [...SERVICE_CHANNELS] },
    category: { type: 'string', enum: [...SERVICE_CATEGORIES] },
    content: { type: 'string', minLength: 5, maxLength: 2000 },
  },
  required: ['customerId', 'channel', 'category', 'content'],
  additionalProperties: false,
} as const;

export type ServiceRequest = FromSchema<typeof serviceRequestSchema>;

export const serviceRequestForm = {
  key: 'service-request',
  version: 1,
  title: { 'zh-CN': '客户服务需求', en: 'Customer service request' },
  schema: serviceRequestSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [
      {
        type: 'HorizontalLayout',
        elements: [
          { type: 'Control', scope: '#/properties/customerId', options: { picker: 'customer' } },
          { type: 'Control', scope: '#/properties/channel' },
          { type: 'Control', scope: '#/properties/category' },
        ],
      },
      { type: 'Control', scope: '#/properties/content', options: { multi: true } },
    ],
  },
  i18n: {
    'zh-CN': {
      'customerId.label': '客户',
      'channel.label': '来源渠道',
      ...enumLabels('channel', serviceChannelLabels['zh-CN']),
      'category.label': '需求类别',
      ...enumLabels('category', serviceCategoryLabels['zh-CN']),
      'content.label': '需求内容',
      'content.description': '至少 5 个字：客户要什么、何时方便',
    },
    en: {
      'customerId.label': 'Customer',
      'channel.label': 'Channel',
      ...enumLabels('channel', serviceChannelLabels.en),
      'category.label': 'Category',
      ...enumLabels('category', serviceCategoryLabels.en),
      'content.label': 'Request',
      'content.description': 'At least 5 characters: what the customer needs, and when suits them',
    },
  },
} as const satisfies FormDefinition;

/** 答复记录: what the manager told the customer, and how. */
export const serviceReplySchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    reply: { type: 'string', minLength: 2, maxLength: 2000 },
    via: { type: 'string', enum: [...SERVICE_CHANNELS] },
  },
  required: ['reply', 'via'],
  additionalProperties: false,
} as const;

export type ServiceReply = FromSchema<typeof serviceReplySchema>;

export const serviceReplyForm = {
  key: 'service-reply',
  version: 1,
  title: { 'zh-CN': '需求答复', en: 'Reply to the request' },
  schema: serviceReplySchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [
      { type: 'Control', scope: '#/properties/via', options: { format: 'radio' } },
      { type: 'Control', scope: '#/properties/reply', options: { multi: true } },
    ],
  },
  i18n: {
    'zh-CN': {
      'reply.label': '答复内容',
      'reply.description': '告诉客户的处理意见和上门时间',
      'via.label': '答复方式',
      ...enumLabels('via', serviceChannelLabels['zh-CN']),
    },
    en: {
      'reply.label': 'Reply',
      'reply.description': 'What you told the customer, and when you will visit',
      'via.label': 'Replied by',
      ...enumLabels('via', serviceChannelLabels.en),
    },
  },
} as const satisfies FormDefinition;
