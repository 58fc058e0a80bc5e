import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextAllocationMonth } from '../../domain/chinaTime.js';
import {
  awaitReviews, DEMO_MANAGERS, publishAllocation, SHORT_ALLOCATION_DUES, startAllocationCycle,
} from '../support/allocationFlows.js';
import { demoUsers, type DemoUsers } from '../support/demoUsers.js';
import { startStack, type TestStack } from '../support/stack.js';
import { act, finished } from '../support/taskFlows.js';

let stack: TestStack;
let users: DemoUsers;
let tokens: Record<string, string>;
let ids: Record<string, number>;
let names: Record<string, string>;
let instanceId: string;
const month = nextAllocationMonth(new Date()).slice(0, 7);

beforeAll(async () => {
  stack = await startStack(SHORT_ALLOCATION_DUES);
  users = await demoUsers(stack);
  tokens = await users.tokens(['head', 'sup1', 'sup2', 'admin', 'leader', ...DEMO_MANAGERS]);
  ({ ids, names } = users);
});
afterAll(() => stack?.close());

interface Line { customerId: number; customerCode: string; managerId: number; productCode: string; drafted: number; quantity: number }

async function download(path: string, user: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${stack.baseUrl}/api/allocation/cycles/${month}/${path}`, {
    headers: { authorization: `Bearer ${tokens[user]}`, ...headers },
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, json: () => JSON.parse(bytes.toString('utf8')) };
}

async function workbookOf(path: string, user: string, headers: Record<string, string> = {}) {
  const { status, headers: h, bytes } = await download(path, user, headers);
  expect(status, bytes.toString('utf8').slice(0, 300)).toBe(200);
  expect(h.get('content-type')).toContain('spreadsheetml');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return { workbook, disposition: h.get('content-disposition') ?? '' };
}

/** A sheet's rows as arrays of cell values, column 1 first. */
function rowsOf(sheet: ExcelJS.Worksheet | undefined): ExcelJS.CellValue[][] {
  if (!sheet) throw new Error('no such sheet');
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return rows;
}

const fileName = (name: string) => `filename*=UTF-8''${encodeURIComponent(name)}`;

async function linesOf(user: string, query: string): Promise<Line[]> {
  const all: Line[] = [];
  for (let page = 1; ; page++) {
    const { status, body } = await stack.call('GET', `/api/allocation/cycles/${month}/lines?${query}&size=100&page=${page}`, tokens[user]);
    expect(status).toBe(200);
    all.push(...body.items);
    if (body.items.length < 100) return all;
  }
}

describe('月度投放方案 exports: the published plan as xlsx, whole, per manager, per customer, and the summary', () => {
  let adjusted: Line;
  let product: { code: string; name: string; availability: number; drafted: number; allocated: number };

  it('has nothing to export before the plan is published; the dept head may export the draft by version', async () => {
    expect((await download('export', 'head')).status).toBe(404);
    const started = await startAllocationCycle(stack, tokens.head!, month);
    expect(started.status).toBe(201);
    instanceId = started.body.id;
    await awaitReviews(stack, users, instanceId);

    const notYet = await download('export', 'head');
    expect(notYet.status).toBe(404);
    expect(notYet.json().error.message).toBe(`${month} 的投放方案尚未发布`);
    expect((await download('summary.xlsx', 'head')).status).toBe(404);
    expect((await download('export?scope=manager', 'mgr1')).status).toBe(404);
    // The draft, by its version: the dept head and admins only.
    expect((await download('export?version=1&scope=manager', 'mgr1')).status).toBe(403);
    expect((await download('export?version=1', 'sup1')).status).toBe(403);
    const draft = await workbookOf('export?version=1', 'head');
    expect(draft.disposition).toContain(fileName(`月度投放方案-${month}-v1.xlsx`));
    expect((await download('export?version=2', 'head')).status).toBe(404);

    // mgr1 moves two cartons of one product from one customer to another (−2, +1).
    const cycle = (await stack.call('GET', `/api/allocation/cycles/${month}`, tokens.head)).body;
    product = cycle.products.at(-1);
    const big = (await linesOf('mgr1', `product=${product.code}`)).filter((l) => l.drafted >= 10);
    const [a, b] = [big[0]!, big[1]!];
    await publishAllocation(stack, users, instanceId, month, {
      mgr1: [
        { customerId: a.customerId, productCode: a.productCode, quantity: a.drafted - 2 },
        { customerId: b.customerId, productCode: b.productCode, quantity: b.drafted + 1 },
      ],
    });
    adjusted = (await linesOf('head', `customerId=${a.customerId}&product=${a.productCode}`))[0]!;
    expect(adjusted.quantity).toBe(a.drafted - 2);
    product = (await stack.call('GET', `/api/allocation/cycles/${month}`, tokens.head)).body.products.find((p: { code: string }) => p.code === product.code);
  });

  it('exports the whole plan: a row per customer, a column per product, quantities as the lines API has them', async () => {
    const { workbook, disposition } = await workbookOf('export', 'head');
    expect(disposition).toMatch(/^attachment; /);
    expect(disposition).toContain(fileName(`月度投放方案-${month}.xlsx`));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['投放明细', '规格汇总']);
    const rows = rowsOf(workbook.getWorksheet('投放明细'));
    const [codes, productNames] = [rows[0]!, rows[1]!];
    expect(codes.slice(0, 5)).toEqual(['客户编码', '客户名称', '档位', '市场类型', '客户经理']);
    expect(codes).toHaveLength(5 + 30);
    const column = codes.indexOf(product.code);
    expect(productNames[column]).toBe(product.name);
    const sheet = workbook.getWorksheet('投放明细')!;
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 2 });

    const data = rows.slice(2);
    expect(data).toHaveLength(360); // 6 managers × 60 customers
    const row = data.find((r) => r[0] === adjusted.customerCode)!;
    expect(row[column]).toBe(adjusted.quantity);
    expect(typeof row[column]).toBe('number');
    expect(String(row[2])).toMatch(/^D\d+$/);
    expect(['城网', '农网']).toContain(row[3]);
    expect(row[4]).toBe(names.mgr1);
    // The product's column adds up to what the plan allocated.
    expect(data.reduce((s, r) => s + Number(r[column]), 0)).toBe(product.allocated);

    const summary = rowsOf(workbook.getWorksheet('规格汇总'));
    expect(summary[0]).toEqual(['规格编码', '名称', '价类', '可供量', '测算量', '投放量', '调整户数', '投放策略']);
    expect(summary).toHaveLength(31);
    const productRow = summary.find((r) => r[0] === product.code)!;
    expect(productRow.slice(3)).toEqual([product.availability, product.drafted, product.allocated, 2, expect.stringMatching(/^按/)]);
    expect(String(productRow[2])).toMatch(/^[一二三四五]类$/);
  });

  it('speaks English when asked: headers, sheet names, labels and file name', async () => {
    const { workbook, disposition } = await workbookOf('export', 'head', { 'accept-language': 'en' });
    expect(disposition).toContain(`filename="allocation-plan-${month}.xlsx"`);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Allocation', 'By product']);
    const rows = rowsOf(workbook.getWorksheet('Allocation'));
    expect(rows[0]!.slice(0, 5)).toEqual(['Customer code', 'Customer name', 'Tier', 'Market', 'Customer manager']);
    expect(['Urban', 'Rural']).toContain(rows[2]![3]);
    expect(rowsOf(workbook.getWorksheet('By product'))[0]).toEqual(
      ['Product code', 'Name', 'Price class', 'Available', 'Drafted', 'Allocated', 'Customers adjusted', 'Strategy']);
  });

  it('a manager exports exactly their own customers, and nobody else\'s', async () => {
    const own = await linesOf('mgr1', 'x=1');
    const ownCodes = [...new Set(own.map((l) => l.customerCode))].sort();
    const { workbook, disposition } = await workbookOf('export?scope=manager', 'mgr1');
    expect(disposition).toContain(fileName(`月度投放方案-${month}-${names.mgr1}.xlsx`));
    const data = rowsOf(workbook.getWorksheet('投放明细')).slice(2);
    expect(data.map((r) => r[0])).toEqual(ownCodes);
    expect(data.every((r) => r[4] === names.mgr1)).toBe(true);
    // Their 规格汇总 counts their customers only.
    const productRow = rowsOf(workbook.getWorksheet('规格汇总')).find((r) => r[0] === product.code)!;
    expect(productRow[5]).toBe(own.filter((l) => l.productCode === product.code).reduce((s, l) => s + l.quantity, 0));

    expect((await download('export', 'mgr1')).status).toBe(403);
    expect((await download(`export?scope=manager&managerId=${ids.mgr2}`, 'mgr1')).status).toBe(403);
    const theirs = (await linesOf('head', `managerId=${ids.mgr2}&product=${product.code}`))[0]!;
    expect((await download(`export?scope=customer&customerId=${theirs.customerId}`, 'mgr1')).status).toBe(403);
    expect((await download('summary.xlsx', 'mgr1')).status).toBe(403);
    expect((await download('export?scope=everything', 'head')).json().error.details.errors[0].path).toBe('/scope');
    expect((await download('export?scope=customer', 'head')).json().error.details.errors[0].path).toBe('/customerId');
    expect((await download('export?scope=customer&customerId=999999', 'head')).status).toBe(404);
  });

  it('a customer\'s export lists each product of the plan with its quantity', async () => {
    const { workbook, disposition } = await workbookOf(`export?scope=customer&customerId=${adjusted.customerId}`, 'mgr1');
    expect(disposition).toContain(fileName(`月度投放方案-${month}-${adjusted.customerCode}.xlsx`));
    const rows = rowsOf(workbook.getWorksheet('投放明细'));
    expect(rows[0]).toEqual(['客户编码', '客户名称', '档位', '规格编码', '规格名称', '价类', '数量（条）']);
    expect(rows).toHaveLength(31);
    expect(rows.slice(1).every((r) => r[0] === adjusted.customerCode)).toBe(true);
    const row = rows.find((r) => r[3] === product.code)!;
    expect(row.slice(4)).toEqual([product.name, expect.stringMatching(/类$/), adjusted.quantity]);
    const lines = await linesOf('mgr1', `customerId=${adjusted.customerId}`);
    expect(rows.slice(1).reduce((s, r) => s + Number(r[6]), 0)).toBe(lines.reduce((s, l) => s + l.quantity, 0));
  });

  it('a supervisor exports their managers\' customers only', async () => {
    const { workbook } = await workbookOf('export', 'sup1');
    const data = rowsOf(workbook.getWorksheet('投放明细')).slice(2);
    expect(data).toHaveLength(180);
    expect(new Set(data.map((r) => r[4]))).toEqual(new Set([names.mgr1, names.mgr2, names.mgr3]));
    expect((await download(`export?scope=manager&managerId=${ids.mgr4}`, 'sup1')).status).toBe(403);
    expect((await workbookOf(`export?scope=manager&managerId=${ids.mgr4}`, 'leader')).workbook.worksheets).toHaveLength(2);
  });

  it('the summary: planned vs availability per product and each manager\'s part', async () => {
    const { workbook, disposition } = await workbookOf('summary.xlsx', 'sup2');
    expect(disposition).toContain(fileName(`投放总结-${month}.xlsx`));
    // No month-end sheet while the month runs.
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['概况', '规格投放', '客户经理']);
    const overview = new Map(rowsOf(workbook.getWorksheet('概况')).map((r) => [r[0], r[1]]));
    expect(overview.get('月份')).toBe(month);
    expect(overview.get('状态')).toBe('已发布');
    expect(overview.get('客户数')).toBe(360);
    const products = rowsOf(workbook.getWorksheet('规格投放'));
    expect(products[0]).toEqual(['规格编码', '名称', '价类', '可供量', '测算量', '投放量', '结余', '投放率', '调整户数', '投放策略']);
    const row = products.find((r) => r[0] === product.code)!;
    expect(row.slice(3, 7)).toEqual([product.availability, product.drafted, product.allocated, product.availability - product.allocated]);
    expect(row[7]).toBeCloseTo(product.allocated / product.availability, 6);
    const managers = rowsOf(workbook.getWorksheet('客户经理'));
    expect(managers).toHaveLength(7);
    const mgr1 = managers.find((r) => r[0] === names.mgr1)!;
    expect(mgr1.slice(1, 9)).toEqual([names.sup1, 60, expect.any(Number), expect.any(Number), 2, 2, '已审核', 1]);
    expect(mgr1[3]! as number - (mgr1[4] as number)).toBe(1);
    expect(mgr1[9]).toBeInstanceOf(Date);

    const english = await workbookOf('summary.xlsx', 'head', { 'accept-language': 'en' });
    expect(english.workbook.worksheets.map((s) => s.name)).toEqual(['Overview', 'Products', 'Managers']);
    expect(rowsOf(english.workbook.getWorksheet('Managers'))[0]!.slice(0, 3)).toEqual(['Customer manager', 'Approver', 'Customers']);
  });

  it('once the month is closed, the summary has the month end and each market report on time', async () => {
    const report = { overview: '本月市场总体平稳，高档烟动销加快。', suggestions: '适当增加二类烟投放' };
    for (const m of DEMO_MANAGERS) await act(stack, tokens[m]!, instanceId, `market-report-${ids[m]}`, { data: report });
    expect((await finished(stack, tokens.head!, instanceId)).status).toBe('completed');

    const { workbook } = await workbookOf('summary.xlsx', 'head');
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['概况', '规格投放', '客户经理', '月末总结', '市场报告']);
    const monthEnd = new Map(rowsOf(workbook.getWorksheet('月末总结')).map((r) => [r[0], r[1]]));
    expect([monthEnd.get('市场报告应交'), monthEnd.get('按时提交'), monthEnd.get('逾期提交'), monthEnd.get('未提交')]).toEqual([6, 6, 0, 0]);
    expect(monthEnd.get('调整行数')).toBe(2);
    const reports = rowsOf(workbook.getWorksheet('市场报告'));
    expect(reports[0]).toEqual(['客户经理', '截止时间', '提交时间', '结果']);
    expect(reports.slice(1).map((r) => r[0]).sort()).toEqual(DEMO_MANAGERS.map((m) => names[m]).sort());
    expect(reports.slice(1).every((r) => r[3] === '按时' && r[1] instanceof Date && r[2] instanceof Date)).toBe(true);
    // The closed month's plan still exports.
    expect((await download('export?scope=manager', 'mgr2')).status).toBe(200);
  });
});
