import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import ExcelJS from 'exceljs';
import type { MarketType } from '../../domain/allocationStrategies.js';
import { chinaWallClock } from '../../domain/chinaTime.js';
import { AllocationPlanSchema, UserSchema, type AllocationPlan } from '../../db/entities/index.js';
import type { Locale } from '../../forms/formDefinition.js';
import {
  customerLines, exportCustomers, planProducts, type CustomerFilter, type CustomerLines, type ExportCustomer, type ExportProduct,
} from './allocationExportData.js';
import { hasRole, type SessionUser } from '../http/auth.js';
import { allocationReadable, mustReadManager, readableCustomer } from './allocationReaders.js';
import { readMonth } from './availabilityService.js';
import { ApiError, ForbiddenError, NotFoundError, ValidationError } from '../http/errors.js';
import { text } from '../tasks/inboxFilter.js';
import { notOneOf, t } from '../http/messages.js';
import { priceClassLabel } from './productService.js';
import { positiveInt } from '../http/requestBody.js';
import { HEADER_FILL, writeSheet, type XlsxColumn } from '../http/xlsxSheet.js';

/**
 * The published allocation plan as xlsx (whole, one manager's customers, one customer) and the
 * cycle's summary. Workbooks are streamed: the plan's lines are read a batch of customers at a
 * time and each row is written out as soon as it is built, so a month of 30,000 customers × 150
 * products is never held in memory.
 */

/** A workbook ready to be written: everything that can fail with an error answer has been checked. */
export interface PreparedWorkbook {
  fileName: string;
  write(out: Writable): Promise<void>;
}

export const EXPORT_SCOPES = ['all', 'manager', 'customer'] as const;
export type ExportScope = (typeof EXPORT_SCOPES)[number];

const MARKET_LABELS: Record<Locale, Record<MarketType, string>> = {
  'zh-CN': { urban: '城网', rural: '农网' },
  en: { urban: 'Urban', rural: 'Rural' },
};

export const priceClassText = (priceClass: number, locale: Locale) => (locale === 'en' ? `Class ${priceClass}` : priceClassLabel(priceClass));
const tierText = (tier: number) => `D${tier}`;
/** An instant as an Excel date cell holding China wall time (Excel has no time zones). */
export const chinaTime = (at: Date | null | undefined) => (at ? chinaWallClock(at) : null);
export const DATE_TIME = 'yyyy-mm-dd hh:mm';

class AllocationPlanMissing extends ApiError {
  override readonly name = 'AllocationPlanMissing';
  constructor(month: string, version?: number) {
    super(404, 'not_found', version ? 'allocationNoVersion' : 'allocationNotPublished', { month, ...(version ? { version } : {}) });
  }
}

/**
 * The plan an export reads: the month's published one, or with `version` that version. Only the
 * dept head and admins export a plan that is not (or not yet) published: a draft under review is
 * not the month's plan for anyone else.
 */
export async function exportPlan(em: EntityManager, user: SessionUser, month: string, start: string, version: number | undefined): Promise<AllocationPlan> {
  const plan = await em.findOne(AllocationPlanSchema, { month: start, ...(version ? { version } : { status: 'published' }) });
  if (!plan) throw new AllocationPlanMissing(month, version);
  if (plan.status !== 'published' && plan.status !== 'superseded' && !hasRole(user, 'dept_head', 'admin')) throw new ForbiddenError();
  return plan;
}

/** Whose customers an export holds, after the caller's right to read them was checked. */
type Audience =
  | { scope: 'all'; managerIds: number[] | 'all' }
  | { scope: 'manager'; manager: { id: number; name: string } }
  | { scope: 'customer'; customer: { id: number; code: string } };

export interface ExportQuery {
  month: string;
  start: string;
  version?: number;
  scope: ExportScope;
  managerId?: number;
  customerId?: number;
}

/** The query of an export, every bad parameter a 422 at its own path. */
export function readExportQuery(monthParam: unknown, query: Record<string, unknown>, locale: Locale, withScope: boolean): ExportQuery {
  const { month, start } = readMonth(monthParam, locale);
  const errors: { path: string; message: string }[] = [];
  const int = (name: string) => {
    const raw = query[name];
    if (raw === undefined || raw === '') return undefined;
    const n = positiveInt(raw);
    if (!n) errors.push({ path: `/${name}`, message: t(locale, 'notPositiveInt') });
    return n;
  };
  const version = int('version');
  const scope = (withScope ? text(query.scope) : undefined) ?? 'all';
  if (!(EXPORT_SCOPES as readonly string[]).includes(scope)) errors.push({ path: '/scope', message: notOneOf(locale, EXPORT_SCOPES) });
  const managerId = withScope ? int('managerId') : undefined;
  const customerId = withScope ? int('customerId') : undefined;
  if (scope === 'customer' && customerId === undefined && !errors.some((e) => e.path === '/customerId')) {
    errors.push({ path: '/customerId', message: t(locale, 'required') });
  }
  if (errors.length) throw new ValidationError(errors);
  return { month, start, version, scope: scope as ExportScope, managerId, customerId };
}

/**
 * Which customers the caller may export, by the lines' rule (`allocationReadable`): `scope=all` is
 * everyone's for the dept head, leaders and admins and a supervisor's managers'; a customer manager
 * exports their own with `scope=manager` (for themselves) or `scope=customer` (one of theirs).
 */
async function audience(orm: MikroORM, user: SessionUser, q: ExportQuery, locale: Locale): Promise<Audience> {
  const readable = await allocationReadable(orm, user);
  const em = orm.em.fork();
  if (q.scope === 'all') {
    if (readable === 'all') return { scope: 'all', managerIds: 'all' };
    if (!hasRole(user, 'supervisor')) throw new ForbiddenError();
    return { scope: 'all', managerIds: readable };
  }
  if (q.scope === 'manager') {
    const managerId = q.managerId ?? user.id;
    mustReadManager(readable, managerId);
    const manager = await em.findOne(UserSchema, { id: managerId }, { fields: ['id', 'displayName'] });
    if (!manager) throw new ValidationError([{ path: '/managerId', message: t(locale, 'userMissing') }]);
    return { scope: 'manager', manager: { id: manager.id, name: manager.displayName } };
  }
  const customer = await readableCustomer(em, readable, q.customerId!);
  if (!customer) throw new NotFoundError('customer');
  return { scope: 'customer', customer: { id: customer.id, code: customer.code } };
}

/** A name for a file: no path separators or characters Windows refuses. */
const safeName = (name: string) => name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');

/** `月度投放方案-2026-12[-v2][-<manager name> | -<customer code>].xlsx` (`allocation-plan-…` in English). */
export function planFileName(month: string, locale: Locale, version: number | undefined, who?: string): string {
  const parts = [locale === 'en' ? 'allocation-plan' : '月度投放方案', month, ...(version ? [`v${version}`] : []), ...(who ? [safeName(who)] : [])];
  return `${parts.join('-')}.xlsx`;
}

/* ---------- 投放明细: one row per customer, one column per product ---------- */

const CUSTOMER_COLUMNS: XlsxColumn<ExportCustomer>[] = [
  { header: { 'zh-CN': '客户编码', en: 'Customer code' }, width: 14, value: (c) => c.code },
  { header: { 'zh-CN': '客户名称', en: 'Customer name' }, width: 26, value: (c) => c.name },
  { header: { 'zh-CN': '档位', en: 'Tier' }, width: 7, value: (c) => tierText(c.tier) },
  { header: { 'zh-CN': '市场类型', en: 'Market' }, width: 9, value: (c, l) => MARKET_LABELS[l][c.marketType] },
  { header: { 'zh-CN': '客户经理', en: 'Customer manager' }, width: 14, value: (c) => c.managerName },
];

/** The detail sheet's header: the customer columns' headers, then each product's code; its names go in a second header row. */
export function planSheetHeaders(locale: Locale, products: readonly Pick<ExportProduct, 'code'>[]): string[] {
  return [...CUSTOMER_COLUMNS.map((c) => c.header[locale]), ...products.map((p) => p.code)];
}

/**
 * Waits while `out` (the response) has more queued than it wants: exceljs buffers whatever it is
 * given, so without this a slow client would have the whole sheet held in memory. Throws when
 * `out` closes first (the client went away).
 */
async function drained(out: Writable): Promise<void> {
  if (!out.writableNeedDrain) return;
  const stop = new AbortController();
  try {
    await Promise.race([
      once(out, 'drain', { signal: stop.signal }),
      once(out, 'close', { signal: stop.signal }).then(() => { throw new Error('the download was closed before its end'); }),
    ]);
  } finally {
    stop.abort();
  }
}

/** What the exported customers' lines add up to, per product. */
export interface ScopeTotals {
  drafted: number;
  allocated: number;
  adjustedCustomers: number;
}

/**
 * 投放明细: a two-row header (product code over product name; the customer columns merged over
 * both), frozen with the customer code and name, then a row of cartons per customer (0 where the
 * plan has no line). Returns the totals of what it wrote, per product id.
 */
async function writeDetailSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter, out: Writable, locale: Locale, products: readonly ExportProduct[],
  customers: readonly ExportCustomer[], lines: AsyncIterable<CustomerLines>,
): Promise<Map<number, ScopeTotals>> {
  const fixed = CUSTOMER_COLUMNS.length;
  const sheet = workbook.addWorksheet(locale === 'en' ? 'Allocation' : '投放明细', { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
  sheet.columns = [
    ...CUSTOMER_COLUMNS.map((c) => ({ width: c.width })),
    ...products.map((p) => ({ width: Math.min(24, Math.max(10, [...p.name].length * 2 + 2, p.code.length + 2)) })),
  ];
  const codes = sheet.addRow(planSheetHeaders(locale, products));
  const names = sheet.addRow([...CUSTOMER_COLUMNS.map(() => null), ...products.map((p) => p.name)]);
  for (const row of [codes, names]) {
    row.font = { bold: true };
    row.fill = HEADER_FILL;
    row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  }
  for (let column = 1; column <= fixed; column++) sheet.mergeCells(1, column, 2, column);
  codes.commit();
  names.commit();

  const columnOf = new Map(products.map((p, i) => [p.id, i]));
  const totals = products.map(() => ({ drafted: 0, allocated: 0, adjustedCustomers: 0 }));
  let index = 0;
  for await (const line of lines) {
    const customer = customers[index++]!;
    const values: ExcelJS.CellValue[] = new Array<ExcelJS.CellValue>(fixed + products.length).fill(0);
    for (let c = 0; c < fixed; c++) values[c] = CUSTOMER_COLUMNS[c]!.value(customer, locale);
    for (let i = 0; i < line.productIds.length; i++) {
      const column = columnOf.get(line.productIds[i]!);
      if (column === undefined) continue;
      const quantity = line.quantities[i]!;
      const drafted = line.drafted[i]!;
      values[fixed + column] = quantity;
      const total = totals[column]!;
      total.allocated += quantity;
      total.drafted += drafted;
      if (quantity !== drafted) total.adjustedCustomers += 1;
    }
    sheet.addRow(values).commit();
    if (index % 200 === 0) await drained(out);
  }
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: fixed + products.length } };
  sheet.commit();
  return new Map(products.map((p, i) => [p.id, totals[i]!]));
}

export type ProductRow = ExportProduct & ScopeTotals;

/** 规格汇总 of a plan export: the month's availability, and what the exported customers were drafted and allocated. */
export const PRODUCT_COLUMNS: XlsxColumn<ProductRow>[] = [
  { header: { 'zh-CN': '规格编码', en: 'Product code' }, width: 12, value: (p) => p.code },
  { header: { 'zh-CN': '名称', en: 'Name' }, width: 22, value: (p) => p.name },
  { header: { 'zh-CN': '价类', en: 'Price class' }, width: 9, value: (p, l) => priceClassText(p.priceClass, l) },
  { header: { 'zh-CN': '可供量', en: 'Available' }, width: 11, value: (p) => p.availability, numFmt: '#,##0' },
  { header: { 'zh-CN': '测算量', en: 'Drafted' }, width: 11, value: (p) => p.drafted, numFmt: '#,##0' },
  { header: { 'zh-CN': '投放量', en: 'Allocated' }, width: 11, value: (p) => p.allocated, numFmt: '#,##0' },
  { header: { 'zh-CN': '调整户数', en: 'Customers adjusted' }, width: 11, value: (p) => p.adjustedCustomers },
  { header: { 'zh-CN': '投放策略', en: 'Strategy' }, width: 40, value: (p, l) => p.strategy?.[l] ?? '' },
];

interface CustomerProductRow {
  customer: ExportCustomer;
  product: ExportProduct;
  quantity: number;
}

/** One customer's export: a row per product of the plan. */
const CUSTOMER_PRODUCT_COLUMNS: XlsxColumn<CustomerProductRow>[] = [
  { header: { 'zh-CN': '客户编码', en: 'Customer code' }, width: 14, value: (r) => r.customer.code },
  { header: { 'zh-CN': '客户名称', en: 'Customer name' }, width: 26, value: (r) => r.customer.name },
  { header: { 'zh-CN': '档位', en: 'Tier' }, width: 7, value: (r) => tierText(r.customer.tier) },
  { header: { 'zh-CN': '规格编码', en: 'Product code' }, width: 12, value: (r) => r.product.code },
  { header: { 'zh-CN': '规格名称', en: 'Product name' }, width: 22, value: (r) => r.product.name },
  { header: { 'zh-CN': '价类', en: 'Price class' }, width: 9, value: (r, l) => priceClassText(r.product.priceClass, l) },
  { header: { 'zh-CN': '数量（条）', en: 'Cartons' }, width: 10, value: (r) => r.quantity },
];

export function newWorkbook(out: Writable): ExcelJS.stream.xlsx.WorkbookWriter {
  // Level 1 deflate: a month's sheet compresses nearly as well and several times faster than the default.
  return new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } });
}

/** The export of a plan: whole, per manager, per customer. */
export function createAllocationExport(orm: MikroORM) {
  return {
    /**
     * `scope=all` (default): every customer the caller may read; `scope=manager&managerId=` (a
     * manager: themselves by default); `scope=customer&customerId=`. The published plan unless
     * `version=` names one.
     */
    async plan(user: SessionUser, monthParam: unknown, query: Record<string, unknown>, locale: Locale): Promise<PreparedWorkbook> {
      const q = readExportQuery(monthParam, query, locale, true);
      const who = await audience(orm, user, q, locale);
      const em = orm.em.fork();
      const plan = await exportPlan(em, user, q.month, q.start, q.version);
      const filter: CustomerFilter = who.scope === 'all' ? { managerIds: who.managerIds }
        : who.scope === 'manager' ? { managerIds: [who.manager.id] } : { customerId: who.customer.id };
      const [products, customers] = await Promise.all([planProducts(em, plan), exportCustomers(em, plan, filter)]);
      const fileName = planFileName(q.month, locale, q.version, who.scope === 'manager' ? who.manager.name : who.scope === 'customer' ? who.customer.code : undefined);
      if (who.scope === 'customer') {
        return {
          fileName,
          async write(out) {
            const rows: CustomerProductRow[] = [];
            for await (const line of customerLines(em, plan.id, customers)) {
              const quantities = new Map(line.productIds.map((id, i) => [id, line.quantities[i]!]));
              for (const product of products) rows.push({ customer: customers[0]!, product, quantity: quantities.get(product.id) ?? 0 });
            }
            const workbook = newWorkbook(out);
            writeSheet(workbook, locale === 'en' ? 'Allocation' : '投放明细', CUSTOMER_PRODUCT_COLUMNS, rows, locale);
            await workbook.commit();
          },
        };
      }
      return {
        fileName,
        async write(out) {
          const workbook = newWorkbook(out);
          const totals = await writeDetailSheet(workbook, out, locale, products, customers, customerLines(em, plan.id, customers));
          const rows = products.map((p) => ({ ...p, ...totals.get(p.id)! }));
          writeSheet(workbook, locale === 'en' ? 'By product' : '规格汇总', PRODUCT_COLUMNS, rows, locale);
          await workbook.commit();
        },
      };
    },
  };
}

