import type { FromSchema } from 'json-schema-to-ts';
import type { FormDefinition } from './formDefinition.js';
import { enumLabels } from './hazardReport.js';

/** What kind of learning a record is about. */
export const LEARNING_KINDS = ['training', 'course', 'self_study', 'exam', 'other'] as const;
export type LearningKind = (typeof LEARNING_KINDS)[number];

/** Hours one record may claim: a week-long training fits, a typo of a year does not. */
export const LEARNING_MAX_HOURS = 200;

/**
 * 学习记录 (自身建设): what a staff member learnt, when, for how long, with up to three certificates.
 * The date may not lie in the future (a server rule: the schema cannot know today's date).
 */
export const learningRecordSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    title: { type: 'string', minLength: 2, maxLength: 200 },
    kind: { type: 'string', enum: [...LEARNING_KINDS] },
    date: { type: 'string', format: 'date' },
    hours: { type: 'number', exclusiveMinimum: 0, maximum: LEARNING_MAX_HOURS },
    content: { type: 'string', minLength: 10, maxLength: 2000 },
    certificate: { type: 'array', items: { type: 'string', format: 'attachment' }, maxItems: 3 },
  },
  required: ['title', 'kind', 'date', 'hours', 'content'],
  additionalProperties: false,
} as const;

export type LearningRecord = FromSchema<typeof learningRecordSchema>;

export const learningKindLabels = {
  'zh-CN': { training: '培训', course: '课程', self_study: '自学', exam: '考试', other: '其他' },
  en: { training: 'Training', course: 'Course', self_study: 'Self-study', exam: 'Exam', other: 'Other' },
} as const satisfies Record<string, Record<LearningKind, string>>;

export const learningRecordForm = {
  key: 'learning-record',
  version: 1,
  title: { 'zh-CN': '学习记录', en: 'Learning record' },
  schema: learningRecordSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [
      {
        type: 'HorizontalLayout',
        elements: [
          { type: 'Control', scope: '#/properties/title' },
          { type: 'Control', scope: '#/properties/kind' },
        ],
      },
      {
        type: 'HorizontalLayout',
        elements: [
          { type: 'Control', scope: '#/properties/date' },
          { type: 'Control', scope: '#/properties/hours' },
        ],
      },
      { type: 'Control', scope: '#/properties/content', options: { multi: true } },
      { type: 'Control', scope: '#/properties/certificate' },
    ],
  },
  i18n: {
    'zh-CN': {
      'title.label': '课程/学习主题',
      'kind.label': '学习形式',
      ...enumLabels('kind', learningKindLabels['zh-CN']),
      'date.label': '学习日期',
      'date.description': '不能晚于今天',
      'hours.label': '学时（小时）',
      'hours.description': `大于 0，不超过 ${LEARNING_MAX_HOURS}`,
      'content.label': '学习内容与体会',
      'content.description': '10 至 2000 字',
      'certificate.label': '相关证书',
      'certificate.description': '可选，最多 3 个文件',
    },
    en: {
      'title.label': 'Course or topic',
      'kind.label': 'Kind',
      ...enumLabels('kind', learningKindLabels.en),
      'date.label': 'Date',
      'date.description': 'Today or earlier',
      'hours.label': 'Hours',
      'hours.description': `More than 0, at most ${LEARNING_MAX_HOURS}`,
      'content.label': 'What was learnt, and takeaways',
      'content.description': '10 to 2000 characters',
      'certificate.label': 'Certificates',
      'certificate.description': 'Optional, up to 3 files',
    },
  },
} as const satisfies FormDefinition;

/** 学习记录确认: the supervisor has read the record; a comment is optional. */
export const learningAckSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    comment: { type: 'string', maxLength: 1000 },
  },
  additionalProperties: false,
} as const;

export type LearningAck = FromSchema<typeof learningAckSchema>;

export const learningAckForm = {
  key: 'learning-ack',
  version: 1,
  title: { 'zh-CN': '学习记录确认', en: 'Learning record acknowledgement' },
  schema: learningAckSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [{ type: 'Control', scope: '#/properties/comment', options: { multi: true } }],
  },
  i18n: {
    'zh-CN': { 'comment.label': '确认意见', 'comment.description': '可选，如对学习的评价或建议' },
    en: { 'comment.label': 'Comment', 'comment.description': 'Optional, e.g. feedback on the learning' },
  },
} as const satisfies FormDefinition;
