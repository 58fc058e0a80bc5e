import type { EntityManager } from '@mikro-orm/postgresql';
import { MARKET_TYPES, TIER_COUNT, type MarketType } from '../domain/allocationStrategies.js';

/**
 * Customers' tiers as an allocation month sees them. An approved regrade changes `customers.tier`
 * at once but takes effect from the next month (its tier change's `effective_from`), so the tier of
 * a month is read from the history, not from the customer row.
 */

/** The first day (`YYYY-MM-01`) of a month given as `YYYY-MM` or `YYYY-MM-01`; throws a RangeError for anything else. */
export function allocationMonthStart(month: string): string {
  const match = /^(\d{4})-(\d{2})(?:-01)?$/.exec(month);
  const m = Number(match?.[2]);
  if (!match || m < 1 || m > 12 || Number(match[1]) < 1970) throw new RangeError(`not an allocation month: ${month}`);
  return `${match[1]}-${match[2]}-01`;
}

/** One customer's tier in one allocation month. */
export interface CustomerMonthTier {
  customerId: number;
  managerId: number;
  marketType: MarketType;
  /** 1–30 (D1–D30). */
  tier: number;
}

/*
 * Per customer: the newest change already in effect at the month's start gives its `to_tier`; a
 * customer with changes, none yet in effect, is still at the `from_tier` of the first one to come;
 * a customer never changed is at `customers.tier`. Changes taking effect the same month are ordered
 * by when they were decided.
 */
const TIERS_FOR_MONTH = `
with in_effect as (
  select distinct on (customer_id) customer_id, to_tier
  from customer_tier_history where effective_from <= ?::date
  order by customer_id, effective_from desc, changed_at desc, id desc
), to_come as (
  select distinct on (customer_id) customer_id, from_tier
  from customer_tier_history where effective_from > ?::date
  order by customer_id, effective_from asc, changed_at asc, id asc
)
select c.id as customer_id, c.manager_id, c.market_type, coalesce(e.to_tier, f.from_tier, c.tier) as tier
from customers c
left join in_effect e on e.customer_id = c.id
left join to_come f on f.customer_id = c.id
order by c.id`;

/**
 * Every customer's tier effective in `month` (`YYYY-MM` or `YYYY-MM-01`), by customer id: a regrade
 * approved in month M (effective M+1) counts from M+1, not in M. One query, run in `em`'s
 * transaction when it has one.
 */
export async function tiersForMonth(em: EntityManager, month: string): Promise<CustomerMonthTier[]> {
  const start = allocationMonthStart(month);
  const rows = await em.execute<{ customer_id: number; manager_id: number; market_type: MarketType; tier: number }[]>(
    TIERS_FOR_MONTH, [start, start]);
  return rows.map((r) => ({ customerId: Number(r.customer_id), managerId: Number(r.manager_id), marketType: r.market_type, tier: Number(r.tier) }));
}

/**
 * Customers per tier per market type, as the engine counts them: `counts[market][tier - 1]`.
 * Throws a RangeError for a tier outside 1–30 or an unknown market rather than miscount.
 */
export function tierCounts(tiers: readonly CustomerMonthTier[]): Record<MarketType, number[]> {
  const counts = Object.fromEntries(MARKET_TYPES.map((m) => [m, new Array<number>(TIER_COUNT).fill(0)])) as Record<MarketType, number[]>;
  for (const { customerId, marketType, tier } of tiers) {
    const byTier = counts[marketType] as number[] | undefined;
    if (!byTier || !Number.isInteger(tier) || tier < 1 || tier > TIER_COUNT) {
      throw new RangeError(`customer ${customerId}: tier ${tier} in market ${marketType} cannot be counted`);
    }
    byTier[tier - 1]! += 1;
  }
  return counts;
}
