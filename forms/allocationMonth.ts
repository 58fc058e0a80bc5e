import type { FromSchema } from 'json-schema-to-ts';
import type { FormDefinition } from './formDefinition.js';

/**
 * 信息反馈表 (sales flow): for a big customer (monthly supply above the threshold) their manager
 * reports how the supply sells, the stock and the price seen in the shop, and what they found.
 */
export const salesFlowFeedbackSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    customerId: { type: 'integer', minimum: 1 },
    salesSituation: { type: 'string', enum: ['normal', 'slow', 'fast', 'abnormal'] },
    stockCartons: { type: 'integer', minimum: 0, maximum: 1000000 },
    retailPrice: { type: 'number', minimum: 0, maximum: 100000 },
    findings: { type: 'string', minLength: 2, maxLength: 3000 },
  },
  required: ['customerId', 'salesSituation', 'stockCartons', 'findings'],
  additionalProperties: false,
} as const;

export type SalesFlowFeedback = FromSchema<typeof salesFlowFeedbackSchema>;

export const salesFlowFeedbackForm = {
  key: 'sales-flow-feedback',
  version: 1,
  title: { 'zh-CN': '信息反馈表（大客户销售流向）', en: 'Sales flow feedback (big customer)' },
  schema: salesFlowFeedbackSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [
      { type: 'Control', scope: '#/properties/customerId' },
      { type: 'Control', scope: '#/properties/salesSituation' },
      {
        type: 'HorizontalLayout',
        elements: [
          { type: 'Control', scope: '#/properties/stockCartons' },
          { type: 'Control', scope: '#/properties/retailPrice' },
        ],
      },
      { type: 'Control', scope: '#/properties/findings', options: { multi: true } },
    ],
  },
  i18n: {
    'zh-CN': {
      'customerId.label': '客户',
      'salesSituation.label': '销售情况',
      'salesSituation.normal': '正常',
      'salesSituation.slow': '滞销',
      'salesSituation.fast': '畅销',
      'salesSituation.abnormal': '异常流向',
      'stockCartons.label': '库存（条）',
      'retailPrice.label': '零售价（元/条）',
      'findings.label': '发现的问题及情况',
    },
    en: {
      'customerId.label': 'Customer',
      'salesSituation.label': 'Sales situation',
      'salesSituation.normal': 'Normal',
      'salesSituation.slow': 'Slow',
      'salesSituation.fast': 'Fast',
      'salesSituation.abnormal': 'Abnormal flow',
      'stockCartons.label': 'Stock (cartons)',
      'retailPrice.label': 'Retail price (per carton)',
      'findings.label': 'Findings',
    },
  },
} as const satisfies FormDefinition;

/** 品牌信息反馈表: a manager's monthly feedback on the brands in their market. */
export const brandFeedbackSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    brands: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: {
        type: 'object',
        properties: {
          productCode: { type: 'string', minLength: 1, maxLength: 32 },
          acceptance: { type: 'string', enum: ['good', 'fair', 'poor'] },
          remark: { type: 'string', maxLength: 1000 },
        },
        required: ['productCode', 'acceptance'],
        additionalProperties: false,
      },
    },
    promotion: { type: 'string', maxLength: 3000 },
  },
  required: ['brands'],
  additionalProperties: false,
} as const;

export type BrandFeedback = FromSchema<typeof brandFeedbackSchema>;

export const brandFeedbackForm = {
  key: 'brand-feedback',
  version: 1,
  title: { 'zh-CN': '品牌信息反馈表', en: 'Brand feedback' },
  schema: brandFeedbackSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [
      { type: 'Control', scope: '#/properties/brands' },
      { type: 'Control', scope: '#/properties/promotion', options: { multi: true } },
    ],
  },
  i18n: {
    'zh-CN': {
      'brands.label': '品牌反馈',
      'brands.productCode.label': '规格编码',
      'brands.acceptance.label': '市场接受度',
      'brands.acceptance.good': '好',
      'brands.acceptance.fair': '一般',
      'brands.acceptance.poor': '差',
      'brands.remark.label': '说明',
      'promotion.label': '品牌宣传情况',
    },
    en: {
      'brands.label': 'Brands',
      'brands.productCode.label': 'Product code',
      'brands.acceptance.label': 'Market acceptance',
      'brands.acceptance.good': 'Good',
      'brands.acceptance.fair': 'Fair',
      'brands.acceptance.poor': 'Poor',
      'brands.remark.label': 'Remark',
      'promotion.label': 'Brand promotion',
    },
  },
} as const satisfies FormDefinition;

/** 市场报告: a manager's month-end market report, written from the month's field feedback. */
export const marketReportSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    overview: { type: 'string', minLength: 10, maxLength: 10000 },
    supplyDemand: { type: 'string', maxLength: 5000 },
    competition: { type: 'string', maxLength: 5000 },
    suggestions: { type: 'string', maxLength: 5000 },
  },
  required: ['overview'],
  additionalProperties: false,
} as const;

export type MarketReport = FromSchema<typeof marketReportSchema>;

export const marketReportForm = {
  key: 'market-report',
  version: 1,
  title: { 'zh-CN': '市场报告', en: 'Market report' },
  schema: marketReportSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [
      { type: 'Control', scope: '#/properties/overview', options: { multi: true } },
      { type: 'Control', scope: '#/properties/supplyDemand', options: { multi: true } },
      { type: 'Control', scope: '#/properties/competition', options: { multi: true } },
      { type: 'Control', scope: '#/properties/suggestions', options: { multi: true } },
    ],
  },
  i18n: {
    'zh-CN': {
      'overview.label': '本月市场概况',
      'supplyDemand.label': '货源供需情况',
      'competition.label': '品牌与竞争情况',
      'suggestions.label': '意见建议',
    },
    en: {
      'overview.label': 'Market this month',
      'supplyDemand.label': 'Supply and demand',
      'competition.label': 'Brands and competition',
      'suggestions.label': 'Suggestions',
    },
  },
} as const satisfies FormDefinition;
