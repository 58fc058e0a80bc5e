import type { FromSchema } from 'json-schema-to-ts';
import type { FormDefinition } from './formDefinition.js';
import { enumLabels, HAZARD_LEVELS, hazardLevelLabels } from './hazardReport.js';

/**
 * 整改通知: the "五定" of a rectification — responsible person, deadline, responsibility, acceptance
 * standard, measures; a 重大隐患 also needs its funds and an emergency plan ("五到位").
 */
export const hazardNoticeSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    level: { type: 'string', enum: [...HAZARD_LEVELS] },
    responsibleId: { type: 'integer', minimum: 1 },
    deadline: { type: 'string', format: 'date' },
    responsibility: { type: 'string', minLength: 2, maxLength: 500 },
    standard: { type: 'string', minLength: 2, maxLength: 500 },
    measures: { type: 'string', minLength: 10, maxLength: 2000 },
    funds: { type: 'number', minimum: 0, maximum: 100000000 },
    emergencyPlan: { type: 'string', minLength: 10, maxLength: 2000 },
  },
  required: ['level', 'responsibleId', 'deadline', 'responsibility', 'standard', 'measures'],
  additionalProperties: false,
  if: { properties: { level: { const: 'major' } }, required: ['level'] },
  then: { properties: { funds: { type: 'number' }, emergencyPlan: { type: 'string' } }, required: ['funds', 'emergencyPlan'] },
} as const;

export type HazardNotice = FromSchema<typeof hazardNoticeSchema>;

export const hazardNoticeForm = {
  key: 'hazard-notice',
  version: 1,
  title: { 'zh-CN': '整改通知', en: 'Rectification notice' },
  schema: hazardNoticeSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [
      {
        type: 'HorizontalLayout',
        elements: [
          { type: 'Control', scope: '#/properties/level', options: { readonly: true } },
          { type: 'Control', scope: '#/properties/responsibleId', options: { picker: 'user' } },
          { type: 'Control', scope: '#/properties/deadline' },
        ],
      },
      { type: 'Control', scope: '#/properties/responsibility', options: { multi: true } },
      { type: 'Control', scope: '#/properties/standard', options: { multi: true } },
      { type: 'Control', scope: '#/properties/measures', options: { multi: true } },
      {
        type: 'Group',
        label: '重大隐患：资金与预案',
        i18n: 'major',
        elements: [
          { type: 'Control', scope: '#/properties/funds' },
          { type: 'Control', scope: '#/properties/emergencyPlan', options: { multi: true } },
        ],
        rule: { effect: 'SHOW', condition: { scope: '#/properties/level', schema: { const: 'major' } } },
      },
    ],
  },
  i18n: {
    'zh-CN': {
      'level.label': '隐患等级',
      ...enumLabels('level', hazardLevelLabels['zh-CN']),
      'responsibleId.label': '整改责任人',
      'deadline.label': '整改期限',
      'responsibility.label': '整改责任',
      'standard.label': '验收标准',
      'measures.label': '整改措施',
      'measures.description': '至少 10 个字',
      'major.label': '重大隐患：资金与预案',
      'funds.label': '整改资金（元）',
      'emergencyPlan.label': '应急预案',
    },
    en: {
      'level.label': 'Level',
      ...enumLabels('level', hazardLevelLabels.en),
      'responsibleId.label': 'Responsible person',
      'deadline.label': 'Deadline',
      'responsibility.label': 'Responsibility',
      'standard.label': 'Acceptance standard',
      'measures.label': 'Measures',
      'measures.description': 'At least 10 characters',
      'major.label': 'Major hazard: funds and emergency plan',
      'funds.label': 'Funds (CNY)',
      'emergencyPlan.label': 'Emergency plan',
    },
  },
} as const satisfies FormDefinition;
