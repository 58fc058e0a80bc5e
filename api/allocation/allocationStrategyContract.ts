/**
 * The JSON bodies of the 投放策略 routes (issue 18): validated by Ajv, documented in OpenAPI, typed
 * for server and web. What the schema cannot say (a geometric ratio below 1, weights that grow down
 * the tiers, fixed quantities above the availability or the cap) the service checks, each at its path.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { FIXED_MAX, GEOMETRIC_RATIO_MAX, PROFILE_KINDS, RURAL_SHARE_MAX, STRATEGY_METHODS } from '../../domain/allocationStrategyRules.js';
import { TIER_COUNT } from '../../domain/allocationStrategies.js';
import { month } from '../openapi/helpers.js';
import { message } from '../http/sharedContract.js';

export const productStrategyBody = {
  type: 'object',
  required: ['method', 'profile', 'minTier'],
  additionalProperties: false,
  properties: {
    method: {
      type: 'string', enum: STRATEGY_METHODS,
      description: '`tier`: by tier only. `tier-market`: by tier, 城网 and 农网 separately, a rural customer getting `ruralShare` % of an urban '
        + 'one of the same tier. `price-class`: the product\'s 价类 rule (its lowest tier and profile; the higher of its lowest tier and `minTier`).',
    },
    profile: {
      type: 'object', required: ['kind'],
      description: `The shape: \`linear\` (D\`t\` weighs \`t\`), \`geometric\` (each tier \`ratio\` × the one below, 1 ≤ ratio ≤ ${GEOMETRIC_RATIO_MAX}, else 422 at `
        + `\`/profile/ratio\`), \`custom\` (\`weights\`: ${TIER_COUNT} numbers ≥ 0, D1 first, not growing down the tiers, else 422 at \`/profile/weights\`).`,
      properties: {
        kind: { type: 'string', enum: PROFILE_KINDS },
        ratio: { type: 'number' },
        weights: { type: 'array', maxItems: 100, items: { type: 'number', minimum: 0, maximum: 1e9 } },
      },
      allOf: [
        { if: { properties: { kind: { const: 'geometric' } } }, then: { required: ['ratio'] } },
        { if: { properties: { kind: { const: 'custom' } } }, then: { required: ['weights'] } },
      ],
    },
    minTier: { type: 'integer', minimum: 1, maximum: TIER_COUNT, description: 'The lowest tier served: D1–D30; tiers below get nothing.' },
    cap: {
      type: ['integer', 'null'], minimum: 0, maximum: 100000,
      description: '投放上限 per customer in cartons; null or absent: the cycle\'s cap (if any).',
    },
    ruralShare: {
      type: 'number', minimum: 0, maximum: RURAL_SHARE_MAX,
      description: `\`tier-market\` only: a rural customer's quantity as a percentage of an urban one's in the same tier (0–${RURAL_SHARE_MAX}; default 100).`,
    },
    fixed: {
      type: 'array', maxItems: FIXED_MAX,
      description: '选点定量: named customers with fixed cartons, taken off the availability first (Σ above the availability: 422 at `/fixed`; '
        + 'a quantity above the cap: 422 at `/fixed/<i>/quantity`; an unknown customer or one named twice: 422 at `/fixed/<i>/customerId`).',
      items: {
        type: 'object', required: ['customerId', 'quantity'], additionalProperties: false,
        properties: {
          customerId: { type: 'integer', minimum: 1 },
          quantity: { type: 'integer', minimum: 0, maximum: 100000 },
        },
      },
    },
    fixedOnly: { type: 'boolean', description: 'Only the named customers get the product; nothing is allocated by tier.' },
  },
} as const;
export type ProductStrategyBody = FromSchema<typeof productStrategyBody>;

export const strategyPreviewBody = {
  type: 'object',
  required: ['month', 'productId', 'strategy'],
  additionalProperties: false,
  properties: {
    month: { ...month, description: 'The allocation month, `YYYY-MM`.', ...message('allocationMonth') },
    productId: { type: 'integer', minimum: 1 },
    strategy: productStrategyBody,
  },
} as const;
export type StrategyPreviewBody = FromSchema<typeof strategyPreviewBody>;

export const strategyCopyBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { ...month, description: 'The month to copy from; default: the month before.', ...message('allocationMonth') },
  },
} as const;
