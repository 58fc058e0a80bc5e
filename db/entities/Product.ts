import { defineEntity, type InferEntity } from '@mikro-orm/core';

/** 价类 一类 … 五类; 1 is the dearest. */
export const PRICE_CLASSES = [1, 2, 3, 4, 5] as const;

/** One product (规格) as allocation plans it: code, name, brand, price class and wholesale price. */
export const ProductSchema = defineEntity({
  name: 'Product',
  tableName: 'products',
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    /** 规格编码, the key imports match on. */
    code: p.string().length(32).unique(),
    /** 规格名称, e.g. 云峰(软珍品). */
    name: p.string().length(100),
    brand: p.string().length(50),
    /** 1–5 (一类 … 五类). */
    priceClass: p.smallint(),
    /** 批发价 in yuan per carton (元/条); exact decimal, a string as PostgreSQL's numeric comes back. */
    price: p.decimal(),
    /** False: no longer on sale; kept for the plans that used it. */
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  }),
});

export type Product = InferEntity<typeof ProductSchema>;

/** 可供量: the cartons (条) of one product available for one allocation month. */
export const ProductAvailabilitySchema = defineEntity({
  name: 'ProductAvailability',
  tableName: 'product_availability',
  properties: (p) => ({
    /** First day of the month, YYYY-MM-01. */
    month: p.date().primary(),
    productId: p.integer().primary(),
    cartons: p.integer(),
    /** Who imported the figure (null: seeded). */
    importedBy: p.integer().nullable(),
    importedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  }),
});

export type ProductAvailability = InferEntity<typeof ProductAvailabilitySchema>;
