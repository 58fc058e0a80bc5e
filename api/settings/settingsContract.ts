/** The JSON the business-settings routes take and give: validated by Ajv, documented in OpenAPI, typed for server and web. */
import type { FromSchema } from 'json-schema-to-ts';
import { message } from '../http/sharedContract.js';
import { HIGHEST_TIER, LOWEST_TIER, VISIT_FREQUENCIES } from '../../domain/visitPlanRules.js';
import { dateTime, nullable, userId } from '../openapi/helpers.js';
import { CUSTOMER_BUSINESS_TYPE_MAX } from '../customers/customerAdminContract.js';

/** The largest attachment an admin may allow (the server's own limit for one upload). */
export const ATTACHMENT_MAX_BYTES_LIMIT = 100 * 1024 * 1024;

const due = (description: string) => ({
  type: 'string', pattern: '^[0-9]{1,3}(\\.[0-9]{1,2})?(wd|d|h|m|s)$', description, examples: ['3wd', '2d', '24h'],
  ...message('settingDuration'),
} as const);
const count = (min: number, max: number, description: string) => ({
  type: 'integer', minimum: min, maximum: max, description, ...message('settingNumber', { min, max }),
} as const);
const natural = (description: string) => ({
  type: 'string', pattern: '^[0-9]{1,3}(\\.[0-9]{1,2})?(d|h|m|s)$', description, examples: ['7d', '24h', '30m'],
  ...message('settingNaturalDuration'),
} as const);
const tier = (description: string) => ({ ...count(LOWEST_TIER, HIGHEST_TIER, description), ...message('settingTier') } as const);
const visitFrequency = {
  type: 'string', enum: [...VISIT_FREQUENCIES], description: '`week`, `twoWeeks` or `month`.', ...message('settingVisitFrequency'),
} as const;
const section = <const P extends Record<string, unknown>, const R extends readonly (keyof P & string)[]>(description: string, required: R, properties: P) => ({
  type: 'object', description, additionalProperties: false, required, properties,
} as const);

/** Every business setting: a save gives them all (the web form shows them all). */
export const businessSettingsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['regrade', 'hazard', 'assignment', 'allocation', 'attachments', 'visitPlan'],
  properties: {
    regrade: section('客户分档调整', ['decisionDue', 'remindAfter', 'headApprovalAbove'] as const, {
      decisionDue: due('The supervisor\'s (and head\'s) decision is due after this; then it escalates to the dept head.'),
      remindAfter: due('The reminder comes after this.'),
      headApprovalAbove: count(0, 29, 'A change of more tiers than this also needs the dept head.'),
    }),
    hazard: section('安全隐患排查整改', ['assessDue', 'noticeDue', 'signOffDue', 'verifyDue', 'remindBeforeHours', 'signOffMode'] as const, {
      assessDue: due('The safety officer\'s assessment.'),
      noticeDue: due('The rectification notice.'),
      signOffDue: due('The leaders\' sign-off of a major hazard.'),
      verifyDue: due('The verification after the rectification is reported.'),
      remindBeforeHours: count(0, 720, 'Hours before a deadline that the reminder comes.'),
      signOffMode: { type: 'string', enum: ['any', 'all'], description: '`any`: one leader signs off a major hazard; `all`: every leader.', ...message('settingChoice') },
    }),
    assignment: section('领导交办事项（督办）', ['acceptDue', 'clarifyDue', 'reviewDue', 'remindBeforeHours'] as const, {
      acceptDue: due('The assignee accepts (or asks) within this.'),
      clarifyDue: due('The leader answers a question within this.'),
      reviewDue: due('The leader reviews a completion within this.'),
      remindBeforeHours: count(0, 720, 'Hours before a deadline that the reminder comes.'),
    }),
    allocation: section('月度货源投放', [
      'adjustBound', 'cap', 'bigCustomerThreshold', 'surgePercent', 'reviewDue', 'approveDue', 'publishDue',
    ] as const, {
      adjustBound: {
        type: 'number', minimum: 0, maximum: 1, description: 'A manager may move a drafted quantity by ± this fraction (0.2 = 20 %).',
        ...message('settingFraction'),
      },
      cap: {
        type: ['integer', 'null'], minimum: 1, maximum: 100000, description: 'The per-customer cap of every product, in cartons (null: none).',
        ...message('settingNumber', { min: 1, max: 100000 }),
      },
      bigCustomerThreshold: count(1, 1_000_000, '大客户: a month\'s supply above this many cartons asks for sales-flow feedback.'),
      surgePercent: count(100, 10_000, '内管预警: a customer\'s month above this percentage of the previous month\'s.'),
      reviewDue: due('The managers\' review.'),
      approveDue: due('A supervisor\'s approval of a part.'),
      publishDue: due('The dept head\'s publication.'),
    }),
    attachments: section('附件', ['maxBytes', 'types'] as const, {
      maxBytes: count(1024, ATTACHMENT_MAX_BYTES_LIMIT, 'The largest file accepted, in bytes.'),
      types: {
        type: 'array', minItems: 1, maxItems: 50, uniqueItems: true, description: 'The media types accepted (lower case).',
        items: { type: 'string', pattern: '^[a-z0-9.+-]+/[a-z0-9.+-]+$', ...message('settingMediaType') },
      },
    }),
    visitPlan: section('差异化服务（计划拜访）', ['bands', 'byBusinessType', 'dueAfter', 'remindBefore', 'lateGrace'] as const, {
      bands: {
        type: 'array', minItems: 1, maxItems: 30, description: 'Tier bands and how often each is visited; together they cover D1–D30 once '
          + '(a gap or an overlap is 422 at the band). A week\'s plan is made on Monday; `twoWeeks` customers are planned in the even weeks '
          + 'counted from Monday 2001-01-01, `month` customers in the month\'s first week.',
        items: {
          type: 'object', additionalProperties: false, required: ['fromTier', 'toTier', 'every'],
          properties: {
            fromTier: tier('The band\'s lowest tier (1–30, D1–D30).'),
            toTier: tier('Its highest tier.'),
            every: visitFrequency,
          },
        },
      },
      byBusinessType: {
        type: 'array', maxItems: 50, description: 'Business types (业态, as the customer master has them) visited this often whatever the tier: '
          + 'a rule takes precedence over the band. Each business type once (a second is 422 at its `businessType`); empty: by band only.',
        items: {
          type: 'object', additionalProperties: false, required: ['businessType', 'every'],
          properties: {
            businessType: {
              type: 'string', minLength: 1, maxLength: CUSTOMER_BUSINESS_TYPE_MAX, pattern: '^\\S(.*\\S)?$', description: '业态, e.g. `supermarket`.',
              examples: ['supermarket'], ...message('settingBusinessType'),
            },
            every: visitFrequency,
          },
        },
      },
      dueAfter: {
        ...natural('null: a planned visit is due at the end of its band\'s period (that Sunday, the next Sunday, the month\'s last day); '
          + 'else this long after its plan is made (trials).'),
        type: ['string', 'null'],
      },
      remindBefore: natural('The manager is reminded this long before a planned visit is due.'),
      lateGrace: natural('An overdue planned visit may still be recorded this long after its due time; then it is closed as missed.'),
    }),
  },
} as const;
export type BusinessSettingsBody = FromSchema<typeof businessSettingsSchema>;

export const settingsViewSchema = {
  type: 'object',
  required: ['settings', 'defaults', 'updatedAt', 'updatedBy'],
  properties: {
    settings: { ...businessSettingsSchema, description: 'In force now: new processes start with these.' },
    defaults: { ...businessSettingsSchema, description: 'What the environment gives (the first-start values).' },
    updatedAt: { ...nullable(dateTime), description: 'The last save; null: never saved.' },
    updatedBy: nullable(userId),
  },
} as const;
export type SettingsView = FromSchema<typeof settingsViewSchema>;
