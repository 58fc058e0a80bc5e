import type { FromSchema } from 'json-schema-to-ts';
import type { FormDefinition } from './formDefinition.js';

/** Kinds of hazard the safety inspections of a tobacco sales office meet. */
export const HAZARD_CATEGORIES = ['fire', 'electrical', 'warehouse', 'traffic', 'equipment', 'security', 'other'] as const;
export const HAZARD_LEVELS = ['general', 'major'] as const;

/** 隐患登记: anyone reports what they found, where, and how serious they think it is. */
export const hazardReportSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    place: { type: 'string', minLength: 2, maxLength: 200 },
    category: { type: 'string', enum: [...HAZARD_CATEGORIES] },
    description: { type: 'string', minLength: 10, maxLength: 2000 },
    suspectedLevel: { type: 'string', enum: [...HAZARD_LEVELS] },
    foundOn: { type: 'string', format: 'date' },
    photos: { type: 'array', items: { type: 'string', format: 'attachment' }, maxItems: 9 },
  },
  required: ['place', 'category', 'description', 'suspectedLevel'],
  additionalProperties: false,
} as const;

export type HazardReport = FromSchema<typeof hazardReportSchema>;

const CATEGORY_LABELS = {
  'zh-CN': { fire: '消防', electrical: '用电', warehouse: '仓储', traffic: '车辆交通', equipment: '设备设施', security: '治安防范', other: '其他' },
  en: { fire: 'Fire', electrical: 'Electrical', warehouse: 'Warehouse', traffic: 'Vehicles and traffic', equipment: 'Equipment', security: 'Security', other: 'Other' },
} as const;

export const hazardLevelLabels = {
  'zh-CN': { general: '一般隐患', major: '重大隐患' },
  en: { general: 'General', major: 'Major' },
} as const;

/** `<prop>.<value>` enum labels for JSON Forms. */
export function enumLabels(prop: string, labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).map(([value, label]) => [`${prop}.${value}`, label]));
}

export const hazardReportForm = {
  key: 'hazard-report',
  version: 1,
  title: { 'zh-CN': '隐患登记', en: 'Hazard report' },
  schema: hazardReportSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [
      {
        type: 'HorizontalLayout',
        elements: [
          { type: 'Control', scope: '#/properties/place' },
          { type: 'Control', scope: '#/properties/category' },
        ],
      },
      { type: 'Control', scope: '#/properties/description', options: { multi: true } },
      {
        type: 'HorizontalLayout',
        elements: [
          { type: 'Control', scope: '#/properties/suspectedLevel', options: { format: 'radio' } },
          { type: 'Control', scope: '#/properties/foundOn' },
        ],
      },
      { type: 'Control', scope: '#/properties/photos' },
    ],
  },
  i18n: {
    'zh-CN': {
      'place.label': '隐患地点',
      'category.label': '隐患类别',
      ...enumLabels('category', CATEGORY_LABELS['zh-CN']),
      'description.label': '隐患描述',
      'description.description': '至少 10 个字：现象、位置、可能后果',
      'suspectedLevel.label': '初判等级',
      ...enumLabels('suspectedLevel', hazardLevelLabels['zh-CN']),
      'foundOn.label': '发现日期',
      'photos.label': '现场照片',
      'photos.description': '最多 9 张',
    },
    en: {
      'place.label': 'Place',
      'category.label': 'Category',
      ...enumLabels('category', CATEGORY_LABELS.en),
      'description.label': 'Description',
      'description.description': 'At least 10 characters: what, where, possible consequences',
      'suspectedLevel.label': 'Suspected level',
      ...enumLabels('suspectedLevel', hazardLevelLabels.en),
      'foundOn.label': 'Found on',
      'photos.label': 'Photos',
      'photos.description': 'Up to 9',
    },
  },
} as const satisfies FormDefinition;

export { CATEGORY_LABELS as hazardCategoryLabels };
