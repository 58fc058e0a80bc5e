import type { FromSchema } from 'json-schema-to-ts';
import type { FormDefinition } from './formDefinition.js';

/**
 * 客户月供量调整: a customer manager's review of their part of the month's plan. The lines themselves
 * are read from `/api/allocation/cycles/:month/lines` (hundreds of customers × products do not belong
 * in a form); the record holds only the lines changed, each a whole quantity for one customer and
 * product. A submission is the whole set: a line left out is as drafted.
 */
export const allocationReviewSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    adjustments: {
      type: 'array',
      maxItems: 20000,
      items: {
        type: 'object',
        properties: {
          customerId: { type: 'integer', minimum: 1 },
          productCode: { type: 'string', minLength: 1, maxLength: 32 },
          quantity: { type: 'integer', minimum: 0, maximum: 1000000 },
        },
        required: ['customerId', 'productCode', 'quantity'],
        additionalProperties: false,
      },
    },
    comment: { type: 'string', maxLength: 1000 },
  },
  required: ['adjustments'],
  additionalProperties: false,
} as const;

export type AllocationReview = FromSchema<typeof allocationReviewSchema>;

export const allocationReviewForm = {
  key: 'allocation-review',
  version: 1,
  title: { 'zh-CN': '客户月供量调整', en: 'Monthly allocation review' },
  schema: allocationReviewSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [
      { type: 'Control', scope: '#/properties/adjustments' },
      { type: 'Control', scope: '#/properties/comment', options: { multi: true } },
    ],
  },
  i18n: {
    'zh-CN': {
      'adjustments.label': '调整明细',
      'adjustments.description': '只填需要调整的客户和规格；每户调整幅度不超过测算量的允许范围，本人各规格合计不超过测算合计',
      'adjustments.customerId.label': '客户',
      'adjustments.productCode.label': '规格编码',
      'adjustments.quantity.label': '调整后数量（条）',
      'comment.label': '说明',
    },
    en: {
      'adjustments.label': 'Adjustments',
      'adjustments.description': 'Only the customers and products you change; each within the allowed range of the draft, your total per product not above the drafted total',
      'adjustments.customerId.label': 'Customer',
      'adjustments.productCode.label': 'Product code',
      'adjustments.quantity.label': 'New quantity (cartons)',
      'comment.label': 'Comment',
    },
  },
} as const satisfies FormDefinition;

/** 发起月度货源投放: the month to plan (the plan itself is drafted by the engine). */
export const allocationCycleStartSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    month: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' },
  },
  required: ['month'],
  additionalProperties: false,
} as const;

export type AllocationCycleStart = FromSchema<typeof allocationCycleStartSchema>;

export const allocationCycleStartForm = {
  key: 'allocation-cycle-start',
  version: 1,
  title: { 'zh-CN': '发起月度货源投放', en: 'Start a monthly allocation' },
  schema: allocationCycleStartSchema,
  uischema: { type: 'VerticalLayout', elements: [{ type: 'Control', scope: '#/properties/month' }] },
  i18n: {
    'zh-CN': { 'month.label': '投放月份', 'month.description': 'YYYY-MM，该月的可供量须已导入' },
    en: { 'month.label': 'Month', 'month.description': 'YYYY-MM; the month\'s availability must be imported' },
  },
} as const satisfies FormDefinition;
