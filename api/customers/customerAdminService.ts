import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { LockMode, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { handOverAtOnce, requestHandOversOfCustomers } from '../../activities/taskHandOvers.js';
import { appendAudit } from '../../db/audit.js';
import { CustomerSchema, TierChangeSchema, UserSchema, type Customer } from '../../db/entities/index.js';
import { chinaDate, nextAllocationMonth } from '../../domain/chinaTime.js';
import type { Locale } from '../../forms/formDefinition.js';
import { requireRole, type SessionUser } from '../http/auth.js';
import { NotFoundError, ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import { positiveInt } from '../http/requestBody.js';
import { writeSheet, type XlsxColumn } from '../http/xlsxSheet.js';
import type { AdminCustomer, ReassignCustomersBody, ReassignResult, UpdateCustomerBody } from './customerAdminContract.js';
import { CUSTOMER_COLUMNS, type CustomerColumn } from './customerImport.js';

/** Who reads the customer master data as a file: admins, who keep it, and the dept head. */
export const CUSTOMER_EXPORT_ROLES = ['admin', 'dept_head'] as const;

function adminCustomerJson(c: Customer, managerUsername: string): AdminCustomer {
  return {
    id: c.id, code: c.code, name: c.name, address: c.address ?? null, tier: c.tier, tierLabel: `D${c.tier}`,
    marketType: c.marketType, businessType: c.businessType, managerId: c.managerId, managerUsername,
    status: c.status ?? null, licenseNo: c.licenseNo ?? null, routeOrder: c.routeOrder ?? null, updatedAt: c.updatedAt ? c.updatedAt.toISOString() : null,
  };
}

/** A row of the export. */
interface ExportRow {
  code: string;
  name: string;
  address: string | null;
  tier: number;
  market_type: string;
  business_type: string;
  username: string;
  status: string | null;
  license_no: string | null;
  route_order: number | null;
}

const MARKET_LABELS: Record<string, Record<Locale, string>> = { urban: { 'zh-CN': '城网', en: 'urban' }, rural: { 'zh-CN': '农网', en: 'rural' } };

const EXPORT_VALUES: Record<CustomerColumn, { width: number; value(row: ExportRow, locale: Locale): string | null }> = {
  code: { width: 16, value: (r) => r.code },
  name: { width: 28, value: (r) => r.name },
  address: { width: 36, value: (r) => r.address },
  tier: { width: 8, value: (r) => `D${r.tier}` },
  marketType: { width: 10, value: (r, locale) => MARKET_LABELS[r.market_type]?.[locale] ?? r.market_type },
  businessType: { width: 16, value: (r) => r.business_type },
  manager: { width: 14, value: (r) => r.username },
  status: { width: 12, value: (r) => r.status },
  licenseNo: { width: 18, value: (r) => r.license_no },
  routeOrder: { width: 10, value: (r) => (r.route_order == null ? null : String(r.route_order)) },
};

/** The export's columns: the import's, headed by their label in the caller's language (the import reads either). */
const EXPORT_COLUMNS: XlsxColumn<ExportRow>[] = CUSTOMER_COLUMNS.map((spec) => ({
  header: spec.label, width: EXPORT_VALUES[spec.key].width, value: EXPORT_VALUES[spec.key].value,
}));

/** Trimmed text, '' as null. */
const optionalText = (value: string | null | undefined) => (value == null || value.trim() === '' ? null : value.trim());

async function activeManager(em: EntityManager, id: number): Promise<boolean> {
  const user = await em.findOne(UserSchema, { id, active: true }, { fields: ['id', 'roles'] });
  return !!user?.roles.includes('customer_manager');
}

/**
 * The customer master data an admin keeps: edit one customer, move customers to another manager (their
 * open tasks follow, handed on through `temporal`), export them all.
 */
export function createCustomerAdminService(orm: MikroORM, temporal?: Client) {
  return {
    /**
     * Changes the given fields of one customer (404 for no such id). A new tier writes the tier
     * history (source `admin`), effective from the next allocation month, as an approved regrade does.
     * One audit event with each changed field's old and new value; nothing is written when nothing changes.
     */
    async update(user: SessionUser, id: string, body: UpdateCustomerBody): Promise<AdminCustomer> {
      requireRole(user, 'admin');
      const customerId = positiveInt(id);
      if (!customerId) throw new NotFoundError('customer');
      return orm.em.fork().transactional(async (tx) => {
        const customer = await tx.findOne(CustomerSchema, { id: customerId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!customer) throw new NotFoundError('customer');
        const next: Partial<Pick<Customer, 'name' | 'address' | 'tier' | 'marketType' | 'businessType' | 'status' | 'licenseNo' | 'routeOrder'>> = {};
        if (body.name !== undefined) next.name = body.name.trim();
        if (body.businessType !== undefined) next.businessType = body.businessType.trim();
        if (body.address !== undefined) next.address = optionalText(body.address);
        if (body.status !== undefined) next.status = optionalText(body.status);
        if (body.licenseNo !== undefined) next.licenseNo = optionalText(body.licenseNo);
        if (body.tier !== undefined) next.tier = body.tier;
        if (body.marketType !== undefined) next.marketType = body.marketType;
        if (body.routeOrder !== undefined) next.routeOrder = body.routeOrder;
        const changes: Record<string, { from: unknown; to: unknown }> = {};
        for (const [key, value] of Object.entries(next) as [keyof typeof next, unknown][]) {
          const before = customer[key] ?? null;
          if (before !== value) changes[key] = { from: before, to: value };
        }
        if (changes.tier) {
          const effectiveFrom = nextAllocationMonth(new Date());
          tx.create(TierChangeSchema, {
            customerId: customer.id, fromTier: customer.tier, toTier: next.tier!, effectiveFrom, decidedBy: user.id, source: 'admin',
          });
          changes.tier = { ...changes.tier, effectiveFrom } as { from: unknown; to: unknown };
        }
        if (Object.keys(changes).length) {
          tx.assign(customer, { ...Object.fromEntries(Object.keys(changes).map((k) => [k, next[k as keyof typeof next]])), updatedAt: new Date() });
          appendAudit(tx, { type: 'customer.updated', actorId: user.id, data: { customerId: customer.id, code: customer.code, changes } });
          await tx.flush();
        }
        const manager = await tx.findOne(UserSchema, { id: customer.managerId }, { fields: ['username'] });
        return adminCustomerJson(customer, manager?.username ?? '');
      });
    },

    /**
     * Gives customers — those listed, or every customer of `fromManagerId` — to `toManagerId`, an
     * active customer manager (else 422 at `/toManagerId`); an unknown id is 422 at `/customerIds/<i>`.
     * One audit event lists every moved customer with its former manager. The open tasks about them
     * that a former manager holds personally are asked, in the same transaction, to go to the new
     * manager, and then handed on through their workflows (what Temporal cannot take now, the reconciler does).
     */
    async reassign(user: SessionUser, locale: Locale, body: ReassignCustomersBody): Promise<ReassignResult> {
      requireRole(user, 'admin');
      if ((body.customerIds === undefined) === (body.fromManagerId === undefined)) {
        throw new ValidationError([{ path: '', message: t(locale, 'reassignWhich') }]);
      }
      const to = body.toManagerId;
      const result = await orm.em.fork().transactional(async (tx) => {
        if (!(await activeManager(tx, to))) throw new ValidationError([{ path: '/toManagerId', message: t(locale, 'notCustomerManager') }]);
        let which: string;
        let params: unknown[];
        if (body.customerIds) {
          const ids = body.customerIds;
          const found = await tx.execute<{ id: number }[]>(
            'select id from customers where id in (select value::int from jsonb_array_elements_text(?::jsonb))', [JSON.stringify(ids)]);
          const known = new Set(found.map((r) => Number(r.id)));
          const missing = ids.flatMap((id, i) => (known.has(id) ? [] : [{ path: `/customerIds/${i}`, message: t(locale, 'customerMissing') }]));
          if (missing.length) throw new ValidationError(missing);
          which = 'id in (select value::int from jsonb_array_elements_text(?::jsonb))';
          params = [JSON.stringify(ids)];
        } else {
          which = 'manager_id = ?';
          params = [body.fromManagerId];
        }
        const moved = await tx.execute<{ id: number; from_manager_id: number }[]>(`
update customers c set manager_id = ?, updated_at = now()
from (select id, manager_id from customers where ${which} order by id for update) old
where c.id = old.id and old.manager_id <> ?
returning c.id, old.manager_id as from_manager_id`, [to, ...params, to]);
        const customers = moved.map((r) => ({ id: Number(r.id), fromManagerId: Number(r.from_manager_id) })).sort((a, b) => a.id - b.id);
        const taskIds = await requestHandOversOfCustomers(tx, customers, to, user.id);
        if (customers.length) {
          appendAudit(tx, {
            type: 'customers.reassigned', actorId: user.id,
            data: {
              toManagerId: to, ...(body.fromManagerId !== undefined ? { fromManagerId: body.fromManagerId } : {}), moved: customers.length, customers,
              tasksToHandOver: taskIds.length,
            },
          });
          await tx.flush();
        }
        return { toManagerId: to, moved: customers.length, customerIds: customers.map((c) => c.id), taskIds };
      });
      const { taskIds, ...reassigned } = result;
      return { ...reassigned, handOver: await handOverAtOnce(orm, temporal, taskIds) };
    },

    /** Every customer as an xlsx with the import's columns (by code), written to `out`; its file name. */
    async export(user: SessionUser, locale: Locale) {
      requireRole(user, ...CUSTOMER_EXPORT_ROLES);
      const rows = await orm.em.fork().execute<ExportRow[]>(`
select c.code, c.name, c.address, c.tier, c.market_type, c.business_type, u.username, c.status, c.license_no, c.route_order
from customers c join users u on u.id = c.manager_id
order by c.code`);
      const fileName = `${locale === 'en' ? 'customers' : '客户资料'}-${chinaDate(new Date())}.xlsx`;
      return {
        fileName,
        async write(out: Writable) {
          const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } });
          writeSheet(workbook, locale === 'en' ? 'Customers' : '客户', EXPORT_COLUMNS, rows, locale);
          await workbook.commit();
        },
      };
    },
  };
}
