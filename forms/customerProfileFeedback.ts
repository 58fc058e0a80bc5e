import type { FromSchema } from 'json-schema-to-ts';
import type { FormDefinition } from './formDefinition.js';

/** 客户资料及客户信息反馈表: keeps a retail customer's data current and carries their feedback. */
export const customerProfileFeedbackSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    customerId: { type: 'integer', minimum: 1 },
    feedbackDate: { type: 'string', format: 'date' },
    operatingStatus: { type: 'string', enum: ['normal', 'suspended', 'closed', 'relocated'] },
    address: { type: 'string', maxLength: 200 },
    // Mainland mobile (11 digits) or landline with area code, hyphen optional.
    contactPhone: { type: 'string', pattern: '^(1\\d{10}|0\\d{2,3}-?\\d{7,8})$' },
    businessType: {
      type: 'string',
      enum: ['convenience', 'supermarket', 'tobacco_liquor', 'grocery', 'catering', 'entertainment', 'other'],
    },
    marketType: { type: 'string', enum: ['urban', 'rural'] },
    monthlySalesEstimate: { type: 'integer', minimum: 0 },
    changes: { type: 'string', maxLength: 2000 },
    suggestion: { type: 'string', maxLength: 2000 },
    suggestRegrade: { type: 'boolean' },
  },
  required: ['customerId', 'feedbackDate', 'operatingStatus', 'changes'],
  additionalProperties: false,
} as const;

export type CustomerProfileFeedback = FromSchema<typeof customerProfileFeedbackSchema>;

export const customerProfileFeedbackForm = {
  key: 'customer-profile-feedback',
  version: 1,
  title: { 'zh-CN': '客户资料及客户信息反馈表', en: 'Customer profile and feedback' },
  schema: customerProfileFeedbackSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [
      {
        type: 'HorizontalLayout',
        elements: [
          { type: 'Control', scope: '#/properties/customerId', options: { picker: 'customer' } },
          { type: 'Control', scope: '#/properties/feedbackDate' },
          { type: 'Control', scope: '#/properties/operatingStatus' },
        ],
      },
      {
        type: 'HorizontalLayout',
        elements: [
          { type: 'Control', scope: '#/properties/address' },
          { type: 'Control', scope: '#/properties/contactPhone' },
        ],
      },
      {
        type: 'HorizontalLayout',
        elements: [
          { type: 'Control', scope: '#/properties/businessType' },
          { type: 'Control', scope: '#/properties/marketType' },
          { type: 'Control', scope: '#/properties/monthlySalesEstimate' },
        ],
      },
      { type: 'Control', scope: '#/properties/changes', options: { multi: true } },
      { type: 'Control', scope: '#/properties/suggestion', options: { multi: true } },
      { type: 'Control', scope: '#/properties/suggestRegrade' },
    ],
  },
  i18n: {
    'zh-CN': {
      'customerId.label': '客户',
      'feedbackDate.label': '反馈日期',
      'operatingStatus.label': '经营状态',
      'operatingStatus.normal': '正常经营',
      'operatingStatus.suspended': '暂停营业',
      'operatingStatus.closed': '歇业',
      'operatingStatus.relocated': '迁址',
      'address.label': '经营地址',
      'contactPhone.label': '联系电话',
      'contactPhone.error.pattern': '应为 11 位手机号或带区号的固定电话',
      'businessType.label': '业态',
      'businessType.convenience': '便利店',
      'businessType.supermarket': '超市',
      'businessType.tobacco_liquor': '烟酒店',
      'businessType.grocery': '食杂店',
      'businessType.catering': '餐饮',
      'businessType.entertainment': '娱乐服务',
      'businessType.other': '其他',
      'marketType.label': '市场类型',
      'marketType.urban': '城网',
      'marketType.rural': '农网',
      'monthlySalesEstimate.label': '月销量估计（条）',
      'changes.label': '信息变更情况',
      'suggestion.label': '客户意见建议',
      'suggestRegrade.label': '建议调整档位',
    },
    en: {
      'customerId.label': 'Customer',
      'feedbackDate.label': 'Feedback date',
      'operatingStatus.label': 'Operating status',
      'operatingStatus.normal': 'Operating normally',
      'operatingStatus.suspended': 'Temporarily suspended',
      'operatingStatus.closed': 'Closed',
      'operatingStatus.relocated': 'Relocated',
      'address.label': 'Address',
      'contactPhone.label': 'Contact phone',
      'contactPhone.error.pattern': 'must be an 11-digit mobile number or a landline with area code',
      'businessType.label': 'Business type',
      'businessType.convenience': 'Convenience store',
      'businessType.supermarket': 'Supermarket',
      'businessType.tobacco_liquor': 'Tobacco and liquor shop',
      'businessType.grocery': 'Grocery',
      'businessType.catering': 'Catering',
      'businessType.entertainment': 'Entertainment',
      'businessType.other': 'Other',
      'marketType.label': 'Market type',
      'marketType.urban': 'Urban',
      'marketType.rural': 'Rural',
      'monthlySalesEstimate.label': 'Estimated monthly sales (cartons)',
      'changes.label': 'Changes to customer information',
      'suggestion.label': 'Customer suggestions',
      'suggestRegrade.label': 'Suggest a regrade',
    },
  },
} as const satisfies FormDefinition;
