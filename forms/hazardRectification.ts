import type { FromSchema } from 'json-schema-to-ts';
import type { FormDefinition } from './formDefinition.js';

/** 整改报告: what the responsible person did, with evidence. */
export const hazardRectificationSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    actions: { type: 'string', minLength: 10, maxLength: 2000 },
    completedOn: { type: 'string', format: 'date' },
    cost: { type: 'number', minimum: 0, maximum: 100000000 },
    evidence: { type: 'array', items: { type: 'string', format: 'attachment' }, minItems: 1, maxItems: 9 },
  },
  required: ['actions', 'completedOn', 'evidence'],
  additionalProperties: false,
} as const;

export type HazardRectification = FromSchema<typeof hazardRectificationSchema>;

export const hazardRectificationForm = {
  key: 'hazard-rectification',
  version: 1,
  title: { 'zh-CN': '整改报告', en: 'Rectification report' },
  schema: hazardRectificationSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [
      { type: 'Control', scope: '#/properties/actions', options: { multi: true } },
      {
        type: 'HorizontalLayout',
        elements: [
          { type: 'Control', scope: '#/properties/completedOn' },
          { type: 'Control', scope: '#/properties/cost' },
        ],
      },
      { type: 'Control', scope: '#/properties/evidence' },
    ],
  },
  i18n: {
    'zh-CN': {
      'actions.label': '整改情况',
      'actions.description': '做了什么、结果如何（至少 10 个字）',
      'completedOn.label': '完成日期',
      'cost.label': '实际花费（元）',
      'evidence.label': '整改佐证',
      'evidence.description': '整改后的照片或文件，至少 1 个',
    },
    en: {
      'actions.label': 'What was done',
      'actions.description': 'Actions and result (at least 10 characters)',
      'completedOn.label': 'Completed on',
      'cost.label': 'Cost (CNY)',
      'evidence.label': 'Evidence',
      'evidence.description': 'Photos or documents after the fix, at least one',
    },
  },
} as const satisfies FormDefinition;
