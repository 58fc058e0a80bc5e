import type { MikroORM } from '@mikro-orm/postgresql';
import { appendAudit } from '../../db/audit.js';
import { PRICE_CLASSES, ProductSchema, type Product } from '../../db/entities/index.js';
import type { FieldError, Locale } from '../../forms/formDefinition.js';
import { requireRole, type SessionUser } from '../http/auth.js';
import { ValidationError } from '../http/errors.js';
import { text } from '../tasks/inboxFilter.js';
import { notOneOf, t } from '../http/messages.js';
import { paging } from '../http/requestBody.js';
import {
  amountCell, readImportUpload, readRows, readTable, rowErrors, textCell, yesNoCell,
  type Cell, type ColumnSpec, type ImportUpload,
} from '../http/spreadsheetImport.js';

/** Who imports the product list and the availability. */
export const IMPORT_ROLES = ['admin', 'dept_head'] as const;

export const PRODUCT_CODE_MAX = 32;
export const PRODUCT_NAME_MAX = 100;
export const PRODUCT_BRAND_MAX = 50;
/** 批发价 above this (yuan per carton) is a typo, not a price. */
export const PRODUCT_PRICE_MAX = 99_999.99;

/** 规格编码: what a product code may look like. */
export const PRODUCT_CODE = new RegExp(`^[0-9A-Za-z._-]{1,${PRODUCT_CODE_MAX}}$`);

const CLASS_NAMES = ['一', '二', '三', '四', '五'];
/** 一类 … 五类. */
export const priceClassLabel = (priceClass: number) => `${CLASS_NAMES[priceClass - 1] ?? priceClass}类`;

/** 1–5 from `3`, `3类`, `三`, `三类`; else undefined. */
export function priceClassCell(cell: Cell): number | undefined {
  const value = textCell(cell).replace(/\s/g, '');
  const match = /^([1-5]|[一二三四五])类?$/.exec(value);
  if (!match) return undefined;
  const digit = Number(match[1]);
  return Number.isNaN(digit) ? CLASS_NAMES.indexOf(match[1]!) + 1 : digit;
}

export type ProductColumn = 'code' | 'name' | 'brand' | 'priceClass' | 'price' | 'active';
export const PRODUCT_COLUMNS: readonly ColumnSpec<ProductColumn>[] = [
  { key: 'code', label: { 'zh-CN': '规格编码', en: 'Code' }, aliases: ['卷烟编码', '商品编码', 'productCode'], required: true },
  { key: 'name', label: { 'zh-CN': '规格名称', en: 'Name' }, aliases: ['卷烟名称', '商品名称', 'productName'], required: true },
  { key: 'brand', label: { 'zh-CN': '品牌', en: 'Brand' }, required: true },
  { key: 'priceClass', label: { 'zh-CN': '价类', en: 'Price class' }, aliases: ['价格类别', 'class'], required: true },
  { key: 'price', label: { 'zh-CN': '批发价', en: 'Price' }, aliases: ['批发价格', 'wholesalePrice'], required: true },
  { key: 'active', label: { 'zh-CN': '在销', en: 'Active' }, aliases: ['是否在销'], required: false },
];

/** One good row of a product list. */
interface ProductRow {
  code: string;
  name: string;
  brand: string;
  price_class: number;
  price: string;
  active: boolean;
}

/** A product as the API sends it. */
export function productJson(p: Product) {
  return {
    id: p.id, code: p.code, name: p.name, brand: p.brand, priceClass: p.priceClass, priceClassLabel: priceClassLabel(p.priceClass),
    price: Number(p.price), active: p.active, createdAt: p.createdAt, updatedAt: p.updatedAt,
  };
}

/** A product list's rows, checked: every bad cell of every row is reported (422), else the rows to store. */
function productRows(rows: Awaited<ReturnType<typeof readRows>>, locale: Locale): ProductRow[] {
  const table = readTable(rows, PRODUCT_COLUMNS, locale);
  const errors = rowErrors(PRODUCT_COLUMNS, locale);
  const firstRowOf = new Map<string, number>();
  const good: ProductRow[] = [];
  for (const row of table.rows) {
    const before = errors.errors.length;
    const required = (key: ProductColumn, max: number) => {
      const value = textCell(table.cell(row, key));
      if (value === '') errors.add(row.number, key, 'required');
      else if ([...value].length > max) errors.add(row.number, key, 'importText', { max });
      return value;
    };
    const code = textCell(table.cell(row, 'code'));
    if (code === '') errors.add(row.number, 'code', 'required');
    else if (!PRODUCT_CODE.test(code)) errors.add(row.number, 'code', 'importCode', { max: PRODUCT_CODE_MAX });
    else if (firstRowOf.has(code)) errors.add(row.number, 'code', 'importDuplicate', { row: firstRowOf.get(code)! });
    else firstRowOf.set(code, row.number);
    const name = required('name', PRODUCT_NAME_MAX);
    const brand = required('brand', PRODUCT_BRAND_MAX);
    const priceClassText = table.cell(row, 'priceClass');
    const priceClass = priceClassCell(priceClassText);
    if (textCell(priceClassText) === '') errors.add(row.number, 'priceClass', 'required');
    else if (priceClass === undefined) errors.add(row.number, 'priceClass', 'importPriceClass');
    const priceText = table.cell(row, 'price');
    const price = amountCell(priceText, PRODUCT_PRICE_MAX);
    if (textCell(priceText) === '') errors.add(row.number, 'price', 'required');
    else if (price === undefined) errors.add(row.number, 'price', 'importPrice', { max: PRODUCT_PRICE_MAX });
    const active = yesNoCell(table.cell(row, 'active'));
    if (active === null) errors.add(row.number, 'active', 'importYesNo');
    if (errors.errors.length === before) {
      good.push({ code, name, brand, price_class: priceClass!, price: price!, active: active ?? true });
    }
  }
  errors.throwIfAny();
  return good;
}

/*
 * Upsert by code in one statement; `xmax = 0` holds for rows this statement inserted (an updated
 * row carries the updating transaction's id), which tells created from updated.
 */
const UPSERT_PRODUCTS = `
insert into products (code, name, brand, price_class, price, active)
select code, name, brand, price_class, price, active
from jsonb_to_recordset(?::jsonb) as r(code text, name text, brand text, price_class smallint, price numeric, active boolean)
on conflict (code) do update set name = excluded.name, brand = excluded.brand, price_class = excluded.price_class,
  price = excluded.price, active = excluded.active, updated_at = now()
returning (xmax = 0) as created`;

/** The product list (规格): list and import. */
export function createProductService(orm: MikroORM) {
  return {
    /** A page of products: `q` in code, name or brand; `priceClass` 1–5; `active` true|false (422 for other values). */
    async list(query: Record<string, unknown>, locale: Locale) {
      const errors: FieldError[] = [];
      const filters: Record<string, unknown>[] = [];
      const priceClass = text(query.priceClass);
      if (priceClass !== undefined) {
        const value = priceClassCell(priceClass);
        if (value === undefined) errors.push({ path: '/priceClass', message: notOneOf(locale, PRICE_CLASSES.map(String)) });
        else filters.push({ priceClass: value });
      }
      const active = text(query.active);
      if (active !== undefined && active !== 'true' && active !== 'false') errors.push({ path: '/active', message: t(locale, 'notBoolean') });
      else if (active !== undefined) filters.push({ active: active === 'true' });
      if (errors.length) throw new ValidationError(errors);
      const q = text(query.q);
      if (q) {
        const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        filters.push({ $or: [{ code: { $ilike: like } }, { name: { $ilike: like } }, { brand: { $ilike: like } }] });
      }
      const { page, size, offset } = paging(query);
      const [items, total] = await orm.em.fork().findAndCount(ProductSchema, filters.length ? { $and: filters } : {},
        { orderBy: { priceClass: 'asc', code: 'asc' }, limit: size, offset });
      return { items: items.map(productJson), total, page, size };
    },

    /**
     * Imports a product list (xlsx or csv): each row is created or, by code, updated. Any bad row
     * refuses the whole file (422 naming every bad row and column) and nothing is stored.
     */
    async import(user: SessionUser, locale: Locale, upload: ImportUpload) {
      requireRole(user, ...IMPORT_ROLES);
      const { format, bytes } = await readImportUpload(upload, locale);
      const rows = productRows(await readRows(format, bytes, locale), locale);
      return orm.em.fork().transactional(async (tx) => {
        const result = await tx.execute<{ created: boolean }[]>(UPSERT_PRODUCTS, [JSON.stringify(rows)]);
        const created = result.filter((r) => r.created).length;
        const summary = { imported: rows.length, created, updated: rows.length - created };
        appendAudit(tx, { type: 'products.imported', actorId: user.id, data: { format, ...summary } });
        await tx.flush();
        return summary;
      });
    },
  };
}
