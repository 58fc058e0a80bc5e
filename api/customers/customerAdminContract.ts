/** The JSON the customer master-data routes (admin) take and give: validated by Ajv, documented in OpenAPI, typed for server and web. */
import type { FromSchema } from 'json-schema-to-ts';
import { message } from '../http/sharedContract.js';
import { dateTime, nullable, userId } from '../openapi/helpers.js';
import { handOverSummarySchema } from '../tasks/taskContract.js';
import { TIER } from './customerContract.js';

export const CUSTOMER_NAME_MAX = 200;
export const CUSTOMER_ADDRESS_MAX = 200;
export const CUSTOMER_BUSINESS_TYPE_MAX = 32;
export const CUSTOMER_STATUS_MAX = 32;
export const CUSTOMER_LICENSE_MAX = 32;
/** 拜访顺序: at most this (a route of that many customers). */
export const ROUTE_ORDER_MAX = 100_000;
/** At most this many customers named in one reassignment. */
export const REASSIGN_MAX = 5000;

const requiredText = (max: number, description: string) =>
  ({ type: 'string', minLength: 1, maxLength: max, pattern: '\\S', description, ...message('customerText', { max }) }) as const;
const optionalText = (max: number, description: string) =>
  ({ type: ['string', 'null'], maxLength: max, description: `${description} \`null\` or \`""\` clears it.`, ...message('customerOptionalText', { max }) }) as const;

export const updateCustomerBody = {
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  description: 'The fields to change (at least one); the code and the manager are not changed here (the manager: `POST /api/admin/customers/reassign`).',
  properties: {
    name: requiredText(CUSTOMER_NAME_MAX, 'Trimmed.'),
    address: optionalText(CUSTOMER_ADDRESS_MAX, 'Trimmed.'),
    tier: {
      ...TIER,
      description: 'A new tier writes the customer\'s tier history (source `admin`), effective from the next allocation month.',
      ...message('customerTier'),
    },
    marketType: { type: 'string', enum: ['urban', 'rural'], description: '城网 urban, 农网 rural.' },
    businessType: requiredText(CUSTOMER_BUSINESS_TYPE_MAX, '业态, e.g. `convenience`.'),
    status: optionalText(CUSTOMER_STATUS_MAX, '经营状态 (free text, e.g. 正常, 暂停营业).'),
    licenseNo: optionalText(CUSTOMER_LICENSE_MAX, '许可证号.'),
    routeOrder: {
      type: ['integer', 'null'], minimum: 1, maximum: ROUTE_ORDER_MAX,
      description: '拜访顺序: the customer\'s place on their manager\'s visiting route (the day view of planned visits walks it); `null` clears it.',
      ...message('importRouteOrder', { max: ROUTE_ORDER_MAX }),
    },
  },
  'x-message': { minProperties: 'customerUpdateEmpty', additionalProperties: 'customerUnknownField' },
} as const;
export type UpdateCustomerBody = FromSchema<typeof updateCustomerBody>;

export const reassignCustomersBody = {
  type: 'object',
  required: ['toManagerId'],
  additionalProperties: false,
  description: 'Either `customerIds` or `fromManagerId` (exactly one; else 422 at the root), and `toManagerId`.',
  properties: {
    customerIds: {
      type: 'array', minItems: 1, maxItems: REASSIGN_MAX, uniqueItems: true,
      items: { type: 'integer', minimum: 1, maximum: 2147483647 },
      description: 'The customers to move; an unknown id is 422 at `/customerIds/<index>`.',
      ...message('reassignCustomerIds', { max: REASSIGN_MAX }),
    },
    fromManagerId: { ...userId, maximum: 2147483647, description: 'Move every customer of this user.', ...message('notPositiveInt') },
    toManagerId: { ...userId, maximum: 2147483647, description: 'An active customer manager; else 422 at `/toManagerId`.', ...message('notCustomerManager') },
  },
  'x-message': { additionalProperties: 'reassignWhich' },
} as const;
export type ReassignCustomersBody = FromSchema<typeof reassignCustomersBody>;

/** A customer as the master-data routes give it: everything an import holds, with the manager's username. */
export const adminCustomerSchema = {
  type: 'object',
  required: [
    'id', 'code', 'name', 'address', 'tier', 'tierLabel', 'marketType', 'businessType', 'managerId', 'managerUsername', 'status', 'licenseNo',
    'routeOrder', 'updatedAt',
  ],
  properties: {
    id: { type: 'integer', minimum: 1 },
    code: { type: 'string' },
    name: { type: 'string' },
    address: nullable({ type: 'string' }),
    tier: TIER,
    tierLabel: { type: 'string', pattern: '^D([1-9]|[12][0-9]|30)$', examples: ['D12'] },
    marketType: { type: 'string', enum: ['urban', 'rural'] },
    businessType: { type: 'string' },
    managerId: userId,
    managerUsername: { type: 'string' },
    status: nullable({ type: 'string' }),
    licenseNo: nullable({ type: 'string' }),
    routeOrder: { ...nullable({ type: 'integer', minimum: 1 }), description: '拜访顺序 on the manager\'s visiting route; null: not set.' },
    updatedAt: nullable(dateTime),
  },
} as const;
export type AdminCustomer = FromSchema<typeof adminCustomerSchema>;

export const customerImportResultSchema = {
  type: 'object',
  required: ['imported', 'created', 'updated', 'unchanged', 'tierChanges'],
  properties: {
    imported: { type: 'integer', minimum: 0, description: 'Data rows in the file.' },
    created: { type: 'integer', minimum: 0 },
    updated: { type: 'integer', minimum: 0, description: 'Existing customers of which something changed.' },
    unchanged: { type: 'integer', minimum: 0, description: 'Existing customers the file leaves as they were.' },
    tierChanges: { type: 'integer', minimum: 0, description: 'Tier history rows written (source `import`).' },
    dryRun: { type: 'boolean', description: 'With `?dryRun=true`: what the import would do; nothing was stored.' },
    preview: {
      type: 'array', description: 'With `?dryRun=true`: the first rows of the file as they would be stored, each with what would happen to it.',
      items: {
        type: 'object', required: ['row', 'code', 'name', 'tier', 'manager', 'change'],
        properties: {
          row: { type: 'integer', minimum: 1, description: 'The row as numbered in the file.' },
          code: { type: 'string' }, name: { type: 'string' }, tier: TIER, manager: { type: 'string', description: 'Username.' },
          change: { type: 'string', enum: ['created', 'updated', 'unchanged'] },
        },
      },
    },
  },
} as const;
export type CustomerImportResult = FromSchema<typeof customerImportResultSchema>;

export const reassignResultSchema = {
  type: 'object',
  required: ['toManagerId', 'moved', 'customerIds', 'handOver'],
  properties: {
    toManagerId: userId,
    handOver: handOverSummarySchema,
    moved: { type: 'integer', minimum: 0, description: 'Customers whose manager changed (those already with `toManagerId` are not counted).' },
    customerIds: { type: 'array', items: { type: 'integer', minimum: 1 }, description: 'The moved customers.' },
  },
} as const;
export type ReassignResult = FromSchema<typeof reassignResultSchema>;
