/** The JSON the customer routes give: schemas that document (OpenAPI) and type (server and web) it. */
import type { FromSchema } from 'json-schema-to-ts';
import { dateTime, nullable, userId, uuid } from '../openapi/helpers.js';

export const TIER = { type: 'integer', minimum: 1, maximum: 30, description: 'Customer tier (档位), shown as D1–D30; D30 is the highest.' } as const;

export const customerSchema = {
  type: 'object',
  required: ['id', 'code', 'name', 'managerId', 'tier', 'tierLabel', 'marketType', 'businessType', 'address', 'routeOrder'],
  properties: {
    id: { type: 'integer', minimum: 1 },
    code: { type: 'string' },
    name: { type: 'string' },
    managerId: { ...userId, description: 'The responsible customer manager.' },
    tier: TIER,
    tierLabel: { type: 'string', pattern: '^D([1-9]|[12][0-9]|30)$', description: '`D${tier}`.', examples: ['D12'] },
    marketType: { type: 'string', enum: ['urban', 'rural'] },
    businessType: { type: 'string', description: '业态', examples: ['convenience', 'supermarket', 'tobacco_liquor'] },
    address: nullable({ type: 'string' }),
    routeOrder: { ...nullable({ type: 'integer', minimum: 1 }), description: '拜访顺序 on the manager\'s visiting route; null: not set.' },
  },
} as const;
export type Customer = FromSchema<typeof customerSchema>;

export const tierChangeSchema = {
  type: 'object',
  required: ['fromTier', 'toTier', 'effectiveFrom', 'instanceId', 'decidedBy', 'changedAt'],
  properties: {
    fromTier: TIER,
    toTier: TIER,
    effectiveFrom: { type: 'string', format: 'date', description: 'First day of the allocation month the new tier applies from.' },
    instanceId: { ...nullable(uuid), description: 'The regrade that decided it.' },
    decidedBy: nullable(userId),
    changedAt: dateTime,
  },
} as const;

export const customerDetailSchema = {
  allOf: [
    customerSchema,
    {
      type: 'object',
      required: ['tierHistory'],
      properties: { tierHistory: { type: 'array', items: tierChangeSchema, description: 'Newest first.' } },
    },
  ],
} as const;
export type CustomerDetail = FromSchema<typeof customerDetailSchema>;
