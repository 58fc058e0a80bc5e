import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextAllocationMonth } from '../../domain/chinaTime.js';
import { AuditEventSchema, CustomerSchema, TierChangeSchema } from '../../db/entities/index.js';
import { contractViolations } from '../support/contract.js';
import { demoUsers, type DemoUsers } from '../support/demoUsers.js';
import { startStack, type TestStack } from '../support/stack.js';

/* Customer master data (issue 14): import, export, edit and reassignment, kept by admins. */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV = 'text/csv';
const ZH_HEADER = '客户编码,客户名称,地址,档位,市场类型,业态,客户经理,经营状态,许可证号';

let stack: TestStack;
let users: DemoUsers;
let tokens: Record<'admin' | 'head' | 'sup1' | 'mgr1', string>;

beforeAll(async () => {
  stack = await startStack();
  users = await demoUsers(stack);
  tokens = await users.tokens(['admin', 'head', 'sup1', 'mgr1'] as const);
});
afterAll(() => stack?.close());

/** Sends a request with a raw body (or none); the answer as JSON (or the bytes of a file), checked against the OpenAPI document. */
async function raw(method: string, path: string, token: string, type?: string, bytes?: Buffer | string, headers: Record<string, string> = {}) {
  const response = await fetch(stack.baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(type ? { 'content-type': type } : {}), ...headers },
    body: bytes === undefined ? undefined : typeof bytes === 'string' ? bytes : new Uint8Array(bytes),
  });
  const bytesBack = Buffer.from(await response.arrayBuffer());
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  const body = isJson && bytesBack.length ? JSON.parse(bytesBack.toString('utf8')) : null;
  const violations = contractViolations(method, path, response.status, response.headers.get('content-type'), isJson ? body : undefined);
  if (isJson && violations.length) throw new Error(violations.join('\n'));
  return { status: response.status, headers: response.headers, body, bytes: bytesBack };
}
const importFile = (bytes: Buffer | string, type = CSV, token = tokens.admin) => raw('POST', '/api/admin/customers/import', token, type, bytes);
const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');

/** Every customer and history row as stored, to compare before and after. */
async function snapshot() {
  const em = stack.orm.em.fork();
  return {
    customers: await em.execute('select * from customers order by id'),
    history: await em.execute('select * from customer_tier_history order by id'),
  };
}
const customerByCode = (code: string) => stack.orm.em.fork().findOne(CustomerSchema, { code });
const historyOf = (customerId: number) => stack.orm.em.fork().find(TierChangeSchema, { customerId }, { orderBy: { id: 'asc' } });
const audits = (type: string) => stack.orm.em.fork().find(AuditEventSchema, { type }, { orderBy: { id: 'asc' } });

describe('customer import', () => {
  it('creates customers and updates by code; a changed tier writes history from the next allocation month; audited', async () => {
    const existing = (await customerByCode('5301100001'))!;
    const newTier = existing.tier === 30 ? 29 : existing.tier + 1;
    const file = csv([
      ZH_HEADER,
      `C900001,测试便利店,测试路1号,D12,城网,convenience,mgr1,正常,530100000001`,
      `C900002,"测试超市,二店",,7,农网,supermarket,mgr2,,`,
      `5301100001,${existing.name},${existing.address ?? ''},D${newTier},${existing.marketType === 'urban' ? '城网' : '农网'},${existing.businessType},mgr1,,`,
    ]);
    const answer = await importFile(file);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ imported: 3, created: 2, updated: 1, unchanged: 0, tierChanges: 1 });

    const created = (await customerByCode('C900001'))!;
    expect(created).toMatchObject({
      name: '测试便利店', address: '测试路1号', tier: 12, marketType: 'urban', businessType: 'convenience',
      managerId: users.ids.mgr1, status: '正常', licenseNo: '530100000001',
    });
    expect(await customerByCode('C900002')).toMatchObject({
      name: '测试超市,二店', address: null, tier: 7, marketType: 'rural', managerId: users.ids.mgr2, status: null, licenseNo: null,
    });
    expect(await historyOf(created.id)).toEqual([]);

    const updated = (await customerByCode('5301100001'))!;
    expect(updated.tier).toBe(newTier);
    const history = await historyOf(existing.id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      fromTier: existing.tier, toTier: newTier, source: 'import', decidedBy: users.ids.admin, instanceId: null,
    });
    expect(String(history[0]!.effectiveFrom).slice(0, 10)).toBe(nextAllocationMonth(new Date()));
    // The customer page shows the new tier with its history.
    const page = await stack.call('GET', `/api/customers/${existing.id}`, tokens.admin);
    expect(page.body.tier).toBe(newTier);
    expect(page.body.tierHistory[0]).toMatchObject({ fromTier: existing.tier, toTier: newTier });

    const events = await audits('customers.imported');
    expect(events.at(-1)).toMatchObject({
      actorId: users.ids.admin, data: { format: 'csv', imported: 3, created: 2, updated: 1, unchanged: 0, tierChanges: 1 },
    });
  });

  it('the same file twice changes nothing the second time', async () => {
    const file = csv([
      'code,name,address,tier,marketType,businessType,manager,status,licenseNo',
      'C910001,Twice Shop,Twice Road 1,15,urban,convenience,mgr3,open,L-1',
      'C910002,Twice Shop 2,,D3,rural,supermarket,mgr4,,',
    ]);
    expect((await importFile(file)).body).toEqual({ imported: 2, created: 2, updated: 0, unchanged: 0, tierChanges: 0 });
    const before = await snapshot();
    expect((await importFile(file)).body).toEqual({ imported: 2, created: 0, updated: 0, unchanged: 2, tierChanges: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('a dry run shows what the file would do, row by row, and stores nothing', async () => {
    const existing = (await customerByCode('5301100002'))!;
    const file = csv([
      'code,name,address,tier,marketType,businessType,manager',
      'C920001,Preview Shop,Preview Road 1,D12,urban,convenience,mgr2',
      `5301100002,${existing.name},${existing.address ?? ''},${existing.tier === 30 ? 29 : existing.tier + 1},${existing.marketType},${existing.businessType},mgr1`,
    ]);
    const before = await snapshot();
    const preview = await raw('POST', '/api/admin/customers/import?dryRun=true', tokens.admin, 'text/csv', file);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ imported: 2, created: 1, updated: 1, unchanged: 0, tierChanges: 1, dryRun: true });
    expect(preview.body.preview).toEqual([
      { row: 2, code: 'C920001', name: 'Preview Shop', tier: 12, manager: 'mgr2', change: 'created' },
      { row: 3, code: '5301100002', name: existing.name, tier: existing.tier === 30 ? 29 : existing.tier + 1, manager: 'mgr1', change: 'updated' },
    ]);
    expect(await snapshot()).toEqual(before);
    expect((await raw('POST', '/api/admin/customers/import?dryRun=maybe', tokens.admin, 'text/csv', file)).body.errors)
      .toEqual([{ path: '/dryRun', message: '只能是 true 或 false' }]);
  });

  it('a file without an optional column keeps those fields; an empty cell clears them', async () => {
    const header = 'code,name,tier,marketType,businessType,manager';
    expect((await importFile(csv([header, 'C910001,Twice Shop,15,urban,convenience,mgr3']))).body)
      .toMatchObject({ updated: 0, unchanged: 1 });
    expect(await customerByCode('C910001')).toMatchObject({ address: 'Twice Road 1', status: 'open', licenseNo: 'L-1' });
    expect((await importFile(csv([`${header},status`, 'C910001,Twice Shop,15,urban,convenience,mgr3,']))).body)
      .toMatchObject({ updated: 1, unchanged: 0 });
    expect(await customerByCode('C910001')).toMatchObject({ address: 'Twice Road 1', status: null, licenseNo: 'L-1' });
  });

  it('keeps question marks, quotes and backslashes as written', async () => {
    const answer = await importFile(csv([ZH_HEADER, 'C940001,好店? 一号 $1,"路\\2号 ""北"" \'口\'",1,城网,convenience,mgr1,?,']));
    expect(answer.body).toMatchObject({ created: 1 });
    expect(await customerByCode('C940001')).toMatchObject({ name: '好店? 一号 $1', address: '路\\2号 "北" \'口\'', status: '?' });
  });

  it('a file with bad rows is 422 naming each bad row and column, and stores nothing', async () => {
    const before = await snapshot();
    const file = csv([
      ZH_HEADER,
      'C920001,好店,,D31,城网,convenience,mgr1,,', // row 2: tier
      'C920002,好店2,,12,郊区,convenience,mgr1,,', // row 3: market type
      'C920003,好店3,,12,城网,convenience,sup1,,', // row 4: not a customer manager
      'C920001,好店4,,12,城网,convenience,mgr1,,', // row 5: the code of row 2 again
      'C920005,,,12,城网,,nobody,,', // row 6: name, business type and manager
      '5301100002,改名,,3,城网,convenience,mgr1,,', // row 7: good, yet not stored
    ]);
    const answer = await importFile(file);
    expect(answer.status).toBe(422);
    expect(answer.body.errors.map((e: { path: string }) => e.path)).toEqual([
      '/rows/2/tier', '/rows/3/marketType', '/rows/4/manager', '/rows/5/code', '/rows/6/name', '/rows/6/businessType', '/rows/6/manager',
    ]);
    expect(answer.body.errors[2].message).toBe('第 4 行：客户经理“sup1”不是在岗的客户经理');
    expect(await snapshot()).toEqual(before);
    const missing = await importFile(csv(['客户编码,客户名称,档位', 'C1,a,1']));
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toEqual(['/columns/marketType', '/columns/businessType', '/columns/manager']);
  });

  it('only admins import (403, nothing read); 415 for another type', async () => {
    const file = csv([ZH_HEADER, 'C930001,x,,1,城网,convenience,mgr1,,']);
    expect((await importFile(file, CSV, tokens.head)).status).toBe(403);
    expect((await importFile(file, CSV, tokens.mgr1)).status).toBe(403);
    expect((await importFile(file, 'text/plain')).status).toBe(415);
    expect(await customerByCode('C930001')).toBeNull();
  });
});

describe('customer export', () => {
  it('round-trips: the exported xlsx imported again changes nothing (Chinese and English headers)', async () => {
    const before = await snapshot();
    const total = before.customers.length;
    for (const [token, lang] of [[tokens.admin, 'zh-CN'], [tokens.head, 'en']] as const) {
      const file = await raw('GET', '/api/admin/customers/export', token, undefined, undefined, { 'accept-language': lang });
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe(XLSX);
      expect(file.headers.get('content-disposition')).toMatch(/^attachment; /);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
      const header = (workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual(lang === 'en'
        ? ['Code', 'Name', 'Address', 'Tier', 'Market type', 'Business type', 'Manager', 'Status', 'License no', 'Route order']
        : ['客户编码', '客户名称', '地址', '档位', '市场类型', '业态', '客户经理', '经营状态', '许可证号', '拜访顺序']);
      expect(workbook.worksheets[0]!.rowCount).toBe(total + 1);
      const again = await importFile(file.bytes, XLSX);
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ imported: total, created: 0, updated: 0, unchanged: total, tierChanges: 0 });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('is for admins and the dept head only', async () => {
    expect((await raw('GET', '/api/admin/customers/export', tokens.sup1)).status).toBe(403);
    expect((await raw('GET', '/api/admin/customers/export', tokens.mgr1)).status).toBe(403);
  });
});

describe('editing a customer', () => {
  it('changes the given fields; a new tier writes history (source admin); audited with old and new values', async () => {
    const customer = (await customerByCode('5301100010'))!;
    const newTier = customer.tier === 1 ? 2 : customer.tier - 1;
    const answer = await stack.call('PATCH', `/api/admin/customers/${customer.id}`, tokens.admin, {
      name: ' 新名字便利店 ', tier: newTier, status: '暂停营业', licenseNo: '530100009999', address: '',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      id: customer.id, code: '5301100010', name: '新名字便利店', tier: newTier, tierLabel: `D${newTier}`, status: '暂停营业',
      licenseNo: '530100009999', address: null, managerUsername: expect.stringMatching(/^mgr\d$/),
    });
    expect((await historyOf(customer.id)).at(-1)).toMatchObject({
      fromTier: customer.tier, toTier: newTier, source: 'admin', decidedBy: users.ids.admin,
    });
    const event = (await audits('customer.updated')).at(-1)!;
    expect(event.actorId).toBe(users.ids.admin);
    expect(event.data).toMatchObject({
      customerId: customer.id,
      changes: {
        name: { from: customer.name, to: '新名字便利店' },
        tier: { from: customer.tier, to: newTier, effectiveFrom: nextAllocationMonth(new Date()) },
        status: { from: null, to: '暂停营业' },
        address: { from: customer.address, to: null },
      },
    });
    // The same again changes nothing and writes nothing.
    const count = (await audits('customer.updated')).length;
    const same = await stack.call('PATCH', `/api/admin/customers/${customer.id}`, tokens.admin, { tier: newTier, name: '新名字便利店' });
    expect(same.status).toBe(200);
    expect((await audits('customer.updated')).length).toBe(count);
    expect(await historyOf(customer.id)).toHaveLength(1);
  });

  it('403 for others, 404 for no such customer, 422 for a bad or empty body', async () => {
    const customer = (await customerByCode('5301100011'))!;
    expect((await stack.call('PATCH', `/api/admin/customers/${customer.id}`, tokens.head, { name: 'x' })).status).toBe(403);
    expect((await stack.call('PATCH', `/api/admin/customers/${customer.id}`, tokens.mgr1, { name: 'x' })).status).toBe(403);
    expect((await stack.call('PATCH', '/api/admin/customers/999999', tokens.admin, { name: 'x' })).status).toBe(404);
    const bad = await stack.call('PATCH', `/api/admin/customers/${customer.id}`, tokens.admin, { tier: 31, marketType: 'city', name: '' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/marketType', '/name', '/tier']);
    expect((await stack.call('PATCH', `/api/admin/customers/${customer.id}`, tokens.admin, {})).status).toBe(422);
    expect((await stack.call('PATCH', `/api/admin/customers/${customer.id}`, tokens.admin, { managerId: 1 })).status).toBe(422);
    expect(await customerByCode('5301100011')).toEqual(customer);
  });
});

describe('reassigning customers', () => {
  it('moves listed customers, or all of a manager\'s, to another manager; one audit event lists them', async () => {
    const em = stack.orm.em.fork();
    const mine = await em.find(CustomerSchema, { managerId: users.ids.mgr5 }, { orderBy: { id: 'asc' }, limit: 2 });
    const ids = mine.map((c) => c.id);
    const listed = await stack.call('POST', '/api/admin/customers/reassign', tokens.admin, { customerIds: ids, toManagerId: users.ids.mgr6 });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({ toManagerId: users.ids.mgr6, moved: 2, customerIds: ids, handOver: { requested: 0, handedOver: 0, pending: 0 } });
    expect((await audits('customers.reassigned')).at(-1)).toMatchObject({
      actorId: users.ids.admin,
      data: { toManagerId: users.ids.mgr6, moved: 2, customers: ids.map((id) => ({ id, fromManagerId: users.ids.mgr5 })) },
    });
    // Already theirs: nothing moves, nothing is audited.
    const events = (await audits('customers.reassigned')).length;
    expect((await stack.call('POST', '/api/admin/customers/reassign', tokens.admin, { customerIds: ids, toManagerId: users.ids.mgr6 })).body.moved).toBe(0);
    expect((await audits('customers.reassigned')).length).toBe(events);

    const left = await stack.orm.em.fork().count(CustomerSchema, { managerId: users.ids.mgr5 });
    const all = await stack.call('POST', '/api/admin/customers/reassign', tokens.admin, { fromManagerId: users.ids.mgr5, toManagerId: users.ids.mgr6 });
    expect(all.body.moved).toBe(left);
    expect(await stack.orm.em.fork().count(CustomerSchema, { managerId: users.ids.mgr5 })).toBe(0);
    expect((await audits('customers.reassigned')).at(-1)!.data).toMatchObject({ fromManagerId: users.ids.mgr5, moved: left });
  });

  it('403 for others; 422 for a target who is no customer manager, an unknown customer, or neither or both selectors', async () => {
    const [one] = await stack.orm.em.fork().find(CustomerSchema, { managerId: users.ids.mgr1 }, { limit: 1 });
    const body = { customerIds: [one!.id], toManagerId: users.ids.mgr2 };
    expect((await stack.call('POST', '/api/admin/customers/reassign', tokens.head, body)).status).toBe(403);
    const notManager = await stack.call('POST', '/api/admin/customers/reassign', tokens.admin, { ...body, toManagerId: users.ids.sup1 });
    expect(notManager.status).toBe(422);
    expect(notManager.body.errors[0].path).toBe('/toManagerId');
    const unknown = await stack.call('POST', '/api/admin/customers/reassign', tokens.admin, { ...body, customerIds: [one!.id, 999999] });
    expect(unknown.body.errors.map((e: { path: string }) => e.path)).toEqual(['/customerIds/1']);
    const both = await stack.call('POST', '/api/admin/customers/reassign', tokens.admin, { ...body, fromManagerId: users.ids.mgr1 });
    expect(both.status).toBe(422);
    expect((await stack.call('POST', '/api/admin/customers/reassign', tokens.admin, { toManagerId: users.ids.mgr2 })).status).toBe(422);
    expect((await stack.orm.em.fork().findOne(CustomerSchema, { id: one!.id }))!.managerId).toBe(users.ids.mgr1);
  });
});

describe('a city\'s customers', () => {
  it('imports 30,000 rows in one file, then the same file again unchanged', async () => {
    const managers = ['mgr1', 'mgr2', 'mgr3', 'mgr4', 'mgr5', 'mgr6'];
    const lines = [ZH_HEADER];
    for (let i = 0; i < 30_000; i++) {
      lines.push(`K${String(i).padStart(7, '0')},测试客户${i}号便利店,测试区测试路${i % 500}号,D${(i % 30) + 1},${i % 3 ? '城网' : '农网'},`
        + `convenience,${managers[i % 6]},正常,5301${String(i).padStart(8, '0')}`);
    }
    const file = csv(lines);
    let started = performance.now();
    const first = await importFile(file);
    const firstMs = performance.now() - started;
    expect(first.body).toEqual({ imported: 30_000, created: 30_000, updated: 0, unchanged: 0, tierChanges: 0 });
    started = performance.now();
    const second = await importFile(file);
    const secondMs = performance.now() - started;
    expect(second.body).toEqual({ imported: 30_000, created: 0, updated: 0, unchanged: 30_000, tierChanges: 0 });
    // Every tier one up: 30,000 updates and 30,000 history rows.
    const regraded = csv([ZH_HEADER, ...lines.slice(1).map((l, i) => l.replace(/,D\d+,/, `,D${((i + 1) % 30) + 1},`))]);
    started = performance.now();
    const third = await importFile(regraded);
    const thirdMs = performance.now() - started;
    expect(third.body).toEqual({ imported: 30_000, created: 0, updated: 30_000, unchanged: 0, tierChanges: 30_000 });
    // The whole list as xlsx and back: nothing changes.
    started = performance.now();
    const exported = await raw('GET', '/api/admin/customers/export', tokens.admin);
    const exportMs = performance.now() - started;
    started = performance.now();
    const back = await importFile(exported.bytes, XLSX);
    const backMs = performance.now() - started;
    expect(back.body).toMatchObject({ created: 0, updated: 0, tierChanges: 0 });
    expect(back.body.unchanged).toBeGreaterThan(30_000);
    console.info(`customer export of ${back.body.imported} rows: ${exportMs.toFixed(0)} ms (${(exported.bytes.length / 1024 / 1024).toFixed(1)} MiB xlsx); `
      + `imported back unchanged ${backMs.toFixed(0)} ms`);
    console.info(`customer import of 30,000 rows (${(file.length / 1024 / 1024).toFixed(1)} MiB csv): `
      + `create ${firstMs.toFixed(0)} ms, unchanged ${secondMs.toFixed(0)} ms, every tier changed ${thirdMs.toFixed(0)} ms`);
  }, 120_000);
});
