import type { FromSchema } from 'json-schema-to-ts';
import type { FormDefinition } from './formDefinition.js';
import { enumLabels, HAZARD_LEVELS, hazardLevelLabels } from './hazardReport.js';
import { commentRequiredWhen } from './schemaParts.js';

/** 隐患评估: the safety officer confirms the level, or dismisses the report with a reason. */
export const hazardAssessmentSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    outcome: { type: 'string', enum: ['confirm', 'dismiss'] },
    level: { type: 'string', enum: [...HAZARD_LEVELS] },
    comment: { type: 'string', maxLength: 2000 },
  },
  required: ['outcome'],
  additionalProperties: false,
  // A confirmed hazard has a level; a dismissed report says why it is no hazard.
  allOf: [
    {
      if: { properties: { outcome: { const: 'confirm' } }, required: ['outcome'] },
      then: { properties: { level: { type: 'string' } }, required: ['level'] },
    },
    commentRequiredWhen(['dismiss']),
  ],
} as const;

export type HazardAssessment = FromSchema<typeof hazardAssessmentSchema>;

export const hazardAssessmentForm = {
  key: 'hazard-assessment',
  version: 1,
  title: { 'zh-CN': '隐患评估', en: 'Hazard assessment' },
  schema: hazardAssessmentSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [
      { type: 'Control', scope: '#/properties/outcome', options: { format: 'radio' } },
      { type: 'Control', scope: '#/properties/level', options: { format: 'radio' } },
      { type: 'Control', scope: '#/properties/comment', options: { multi: true } },
    ],
  },
  i18n: {
    'zh-CN': {
      'outcome.label': '评估结论',
      'outcome.confirm': '确认隐患',
      'outcome.dismiss': '不构成隐患',
      'level.label': '隐患等级',
      ...enumLabels('level', hazardLevelLabels['zh-CN']),
      'level.description': '确认隐患时必选',
      'comment.label': '评估意见',
      'comment.description': '不构成隐患时必填理由',
    },
    en: {
      'outcome.label': 'Conclusion',
      'outcome.confirm': 'Confirm the hazard',
      'outcome.dismiss': 'Not a hazard',
      'level.label': 'Level',
      ...enumLabels('level', hazardLevelLabels.en),
      'level.description': 'Required to confirm',
      'comment.label': 'Assessment',
      'comment.description': 'Required when dismissing: why it is no hazard',
    },
  },
} as const satisfies FormDefinition;
