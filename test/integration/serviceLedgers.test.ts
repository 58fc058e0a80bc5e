import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../domain/chinaTime.js';
import { demoUsers, type DemoUsers } from '../support/demoUsers.js';
import { uploadPhoto } from '../support/hazardFlows.js';
import { complaintRecord, firstCustomerOf, reply, serviceRequest, startComplaint, startServiceRequest, visitRecord } from '../support/serviceFlows.js';
import { startStack, type TestStack } from '../support/stack.js';
import { act, finished, openTask } from '../support/taskFlows.js';

/*
 * 投诉台账 and 拜访记录 over complaints and visits of both teams: who reads which rows, the filters, and the
 * exports read back as a spreadsheet program would.
 */
let stack: TestStack;
let users: DemoUsers;
let tokens: Record<string, string>;
const codes: Record<string, string> = {};

async function download(path: string, user: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${stack.baseUrl}${path}`, { headers: { authorization: `Bearer ${tokens[user]}`, ...headers } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** A request for `manager`'s first customer, answered and visited by them (with `photos` photos). */
async function visited(manager: string, photos: number, arrivedAt: string) {
  const customer = await firstCustomerOf(stack, tokens[manager]!, users.ids[manager]!);
  const { body: { id } } = await startServiceRequest(stack, tokens[manager]!, serviceRequest(customer.id));
  await act(stack, tokens[manager]!, id, 'reply', { data: reply });
  const task = await openTask(stack, tokens[manager]!, id, 'visit');
  const ids = await Promise.all(Array.from({ length: photos }, () => uploadPhoto(stack, tokens[manager]!, task.id)));
  await act(stack, tokens[manager]!, id, 'visit', { data: visitRecord(ids, { arrivedAt, checked: `=检查${manager}门店陈列与扫码设备` }) });
  await finished(stack, tokens[manager]!, id);
}

beforeAll(async () => {
  stack = await startStack();
  users = await demoUsers(stack);
  tokens = await users.tokens(['mgr1', 'mgr2', 'mgr4', 'sup1', 'sup2', 'head', 'safety', 'leader', 'admin']);
  await visited('mgr1', 2, '2026-12-01T02:30:00.000Z');
  await visited('mgr4', 0, '2026-12-02T03:00:00.000Z');

  // sup1's team: a closed complaint about mgr1, handled by mgr2; sup2's team: one waiting for its handler; and an anonymous one.
  const mgr1Customer = await firstCustomerOf(stack, tokens.mgr1!, users.ids.mgr1!);
  const closed = await startComplaint(stack, tokens.mgr1!, complaintRecord(mgr1Customer.id, { complainedManagerId: users.ids.mgr1, category: 'service' }));
  codes.closed = closed.body.summary.code;
  await act(stack, tokens.sup1!, closed.body.id, 'assign', { data: { handlerId: users.ids.mgr2 } });
  await act(stack, tokens.mgr2!, closed.body.id, 'respond', { data: { response: '已联系客户', via: 'phone' } });
  await act(stack, tokens.mgr2!, closed.body.id, 'resolve', { data: { actions: '上门道歉并约定拜访时间', result: '客户接受' } });
  await act(stack, tokens.sup1!, closed.body.id, 'revisit', { data: { satisfaction: 'satisfied' } });
  await finished(stack, tokens.mgr1!, closed.body.id);
  const mgr4Customer = await firstCustomerOf(stack, tokens.mgr4!, users.ids.mgr4!);
  codes.open = (await startComplaint(stack, tokens.mgr4!, complaintRecord(mgr4Customer.id, { category: 'price', urgency: 'urgent' }))).body.summary.code;
  codes.anonymous = (await startComplaint(stack, tokens.mgr4!, complaintRecord(null, { category: 'quality' }))).body.summary.code;
});
afterAll(() => stack?.close());

const codesOf = (body: { items: { code: string }[] }) => body.items.map((c) => c.code).sort();

describe('投诉台账', () => {
  it('shows supervisors their team\'s complaints, the dept head, leaders and admins all, and nobody else', async () => {
    const sup1 = await stack.call('GET', '/api/complaints', tokens.sup1);
    expect(codesOf(sup1.body)).toEqual([codes.closed]);
    const row = sup1.body.items[0];
    expect(row).toMatchObject({
      status: 'closed', category: 'service', satisfaction: 'satisfied', rounds: 1, overdue: false,
      handler: { id: users.ids.mgr2, name: users.names.mgr2 }, complainedManager: { id: users.ids.mgr1 }, responseLateMinutes: 0,
    });
    expect(codesOf((await stack.call('GET', '/api/complaints', tokens.sup2)).body)).toEqual([codes.open]);
    for (const reader of ['head', 'leader', 'admin']) {
      const all = await stack.call('GET', '/api/complaints', tokens[reader]);
      expect(all.body.total).toBe(3);
      // Open ones first.
      expect(all.body.items.at(-1).code).toBe(codes.closed);
    }
    const anonymous = (await stack.call('GET', '/api/complaints?category=quality', tokens.head)).body.items[0];
    expect(anonymous).toMatchObject({ code: codes.anonymous, customer: null, manager: null, status: 'assigning' });
    expect(anonymous.responseDueAt).not.toBeNull();
    for (const other of ['mgr1', 'mgr4', 'safety']) {
      expect((await stack.call('GET', '/api/complaints', tokens[other])).status).toBe(403);
      expect((await download('/api/complaints?format=xlsx', other)).status).toBe(403);
    }
  });

  it('filters by status, category, urgency, handler, customer and date, and refuses bad filters at their paths', async () => {
    const ask = async (query: string) => codesOf((await stack.call('GET', `/api/complaints?${query}`, tokens.head)).body);
    expect(await ask('status=assigning')).toEqual([codes.anonymous, codes.open].sort());
    expect(await ask('status=closed,handling')).toEqual([codes.closed]);
    expect(await ask('urgency=urgent')).toEqual([codes.open]);
    expect(await ask(`handler=${users.ids.mgr2}`)).toEqual([codes.closed]);
    expect(await ask('overdue=true')).toEqual([]);
    expect(await ask(`from=${chinaDate(new Date())}&to=${chinaDate(new Date())}`)).toHaveLength(3);
    expect(await ask('to=2020-01-01')).toEqual([]);
    const bad = await stack.call('GET', '/api/complaints?status=lost&category=tobacco&overdue=maybe&from=2026-02-30&format=pdf', tokens.head);
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['/from', '/format', '/status', '/category', '/overdue']);
  });

  it('exports as an xlsx workbook that opens, with labels and China times, and as csv', async () => {
    const { status, headers, bytes } = await download('/api/complaints?format=xlsx', 'head');
    expect(status).toBe(200);
    expect(headers.get('content-disposition')).toContain(encodeURIComponent(`投诉台账-${chinaDate(new Date()).replaceAll('-', '')}.xlsx`));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('投诉台账')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('编号');
    expect(sheet.rowCount).toBe(4);
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const closedRow = [2, 3, 4].map((n) => sheet.getRow(n)).find((r) => r.getCell(1).value === codes.closed)!;
    const cell = (name: string) => closedRow.getCell(header.indexOf(name) + 1).value;
    expect(cell('状态')).toBe('已办结');
    expect(cell('类别')).toBe('服务');
    expect(cell('回访满意度')).toBe('满意');
    expect(cell('处理人')).toBe(users.names.mgr2);
    expect(cell('登记时间')).toBeInstanceOf(Date);

    const csv = await download('/api/complaints?format=csv&status=closed', 'sup1', { 'accept-language': 'en' });
    const text = csv.bytes.toString('utf8');
    expect(text.startsWith('\uFEFFCode,Recorded at,Customer')).toBe(true);
    const lines = text.split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(',Closed,');
    expect(lines[1]).toContain(',Satisfied,');
  });
});

describe('拜访记录', () => {
  it('shows a manager their own visits, a supervisor their team\'s, the managing roles all; filters; exports', async () => {
    const mine = await stack.call('GET', '/api/visits', tokens.mgr1);
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({ manager: { id: users.ids.mgr1 }, photoCount: 2, lateMinutes: 0, arrivedAt: '2026-12-01T02:30:00.000Z' });
    expect(mine.body.items[0].requestCode).toMatch(/^FW/);
    expect((await stack.call('GET', '/api/visits', tokens.sup2)).body.items.map((v: { manager: { id: number } }) => v.manager.id)).toEqual([users.ids.mgr4]);
    const all = await stack.call('GET', '/api/visits', tokens.head);
    expect(all.body.total).toBe(2);
    expect(all.body.items[0].manager.id).toBe(users.ids.mgr4); // newest arrival first
    expect((await stack.call('GET', `/api/visits?managerId=${users.ids.mgr1}`, tokens.leader)).body.total).toBe(1);
    expect((await stack.call('GET', '/api/visits?from=2026-12-02', tokens.head)).body.total).toBe(1);
    expect((await stack.call('GET', '/api/visits?late=true', tokens.head)).body.total).toBe(0);
    expect((await stack.call('GET', '/api/visits', tokens.safety)).status).toBe(403);
    expect((await stack.call('GET', '/api/visits?late=yes&managerId=x', tokens.head)).status).toBe(422);

    const { status, bytes } = await download('/api/visits?format=xlsx', 'sup1');
    expect(status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('拜访记录')!;
    expect(sheet.rowCount).toBe(2);
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(sheet.getRow(2).getCell(header.indexOf('客户经理') + 1).value).toBe(users.names.mgr1);
    expect(sheet.getRow(2).getCell(header.indexOf('照片数') + 1).value).toBe(2);
    // China wall time in the date cell: 02:30 UTC is 10:30 in China.
    expect((sheet.getRow(2).getCell(1).value as Date).toISOString()).toBe('2026-12-01T10:30:00.000Z');
    const csv = (await download('/api/visits?format=csv', 'mgr1')).bytes.toString('utf8');
    // Text that a spreadsheet would run as a formula is neutralised.
    expect(csv).toContain(',\'=检查mgr1门店陈列与扫码设备,');
  });
});
