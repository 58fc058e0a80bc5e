import type { FromSchema } from 'json-schema-to-ts';
import type { FormDefinition } from './formDefinition.js';

/** 客户等级变更建议: a customer manager's evidence-backed proposal to move a customer to another tier. */
export const regradeProposalSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    customerId: { type: 'integer', minimum: 1 },
    // Tiers are integers in the API and shown as D1..D30 in the UI.
    proposedTier: { type: 'integer', minimum: 1, maximum: 30 },
    reason: { type: 'string', minLength: 10, maxLength: 2000 },
    recentVolumes: {
      type: 'array',
      minItems: 3,
      maxItems: 12,
      items: {
        type: 'object',
        properties: {
          month: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' },
          cartons: { type: 'integer', minimum: 0, maximum: 100000 },
        },
        required: ['month', 'cartons'],
        additionalProperties: false,
      },
    },
    visitDate: { type: 'string', format: 'date' },
    visitFacts: { type: 'string', minLength: 5, maxLength: 2000 },
    // Evidence (photos of the shop, vouchers): optional, what a supervisor's 退回 usually asks for.
    attachments: { type: 'array', items: { type: 'string', format: 'attachment' }, maxItems: 9 },
  },
  required: ['customerId', 'proposedTier', 'reason', 'recentVolumes', 'visitFacts'],
  additionalProperties: false,
} as const;

export type RegradeProposal = FromSchema<typeof regradeProposalSchema>;

export const regradeProposalForm = {
  key: 'regrade-proposal',
  version: 1,
  title: { 'zh-CN': '客户等级变更建议', en: 'Customer regrade proposal' },
  schema: regradeProposalSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [
      {
        type: 'HorizontalLayout',
        elements: [
          { type: 'Control', scope: '#/properties/customerId', options: { picker: 'customer' } },
          { type: 'Control', scope: '#/properties/proposedTier', options: { display: 'tier' } },
        ],
      },
      { type: 'Control', scope: '#/properties/reason', options: { multi: true } },
      { type: 'Control', scope: '#/properties/recentVolumes' },
      { type: 'Control', scope: '#/properties/visitDate' },
      { type: 'Control', scope: '#/properties/visitFacts', options: { multi: true } },
      { type: 'Control', scope: '#/properties/attachments' },
    ],
  },
  i18n: {
    'zh-CN': {
      'customerId.label': '客户',
      'proposedTier.label': '建议档位',
      'proposedTier.description': '1–30，对应 D1–D30',
      'reason.label': '变更理由',
      'reason.description': '至少 10 个字',
      'recentVolumes.label': '近期月购进量',
      'recentVolumes.description': '最近 3–12 个月',
      'recentVolumes.month.label': '月份',
      'recentVolumes.month.error.pattern': '应为 YYYY-MM 格式的月份',
      'recentVolumes.cartons.label': '购进量（条）',
      'visitDate.label': '走访日期',
      'visitFacts.label': '走访核实情况',
      'attachments.label': '佐证材料（照片、凭证）',
      'attachments.description': '可选，最多 9 个文件',
    },
    en: {
      'customerId.label': 'Customer',
      'proposedTier.label': 'Proposed tier',
      'proposedTier.description': '1–30, shown as D1–D30',
      'reason.label': 'Reason',
      'reason.description': 'At least 10 characters',
      'recentVolumes.label': 'Recent monthly volumes',
      'recentVolumes.description': 'The last 3–12 months',
      'recentVolumes.month.label': 'Month',
      'recentVolumes.month.error.pattern': 'must be a month in YYYY-MM format',
      'recentVolumes.cartons.label': 'Cartons',
      'visitDate.label': 'Visit date',
      'visitFacts.label': 'Site visit findings',
      'attachments.label': 'Evidence (photos, vouchers)',
      'attachments.description': 'Optional, up to 9 files',
    },
  },
} as const satisfies FormDefinition;
