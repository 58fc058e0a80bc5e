import type { EntityManager, Knex, MikroORM } from '@mikro-orm/postgresql';
import { appendAudit } from '../../db/audit.js';
import type { MarketType } from '../../db/entities/index.js';
import { nextAllocationMonth } from '../../domain/chinaTime.js';
import type { Locale } from '../../forms/formDefinition.js';
import { requireRole, type SessionUser } from '../http/auth.js';
import {
  readImportUpload, readRows, readTable, rowErrors, textCell, type Cell, type ColumnSpec, type ImportUpload, type SheetRow,
} from '../http/spreadsheetImport.js';
import {
  CUSTOMER_ADDRESS_MAX, CUSTOMER_BUSINESS_TYPE_MAX, CUSTOMER_LICENSE_MAX, CUSTOMER_NAME_MAX, CUSTOMER_STATUS_MAX, ROUTE_ORDER_MAX,
  type CustomerImportResult,
} from './customerAdminContract.js';

/*
 * The customer master-data import (客户资料导入, issue 14): a spreadsheet of customers, created or
 * updated by 客户编码 in one set-based transaction. A city company has tens of thousands of retail
 * customers, so a file may be much larger than a product list, and nothing here loads an entity per row.
 */

/** A customer file is at most this large (413 beyond) … */
export const CUSTOMER_IMPORT_MAX_BYTES = 20 * 1024 * 1024;
/** … and has at most this many data rows (422 at `/rows` beyond). */
export const CUSTOMER_IMPORT_MAX_ROWS = 50_000;

export const CUSTOMER_CODE_MAX = 32;
/** 客户编码: what a customer code may look like. */
export const CUSTOMER_CODE = new RegExp(`^[0-9A-Za-z._-]{1,${CUSTOMER_CODE_MAX}}$`);

export type CustomerColumn = 'code' | 'name' | 'address' | 'tier' | 'marketType' | 'businessType' | 'manager' | 'status' | 'licenseNo' | 'routeOrder';
/**
 * The columns, in the export's order. `address`, `status`, `licenseNo` and `routeOrder` may be left out: a file
 * without the column leaves those fields as they are, an empty cell clears the field.
 */
export const CUSTOMER_COLUMNS: readonly ColumnSpec<CustomerColumn>[] = [
  { key: 'code', label: { 'zh-CN': '客户编码', en: 'Code' }, aliases: ['customerCode', '客户代码'], required: true },
  { key: 'name', label: { 'zh-CN': '客户名称', en: 'Name' }, aliases: ['customerName', '店铺名称'], required: true },
  { key: 'address', label: { 'zh-CN': '地址', en: 'Address' }, aliases: ['经营地址'], required: false },
  { key: 'tier', label: { 'zh-CN': '档位', en: 'Tier' }, aliases: ['客户档位'], required: true },
  { key: 'marketType', label: { 'zh-CN': '市场类型', en: 'Market type' }, aliases: ['市场'], required: true },
  { key: 'businessType', label: { 'zh-CN': '业态', en: 'Business type' }, required: true },
  { key: 'manager', label: { 'zh-CN': '客户经理', en: 'Manager' }, aliases: ['managerUsername'], required: true },
  { key: 'status', label: { 'zh-CN': '经营状态', en: 'Status' }, required: false },
  { key: 'licenseNo', label: { 'zh-CN': '许可证号', en: 'License no' }, aliases: ['许可证编号', 'licenseNumber', 'license'], required: false },
  { key: 'routeOrder', label: { 'zh-CN': '拜访顺序', en: 'Route order' }, aliases: ['线路顺序', '拜访线路顺序'], required: false },
];

/** The optional columns and the table columns they fill. */
const OPTIONAL = [['address', 'address'], ['status', 'status'], ['licenseNo', 'license_no'], ['routeOrder', 'route_order']] as const;

/** 1–30 from `12`, `D12`, `d12`; else undefined. */
export function tierCell(cell: Cell): number | undefined {
  const match = /^[Dd]?(\d{1,2})$/.exec(textCell(cell).replace(/\s/g, ''));
  const tier = Number(match?.[1]);
  return match && tier >= 1 && tier <= 30 ? tier : undefined;
}

const MARKET_NAMES: Record<string, MarketType> = { 城网: 'urban', 城市: 'urban', urban: 'urban', 农网: 'rural', 农村: 'rural', rural: 'rural' };
/** urban/rural from 城网/农网 or the English key; else undefined. */
export function marketTypeCell(cell: Cell): MarketType | undefined {
  return MARKET_NAMES[textCell(cell).replace(/\s/g, '').toLowerCase()];
}

/** One good row, as the upsert reads it (the table's column names). */
interface CustomerRow {
  row: number;
  code: string;
  name: string;
  address: string | null;
  tier: number;
  market_type: MarketType;
  business_type: string;
  manager_id: number;
  status: string | null;
  license_no: string | null;
  route_order: number | null;
}

/** Active customer managers by username. */
async function activeManagers(em: EntityManager): Promise<Map<string, number>> {
  const rows = await em.execute<{ id: number; username: string }[]>(
    `select id, username from users where active and 'customer_manager' = any(roles)`);
  return new Map(rows.map((r) => [r.username, Number(r.id)]));
}

/** The file's rows, checked: every bad cell of every row is reported (422), else the rows to store and which optional columns it has. */
function customerRows(rows: SheetRow[], managers: Map<string, number>, locale: Locale) {
  const table = readTable(rows, CUSTOMER_COLUMNS, locale, CUSTOMER_IMPORT_MAX_ROWS);
  const errors = rowErrors(CUSTOMER_COLUMNS, locale);
  const firstRowOf = new Map<string, number>();
  const good: CustomerRow[] = [];
  for (const row of table.rows) {
    const before = errors.errors.length;
    const text = (key: CustomerColumn, max: number, required: boolean) => {
      const value = textCell(table.cell(row, key));
      if (value === '' && required) errors.add(row.number, key, 'required');
      else if ([...value].length > max) errors.add(row.number, key, 'importText', { max });
      return value === '' ? null : value;
    };
    const code = textCell(table.cell(row, 'code'));
    if (code === '') errors.add(row.number, 'code', 'required');
    else if (!CUSTOMER_CODE.test(code)) errors.add(row.number, 'code', 'importCode', { max: CUSTOMER_CODE_MAX });
    else if (firstRowOf.has(code)) errors.add(row.number, 'code', 'importDuplicate', { row: firstRowOf.get(code)! });
    else firstRowOf.set(code, row.number);
    const name = text('name', CUSTOMER_NAME_MAX, true);
    const address = text('address', CUSTOMER_ADDRESS_MAX, false);
    const tierText = table.cell(row, 'tier');
    const tier = tierCell(tierText);
    if (textCell(tierText) === '') errors.add(row.number, 'tier', 'required');
    else if (tier === undefined) errors.add(row.number, 'tier', 'importTier');
    const marketText = table.cell(row, 'marketType');
    const marketType = marketTypeCell(marketText);
    if (textCell(marketText) === '') errors.add(row.number, 'marketType', 'required');
    else if (marketType === undefined) errors.add(row.number, 'marketType', 'importMarketType');
    const businessType = text('businessType', CUSTOMER_BUSINESS_TYPE_MAX, true);
    const username = textCell(table.cell(row, 'manager'));
    const managerId = managers.get(username);
    if (username === '') errors.add(row.number, 'manager', 'required');
    else if (managerId === undefined) errors.add(row.number, 'manager', 'importManager', { username });
    const status = text('status', CUSTOMER_STATUS_MAX, false);
    const licenseNo = text('licenseNo', CUSTOMER_LICENSE_MAX, false);
    const routeText = textCell(table.cell(row, 'routeOrder'));
    const routeOrder = routeText === '' ? null : Number(routeText);
    if (routeOrder !== null && !(Number.isInteger(routeOrder) && routeOrder >= 1 && routeOrder <= ROUTE_ORDER_MAX)) {
      errors.add(row.number, 'routeOrder', 'importRouteOrder', { max: ROUTE_ORDER_MAX });
    }
    if (errors.errors.length === before) {
      good.push({
        row: row.number, code, name: name!, address, tier: tier!, market_type: marketType!, business_type: businessType!, manager_id: managerId!,
        status, license_no: licenseNo, route_order: routeOrder,
      });
    }
  }
  errors.throwIfAny();
  return { rows: good, optional: OPTIONAL.filter(([key]) => table.has(key)).map(([, column]) => column) };
}

/*
 * The statements of one import, all against a temporary table of the file's rows (dropped at commit).
 * Imports take turns (a transaction-level advisory lock), so two cannot interleave their history rows.
 */
const LOCK = `select pg_advisory_xact_lock(hashtext('dutyflow.customers.import'))`;
const LOAD = `
create temp table customer_import on commit drop as
select * from jsonb_to_recordset(?::jsonb) as r(row int, code text, name text, address text, tier smallint, market_type text,
  business_type text, manager_id int, status text, license_no text, route_order int)`;
const INDEX = `create unique index on customer_import (code)`;

/** The columns every file sets, and those an optional column sets when the file has it. */
const ALWAYS = ['name', 'tier', 'market_type', 'business_type', 'manager_id'] as const;

function changedSql(optional: readonly string[]) {
  const columns = [...ALWAYS, ...optional];
  return {
    set: columns.map((c) => `${c} = i.${c}`).join(', '),
    differs: `(${columns.map((c) => `c.${c}`).join(', ')}) is distinct from (${columns.map((c) => `i.${c}`).join(', ')})`,
  };
}

/**
 * `sql` in `tx`'s transaction with `params` sent as query parameters. `em.execute` writes every value
 * into the statement's text first, which for a file's worth of JSON (megabytes) takes seconds.
 */
async function query<T>(tx: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const knex = tx.getTransactionContext<Knex.Transaction>() ?? tx.getKnex();
  const result = await knex.raw(sql, params as Knex.RawBinding[]) as { rows: T[] };
  return result.rows;
}

/** How many rows a dry run shows. */
const PREVIEW_ROWS = 20;

/** Thrown to roll a dry run back, carrying what it found. */
class DryRun extends Error {
  constructor(readonly result: CustomerImportResult) {
    super('dry run');
  }
}

/**
 * Imports customers: create or update by code, in one transaction; a tier change is kept in the history
 * from the next allocation month. `dryRun`: the same checks and statements, then rolled back — the
 * admin's preview of what the file would do.
 */
export function createCustomerImport(orm: MikroORM) {
  return {
    async import(user: SessionUser, locale: Locale, upload: ImportUpload, dryRun = false): Promise<CustomerImportResult> {
      requireRole(user, 'admin');
      const { format, bytes } = await readImportUpload(upload, locale, CUSTOMER_IMPORT_MAX_BYTES);
      const sheet = await readRows(format, bytes, locale);
      const em = orm.em.fork();
      const { rows, optional } = customerRows(sheet, await activeManagers(em), locale);
      const effectiveFrom = nextAllocationMonth(new Date());
      const { set, differs } = changedSql(optional);
      return em.transactional(async (tx) => {
        const preview = async () => (await query<{ row: number; code: string; name: string; tier: number; manager: string; change: string }>(tx, `
select i.row, i.code, i.name, i.tier, u.username as manager,
  case when c.id is null then 'created' when ${differs} then 'updated' else 'unchanged' end as change
from customer_import i join users u on u.id = i.manager_id left join customers c on c.code = i.code
order by i.row limit ?`, [PREVIEW_ROWS])).map((r) => ({ ...r, row: Number(r.row), tier: Number(r.tier) })) as CustomerImportResult['preview'];
        await query(tx, LOCK);
        await query(tx, LOAD, [JSON.stringify(rows)]);
        await query(tx, INDEX);
        const planned = dryRun ? await preview() : undefined;
        // Customers locked in code order, so an admin's edit or a regrade's approval waits for the import (or it for them).
        await query(tx, `select count(*) from (select 1 from customers c join customer_import i on i.code = c.code order by c.code for update of c) locked`);
        // The history first: it needs the tier before the update.
        const history = await query<{ id: number }>(tx, `
insert into customer_tier_history (customer_id, from_tier, to_tier, effective_from, decided_by, source)
select c.id, c.tier, i.tier, ?::date, ?, 'import'
from customer_import i join customers c on c.code = i.code
where c.tier <> i.tier
order by c.code
returning id`, [effectiveFrom, user.id]);
        const updated = await query<{ id: number }>(tx, `
update customers c set ${set}, updated_at = now()
from customer_import i
where c.code = i.code and ${differs}
returning c.id`);
        const created = await query<{ id: number }>(tx, `
insert into customers (code, name, address, tier, market_type, business_type, manager_id, status, license_no, route_order)
select i.code, i.name, i.address, i.tier, i.market_type, i.business_type, i.manager_id, i.status, i.license_no, i.route_order
from customer_import i
where not exists (select 1 from customers c where c.code = i.code)
order by i.code
returning id`);
        const summary = {
          imported: rows.length, created: created.length, updated: updated.length,
          unchanged: rows.length - created.length - updated.length, tierChanges: history.length,
        };
        if (dryRun) throw new DryRun({ ...summary, dryRun: true, preview: planned });
        appendAudit(tx, { type: 'customers.imported', actorId: user.id, data: { format, effectiveFrom, ...summary } });
        await tx.flush();
        return summary;
      }).catch((err: unknown) => {
        if (err instanceof DryRun) return err.result;
        throw err;
      });
    },
  };
}
