import { defineEntity, type InferEntity } from '@mikro-orm/core';

/**
 * A product's 投放策略 for one allocation month (issue 18): what the draft of that month allocates it
 * by. `strategy` holds a `ProductStrategy` (domain/allocationStrategyRules.ts) as the API stored it.
 * A month without a row for a product takes the last earlier month's, else its price class's default.
 */
export const AllocationStrategySchema = defineEntity({
  name: 'AllocationStrategy',
  tableName: 'allocation_strategies',
  properties: (p) => ({
    /** First day of the month, YYYY-MM-01. */
    month: p.date().primary(),
    productId: p.integer().primary(),
    strategy: p.json<Record<string, unknown>>(),
    updatedBy: p.integer().nullable(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  }),
});

export type AllocationStrategyRow = InferEntity<typeof AllocationStrategySchema>;
