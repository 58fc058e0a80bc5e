import type { FromSchema } from 'json-schema-to-ts';
import type { FormDefinition } from './formDefinition.js';

/**
 * 拜访记录, filled on site: when the manager arrived, what was checked, photos, where (from the phone, with
 * consent, optional), the follow-up actions, and the analysis (准备 → 拜访 → 跟进 → 分析).
 */
export const serviceVisitSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    arrivedAt: { type: 'string', format: 'date-time' },
    checked: { type: 'string', minLength: 5, maxLength: 2000 },
    photos: { type: 'array', items: { type: 'string', format: 'attachment' }, maxItems: 9 },
    location: {
      type: 'object',
      properties: {
        latitude: { type: 'number', minimum: -90, maximum: 90 },
        longitude: { type: 'number', minimum: -180, maximum: 180 },
        accuracy: { type: 'number', minimum: 0, maximum: 100000 },
      },
      required: ['latitude', 'longitude'],
      additionalProperties: false,
    },
    followUps: { type: 'string', maxLength: 2000 },
    analysis: { type: 'string', minLength: 5, maxLength: 2000 },
  },
  required: ['arrivedAt', 'checked', 'analysis'],
  additionalProperties: false,
} as const;

export type ServiceVisit = FromSchema<typeof serviceVisitSchema>;

export const serviceVisitForm = {
  key: 'service-visit',
  version: 1,
  title: { 'zh-CN': '拜访记录', en: 'Visit record' },
  schema: serviceVisitSchema,
  uischema: {
    type: 'VerticalLayout',
    elements: [
      { type: 'Control', scope: '#/properties/arrivedAt' },
      { type: 'Control', scope: '#/properties/checked', options: { multi: true } },
      { type: 'Control', scope: '#/properties/photos', options: { capture: 'environment' } },
      { type: 'Control', scope: '#/properties/location', options: { geolocation: true } },
      { type: 'Control', scope: '#/properties/followUps', options: { multi: true } },
      { type: 'Control', scope: '#/properties/analysis', options: { multi: true } },
    ],
  },
  i18n: {
    'zh-CN': {
      'arrivedAt.label': '到店时间',
      'checked.label': '走访查看情况',
      'checked.description': '至少 5 个字：看了什么、客户反映什么',
      'photos.label': '现场照片',
      'photos.description': '最多 9 张，可直接拍照',
      'location.label': '位置（可选，经本人同意获取）',
      'location.latitude.label': '纬度',
      'location.longitude.label': '经度',
      'location.accuracy.label': '精度（米）',
      'followUps.label': '后续跟进事项',
      'analysis.label': '分析与结论',
      'analysis.description': '至少 5 个字：需求是否解决、原因与建议',
    },
    en: {
      'arrivedAt.label': 'Arrived at',
      'checked.label': 'What was checked',
      'checked.description': 'At least 5 characters: what you saw, what the customer said',
      'photos.label': 'Photos',
      'photos.description': 'Up to 9; take them with the camera',
      'location.label': 'Location (optional, with consent)',
      'location.latitude.label': 'Latitude',
      'location.longitude.label': 'Longitude',
      'location.accuracy.label': 'Accuracy (m)',
      'followUps.label': 'Follow-up actions',
      'analysis.label': 'Analysis',
      'analysis.description': 'At least 5 characters: was the need met, why, what next',
    },
  },
} as const satisfies FormDefinition;
