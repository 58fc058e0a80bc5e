import type { MikroORM } from '@mikro-orm/postgresql';
import { allocationMonthStart } from '../../activities/allocationTiers.js';
import { chinaDate } from '../../domain/chinaTime.js';
import { appendAudit } from '../../db/audit.js';
import { ProductSchema } from '../../db/entities/index.js';
import type { Locale } from '../../forms/formDefinition.js';
import { hasRole, requireRole, type SessionUser } from '../http/auth.js';
import { ForbiddenError, ValidationError } from '../http/errors.js';
import { text } from '../tasks/inboxFilter.js';
import { t } from '../http/messages.js';
import { IMPORT_ROLES, PRODUCT_COLUMNS, priceClassLabel } from './productService.js';
import { countCell, readImportUpload, readRows, readTable, rowErrors, textCell, type ColumnSpec, type ImportUpload } from '../http/spreadsheetImport.js';

/** 可供量 above this many cartons for one product and month is a typo. */
export const CARTONS_MAX = 10_000_000;

/** Readers of a month's availability: supervisors, the dept head, leaders and admins. */
export function mayReadAvailability(user: SessionUser): boolean {
  return hasRole(user, 'supervisor', 'dept_head', 'leader', 'admin');
}

export type AvailabilityColumn = 'code' | 'cartons';
export const AVAILABILITY_COLUMNS: readonly ColumnSpec<AvailabilityColumn>[] = [
  PRODUCT_COLUMNS.find((c) => c.key === 'code') as ColumnSpec<AvailabilityColumn>,
  { key: 'cartons', label: { 'zh-CN': '可供量', en: 'Cartons' }, aliases: ['可供数量', '投放量', 'quantity', 'availability'], required: true },
];

/** `YYYY-MM` and its first day, or 422 at `/month`. */
export function readMonth(value: unknown, locale: Locale): { month: string; start: string } {
  const raw = text(value) ?? '';
  try {
    if (/^\d{4}-\d{2}$/.test(raw)) return { month: raw, start: allocationMonthStart(raw) };
  } catch {
    // falls through to the 422
  }
  throw new ValidationError([{ path: '/month', message: t(locale, 'allocationMonth') }]);
}

/** Replaces the listed products' figures of the month; returns whether each row was new. */
const UPSERT_AVAILABILITY = `
insert into product_availability (month, product_id, cartons, imported_by, imported_at)
select ?::date, product_id, cartons, ?, now()
from jsonb_to_recordset(?::jsonb) as r(product_id int, cartons int)
on conflict (month, product_id) do update set cartons = excluded.cartons, imported_by = excluded.imported_by, imported_at = excluded.imported_at
returning (xmax = 0) as created`;

const LIST_AVAILABILITY = `
select a.product_id, p.code, p.name, p.brand, p.price_class, p.price, p.active, a.cartons, a.imported_by, u.display_name as imported_by_name,
  a.imported_at
from product_availability a
join products p on p.id = a.product_id
left join users u on u.id = a.imported_by
where a.month = ?::date
order by p.price_class, p.code`;

interface AvailabilityRow {
  product_id: number;
  code: string;
  name: string;
  brand: string;
  price_class: number;
  price: string;
  active: boolean;
  cartons: number;
  imported_by: number | null;
  imported_by_name: string | null;
  imported_at: Date | string;
}

/** Each month's availability (可供量) per product: read and import. */
export function createAvailabilityService(orm: MikroORM) {
  return {
    /** The month's figures (default: this month in China), by price class and code, with their sum. */
    async list(user: SessionUser, query: Record<string, unknown>, locale: Locale) {
      if (!mayReadAvailability(user)) throw new ForbiddenError();
      const { month, start } = query.month === undefined ? readMonth(chinaDate(new Date()).slice(0, 7), locale) : readMonth(query.month, locale);
      const rows = await orm.em.fork().execute<AvailabilityRow[]>(LIST_AVAILABILITY, [start]);
      const items = rows.map((r) => ({
        productId: r.product_id, code: r.code, name: r.name, brand: r.brand, priceClass: r.price_class,
        priceClassLabel: priceClassLabel(r.price_class), price: Number(r.price), active: r.active, cartons: r.cartons,
        importedBy: r.imported_by == null ? null : { id: r.imported_by, name: r.imported_by_name ?? '' },
        importedAt: new Date(r.imported_at).toISOString(),
      }));
      return { month, items, totalCartons: items.reduce((sum, i) => sum + i.cartons, 0) };
    },

    /**
     * Imports a month's availability (xlsx or csv of 规格编码 and 可供量): the listed products'
     * figures replace the month's; other products keep theirs. Any bad row (unknown or inactive
     * code, a code twice, a quantity that is not a whole number ≥ 0) refuses the whole file with
     * 422 naming every bad row, and nothing is stored.
     */
    async import(user: SessionUser, locale: Locale, monthParam: unknown, upload: ImportUpload) {
      requireRole(user, ...IMPORT_ROLES);
      const { month, start } = readMonth(monthParam, locale);
      const { format, bytes } = await readImportUpload(upload, locale);
      const table = readTable(await readRows(format, bytes, locale), AVAILABILITY_COLUMNS, locale);
      return orm.em.fork().transactional(async (tx) => {
        const codes = [...new Set(table.rows.map((row) => textCell(table.cell(row, 'code'))).filter(Boolean))];
        const products = new Map((await tx.find(ProductSchema, { code: { $in: codes } })).map((p) => [p.code, p]));
        const errors = rowErrors(AVAILABILITY_COLUMNS, locale);
        const firstRowOf = new Map<string, number>();
        const good: { product_id: number; cartons: number }[] = [];
        for (const row of table.rows) {
          const before = errors.errors.length;
          const code = textCell(table.cell(row, 'code'));
          const product = products.get(code);
          if (code === '') errors.add(row.number, 'code', 'required');
          else if (!product) errors.add(row.number, 'code', 'importUnknownProduct', { code });
          else if (!product.active) errors.add(row.number, 'code', 'importInactiveProduct', { code });
          else if (firstRowOf.has(code)) errors.add(row.number, 'code', 'importDuplicate', { row: firstRowOf.get(code)! });
          else firstRowOf.set(code, row.number);
          const cartonsCell = table.cell(row, 'cartons');
          const cartons = countCell(cartonsCell);
          if (textCell(cartonsCell) === '') errors.add(row.number, 'cartons', 'required');
          else if (cartons === undefined || cartons > CARTONS_MAX) errors.add(row.number, 'cartons', 'importCartons', { max: CARTONS_MAX });
          if (errors.errors.length === before) good.push({ product_id: product!.id, cartons: cartons! });
        }
        errors.throwIfAny();
        const result = await tx.execute<{ created: boolean }[]>(UPSERT_AVAILABILITY, [start, user.id, JSON.stringify(good)]);
        const created = result.filter((r) => r.created).length;
        const summary = { month, imported: good.length, created, updated: good.length - created };
        const totalCartons = good.reduce((sum, g) => sum + g.cartons, 0);
        appendAudit(tx, { type: 'availability.imported', actorId: user.id, data: { format, ...summary, totalCartons } });
        await tx.flush();
        return summary;
      });
    },
  };
}
