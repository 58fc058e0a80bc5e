import { defineEntity, type InferEntity } from '@mikro-orm/core';

export const MARKET_TYPES = ['urban', 'rural'] as const;
export type MarketType = (typeof MARKET_TYPES)[number];

export const TIER_CHANGE_SOURCES = ['regrade', 'import', 'admin'] as const;
export type TierChangeSource = (typeof TIER_CHANGE_SOURCES)[number];

export const CustomerSchema = defineEntity({
  name: 'Customer',
  tableName: 'customers',
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    code: p.string().length(32).unique(),
    name: p.string().length(200),
    /** The responsible customer manager (exactly one). */
    managerId: p.integer().index(),
    /** 档位 1–30, shown as D1–D30; D30 is the highest. */
    tier: p.smallint(),
    marketType: p.enum([...MARKET_TYPES]),
    /** 业态, e.g. convenience, supermarket, tobacco_liquor. */
    businessType: p.string().length(32),
    address: p.string().length(200).nullable(),
    /** 拜访线路顺序: the customer's place on their manager's visiting route (1 first); null: after the numbered ones, by address. */
    routeOrder: p.integer().nullable(),
    /** 经营状态, free text (正常, 暂停营业…); null when not known. */
    status: p.string().length(32).nullable(),
    /** 许可证号 (tobacco retail licence). */
    licenseNo: p.string().length(32).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    /** When an import or an admin last changed the row (null: never since it was created). */
    updatedAt: p.datetime().nullable(),
  }),
});

export type Customer = InferEntity<typeof CustomerSchema>;

export const TierChangeSchema = defineEntity({
  name: 'TierChange',
  tableName: 'customer_tier_history',
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    customerId: p.integer().index(),
    fromTier: p.smallint(),
    toTier: p.smallint(),
    /** First day (YYYY-MM-DD) of the allocation month from which the new tier applies. */
    effectiveFrom: p.date(),
    /** The regrade instance that decided it; unique so a retried activity cannot apply it twice. */
    instanceId: p.uuid().nullable().unique(),
    decidedBy: p.integer().nullable(),
    /** Where the change came from: an approved regrade, a customer import, or an admin's edit. */
    source: p.enum([...TIER_CHANGE_SOURCES]).default('regrade'),
    changedAt: p.datetime().onCreate(() => new Date()),
  }),
});

export type TierChange = InferEntity<typeof TierChangeSchema>;
