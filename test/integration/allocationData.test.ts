import { request as httpRequest } from 'node:http';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tierCounts, tiersForMonth } from '../../activities/allocationTiers.js';
import { chinaDate, nextAllocationMonth } from '../../domain/chinaTime.js';
import { IMPORT_MAX_BYTES } from '../../api/http/spreadsheetImport.js';
import { DEMO_PRODUCTS } from '../../db/demoAllocationSeed.js';
import { AuditEventSchema, CustomerSchema, ProductAvailabilitySchema, ProductSchema } from '../../db/entities/index.js';
import { demoUsers } from '../support/demoUsers.js';
import { startStack, type TestStack } from '../support/stack.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV = 'text/csv';

let stack: TestStack;
let tokens: Record<string, string>;

beforeAll(async () => {
  stack = await startStack();
  tokens = await (await demoUsers(stack)).tokens(['admin', 'head', 'leader', 'sup1', 'mgr1', 'safety']);
});
afterAll(() => stack?.close());

/** POSTs `bytes` as the raw body of type `type`. */
async function send(path: string, user: string, type: string | undefined, bytes: Buffer | string, headers: Record<string, string> = {}) {
  const response = await fetch(stack.baseUrl + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens[user]}`, ...(type ? { 'content-type': type } : {}), ...headers },
    body: typeof bytes === 'string' ? bytes : new Uint8Array(bytes),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

/** An xlsx workbook of `rows` (the first row is the header) on its first sheet. */
async function xlsx(rows: (string | number | null)[][], title?: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('规格');
  if (title) sheet.addRow([title]);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** UTF-8 CSV with a BOM and CRLF line ends, as Excel's "CSV UTF-8" saves it. */
const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');

const productCount = () => stack.orm.em.fork().count(ProductSchema, {});
const availabilityCount = (month?: string) => stack.orm.em.fork().count(ProductAvailabilitySchema, month ? { month } : {});
const product = (code: string) => stack.orm.em.fork().findOne(ProductSchema, { code });
const paths = (body: { errors: { path: string }[] }) => body.errors.map((e) => e.path);
const thisMonth = () => chinaDate(new Date()).slice(0, 7);

describe('demo data', () => {
  it('has the product list and this and next month\'s availability', async () => {
    const list = await stack.call('GET', '/api/products?size=100', tokens.mgr1);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(DEMO_PRODUCTS.length);
    expect(new Set(list.body.items.map((p: { priceClass: number }) => p.priceClass))).toEqual(new Set([1, 2, 3, 4, 5]));
    const now = await stack.call('GET', '/api/allocation/availability', tokens.head);
    expect(now.status).toBe(200);
    expect(now.body.month).toBe(thisMonth());
    expect(now.body.items).toHaveLength(DEMO_PRODUCTS.length);
    expect(now.body.totalCartons).toBe(DEMO_PRODUCTS.reduce((s, p) => s + p.cartons, 0));
    const next = await stack.call('GET', `/api/allocation/availability?month=${nextAllocationMonth(new Date()).slice(0, 7)}`, tokens.sup1);
    expect(next.body.items).toHaveLength(DEMO_PRODUCTS.length);
  });
});

describe('product import', () => {
  it('creates products from an xlsx with English headers, then updates them by code', async () => {
    const before = await productCount();
    const file = await xlsx([
      ['code', 'name', 'brand', 'priceClass', 'price'],
      [7701001, '测试(硬红)', '测试', 1, 312.5],
      ['7701002', '测试(软蓝)', '测试', '二类', '128.00'],
      ['7701003', '测试(细支)', '测试', 5, 19.8],
    ], '2026年规格目录');
    const first = await send('/api/products/import', 'admin', XLSX, file);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ imported: 3, created: 3, updated: 0 });
    expect(await productCount()).toBe(before + 3);
    expect(await product('7701001')).toMatchObject({ name: '测试(硬红)', brand: '测试', priceClass: 1, price: '312.50', active: true });
    expect(await product('7701003')).toMatchObject({ priceClass: 5, price: '19.80' });

    const again = await send('/api/products/import', 'head', XLSX, await xlsx([
      ['code', 'name', 'brand', 'priceClass', 'price', 'active'],
      ['7701001', '测试(硬红)', '测试', 2, 298, '否'],
      ['7701004', '测试(新品)', '测试', 3, 88.6, ''],
    ]));
    expect(again.body).toEqual({ imported: 2, created: 1, updated: 1 });
    expect(await product('7701001')).toMatchObject({ priceClass: 2, price: '298.00', active: false });
    expect(await productCount()).toBe(before + 4);

    const found = await stack.call('GET', '/api/products?q=测试&priceClass=2', tokens.sup1);
    expect(found.body.items.map((p: { code: string }) => p.code)).toEqual(['7701001', '7701002']);
    expect(found.body.items[0]).toMatchObject({ priceClassLabel: '二类', price: 298, active: false });
    const audits = await stack.orm.em.fork().find(AuditEventSchema, { type: 'products.imported' }, { orderBy: { id: 'asc' } });
    expect(audits.map((a) => a.data)).toEqual([
      { format: 'xlsx', imported: 3, created: 3, updated: 0 }, { format: 'xlsx', imported: 2, created: 1, updated: 1 },
    ]);
  });

  it('reads a UTF-8 csv with a BOM, Chinese headers with units, 一类 labels and quoted fields', async () => {
    const answer = await send('/api/products/import', 'admin', 'text/csv; charset=utf-8', csv([
      '规格编码,规格名称,品牌,价类,批发价（元/条）,备注',
      '7702001,"山川(硬,红)",山川,一类,"1,060.00",新品',
      '7702002,山川(软),山川,三类,95.4,',
      ',,,,,',
      '7702003,"山川 ""经典""",山川,五,20,',
    ]));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ imported: 3, created: 3, updated: 0 });
    expect(await product('7702001')).toMatchObject({ name: '山川(硬,红)', priceClass: 1, price: '1060.00' });
    expect(await product('7702003')).toMatchObject({ name: '山川 "经典"', priceClass: 5 });
  });

  it('refuses a file with a NUL character at its row (a 500 before), storing nothing', async () => {
    const before = await productCount();
    const answer = await send('/api/products/import', 'admin', CSV, csv(['规格编码,规格名称,品牌,价类,批发价', '7709001,好\u0000(一),好,一类,100']));
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([{ path: '/rows/2', message: expect.stringContaining('U+0000') }]);
    expect(await productCount()).toBe(before);
  });

  it('refuses a file with bad rows as a whole, naming each bad row and column', async () => {
    const before = await productCount();
    const answer = await send('/api/products/import', 'admin', CSV, csv([
      '规格编码,规格名称,品牌,价类,批发价',
      '7703001,好(一),好,一类,100',
      '7703002,好(二),好,六类,100',
      '7703003,好(三),好,2,-5',
      '7703001,好(四),好,3,50',
      '7703005,,好,4,30.123',
      '7703006,好(六),好,5,20',
    ]));
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('invalid_input');
    expect(paths(answer.body)).toEqual(['/rows/3/priceClass', '/rows/4/price', '/rows/5/code', '/rows/6/name', '/rows/6/price']);
    expect(answer.body.errors[0].message).toBe('第 3 行：价类应为 1–5 或 一类…五类');
    expect(answer.body.errors[2].message).toBe('第 5 行：规格编码与第 2 行重复');
    expect(await productCount()).toBe(before);
    expect(await product('7703001')).toBeNull();

    const en = await send('/api/products/import', 'admin', CSV, csv(['code,name,brand,priceClass,price', 'x y,a,b,1,10']), { 'accept-language': 'en' });
    expect(en.body.errors).toEqual([{ path: '/rows/2/code', message: 'Row 2: Code must be 1–32 letters, digits, dots, dashes or underscores' }]);
  });

  it('names a bad row of an xlsx by its row number in the sheet', async () => {
    const before = await productCount();
    const answer = await send('/api/products/import', 'admin', XLSX, await xlsx([
      ['规格编码', '规格名称', '品牌', '价类', '批发价'],
      ['7704001', '甲', '甲', 1, 100],
      ['7704002', '乙', '乙', 7, 100],
    ], '标题行'));
    expect(answer.status).toBe(422);
    expect(paths(answer.body)).toEqual(['/rows/4/priceClass']);
    expect(await productCount()).toBe(before);
  });

  it('422 at /columns/<name> for each required column missing, and for an empty list', async () => {
    const answer = await send('/api/products/import', 'admin', CSV, csv(['规格编码,规格名称,批发价', '7705001,甲,10']));
    expect(answer.status).toBe(422);
    expect(paths(answer.body)).toEqual(['/columns/brand', '/columns/priceClass']);
    expect(answer.body.errors[1].message).toBe('缺少必填列“价类”（priceClass）');
    const twice = await send('/api/products/import', 'admin', CSV, csv(['code,规格编码,name,brand,priceClass,price', '1,1,a,b,1,1']));
    expect(paths(twice.body)).toEqual(['/columns/code']);
    const empty = await send('/api/products/import', 'admin', CSV, csv(['code,name,brand,priceClass,price']));
    expect(paths(empty.body)).toEqual(['/rows']);
  });

  it('422 for a csv that is not UTF-8 (GBK, as Excel\'s plain CSV saves Chinese)', async () => {
    const gbk = Buffer.from([0xb9, 0xe6, 0xb8, 0xf1, 0xb1, 0xe0, 0xc2, 0xeb, 0x0d, 0x0a]); // 规格编码
    const answer = await send('/api/products/import', 'admin', CSV, gbk);
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0].message).toContain('UTF-8');
  });
});

describe('availability import', () => {
  it('stores a month\'s availability and reads it back; a second file replaces only the products it lists', async () => {
    const [a, b, c] = DEMO_PRODUCTS.map((p) => p.code);
    const first = await send('/api/allocation/availability/import?month=2030-01', 'head', CSV, csv([
      '规格编码,规格名称,可供量（条）', `${a},x,1200`, `${b},y,"2,500"`, `${c},z,0`,
    ]));
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ month: '2030-01', imported: 3, created: 3, updated: 0 });

    const second = await send('/api/allocation/availability/import?month=2030-01', 'admin', XLSX, await xlsx([
      ['code', 'cartons'], [Number(b), 2600], [DEMO_PRODUCTS[3]!.code, 80],
    ]));
    expect(second.body).toEqual({ month: '2030-01', imported: 2, created: 1, updated: 1 });

    const read = await stack.call('GET', '/api/allocation/availability?month=2030-01', tokens.leader);
    expect(read.status).toBe(200);
    expect(read.body.items.map((i: { code: string; cartons: number }) => [i.code, i.cartons])).toEqual([
      [a, 1200], [b, 2600], [c, 0], [DEMO_PRODUCTS[3]!.code, 80],
    ]);
    expect(read.body.items[1]).toMatchObject({ name: DEMO_PRODUCTS[1]!.name, priceClass: 1, priceClassLabel: '一类', importedBy: { name: '系统管理员' } });
    expect(read.body.totalCartons).toBe(1200 + 2600 + 80);
    expect(await availabilityCount('2030-02-01')).toBe(0);
  });

  it('refuses unknown or inactive codes, repeated codes and quantities that are not whole cartons ≥ 0; nothing stored', async () => {
    await send('/api/products/import', 'admin', CSV, csv(['code,name,brand,priceClass,price,active', '7706001,停(一),停,1,100,否']));
    const before = await availabilityCount();
    const [a, b] = DEMO_PRODUCTS.map((p) => p.code);
    const answer = await send('/api/allocation/availability/import?month=2030-03', 'admin', CSV, csv([
      'code,cartons', `${a},100`, 'NOPE,5', `${b},-3`, `${b},1.5`, `${a},7`, '7706001,10', ',20', `${DEMO_PRODUCTS[2]!.code},`,
    ]), { 'accept-language': 'en' });
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([
      { path: '/rows/3/code', message: 'Row 3: Code "NOPE" is not in the product list' },
      { path: '/rows/4/cartons', message: 'Row 4: Cartons must be a whole number of cartons from 0 to 10000000' },
      { path: '/rows/5/code', message: 'Row 5: Code is the same as in row 4' },
      { path: '/rows/5/cartons', message: 'Row 5: Cartons must be a whole number of cartons from 0 to 10000000' },
      { path: '/rows/6/code', message: 'Row 6: Code is the same as in row 2' },
      { path: '/rows/7/code', message: 'Row 7: Code "7706001" is no longer active' },
      { path: '/rows/8/code', message: 'Row 8: Code is required' },
      { path: '/rows/9/cartons', message: 'Row 9: Cartons is required' },
    ]);
    expect(await availabilityCount()).toBe(before);
  });

  it('needs a month: 422 at /month', async () => {
    for (const month of ['', '2030-13', '2030-1', '2030-01-01', 'next']) {
      const answer = await send(`/api/allocation/availability/import?month=${month}`, 'admin', CSV, csv(['code,cartons', `${DEMO_PRODUCTS[0]!.code},1`]));
      expect(answer.status).toBe(422);
      expect(paths(answer.body)).toEqual(['/month']);
    }
    expect((await stack.call('GET', '/api/allocation/availability?month=x', tokens.head)).status).toBe(422);
  });
});

describe('who may import and read', () => {
  it('403 for a customer manager or a supervisor importing, and for a customer manager reading availability', async () => {
    const file = csv(['code,name,brand,priceClass,price', '7707001,a,b,1,10']);
    expect((await send('/api/products/import', 'mgr1', CSV, file)).status).toBe(403);
    expect((await send('/api/products/import', 'sup1', CSV, file)).status).toBe(403);
    expect((await send('/api/allocation/availability/import?month=2030-01', 'mgr1', CSV, csv(['code,cartons']))).status).toBe(403);
    expect((await stack.call('GET', '/api/allocation/availability', tokens.mgr1)).status).toBe(403);
    expect((await stack.call('GET', '/api/allocation/availability', tokens.safety)).status).toBe(403);
    expect(await product('7707001')).toBeNull();
  });
});

describe('what the upload may be', () => {
  it('413 over the size limit, nothing stored', async () => {
    const before = await productCount();
    const big = Buffer.concat([csv(['code,name,brand,priceClass,price', '7708001,a,b,1,10']), Buffer.alloc(IMPORT_MAX_BYTES, 0x20)]);
    const answer = await send('/api/products/import', 'admin', CSV, big);
    expect(answer.status).toBe(413);
    expect(answer.body.error.code).toBe('entity_too_large');
    expect(await productCount()).toBe(before);
  });

  it('413 for a streamed body without a Content-Length, once it passes the limit; the server answers the next request', async () => {
    // node:http, not fetch: the server answers and closes while the body is still being written, and the
    // answer must be read even though the rest of the body then cannot be sent (EPIPE on the request).
    const chunk = Buffer.from(`${'7708002,a,b,1,10\n'.repeat(4096)}`);
    const response = await new Promise<{ status: number; headers: { get(name: string): string | null } }>((resolve, reject) => {
      const url = new URL(`${stack.baseUrl}/api/products/import`);
      const request = httpRequest({
        host: url.hostname, port: url.port, path: url.pathname, method: 'POST',
        headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': CSV, 'transfer-encoding': 'chunked' },
      }, (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, headers: { get: (name) => (res.headers[name] as string | undefined) ?? null } });
      });
      let answered = false;
      request.on('response', () => { answered = true; });
      request.on('error', (err) => { if (!answered) reject(err); });
      request.write('code,name,brand,priceClass,price\n');
      let sent = 0;
      const pump = () => {
        while (!answered && sent <= 4 * IMPORT_MAX_BYTES) {
          sent += chunk.length;
          if (!request.write(chunk)) return void request.once('drain', pump);
        }
        request.end();
      };
      pump();
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
    expect((await stack.call('GET', '/api/products?q=7708002', tokens.admin)).body.total).toBe(0);
  });

  it('415 for another type, no type, or an "xlsx" that is not one', async () => {
    const file = csv(['code,name,brand,priceClass,price', '7709001,a,b,1,10']);
    for (const [type, body] of [['text/plain', file], ['application/vnd.ms-excel', file], [undefined, file], ['application/json', '{}']] as const) {
      const answer = await send('/api/products/import', 'admin', type, body);
      expect(answer.status).toBe(415);
      expect(answer.body.error.details.allowed).toEqual([XLSX, CSV]);
    }
    expect((await send('/api/products/import', 'admin', XLSX, file)).status).toBe(415);
    expect((await send('/api/products/import', 'admin', XLSX, Buffer.from('PK\u0003\u0004 not really a zip'))).status).toBe(415);
    expect(await product('7709001')).toBeNull();
  });
});

describe('tiers effective for a month', () => {
  it('a regrade approved in a month counts from the next month, not in it', async () => {
    const em = stack.orm.em.fork();
    const [regraded, twice, untouched] = await em.find(CustomerSchema, {}, { orderBy: { id: 'asc' }, limit: 3 });
    const knex = em.getKnex();
    // As approveRegrade leaves it: the history row effective next month, and customers.tier already the new tier.
    const change = async (customer: typeof regraded, from: number, to: number, effectiveFrom: string, changedAt: string) => {
      await knex('customer_tier_history').insert({ customer_id: customer!.id, from_tier: from, to_tier: to, effective_from: effectiveFrom, changed_at: changedAt });
      await knex('customers').where({ id: customer!.id }).update({ tier: to });
    };
    const start = { regraded: regraded!.tier, twice: twice!.tier };
    const up = (tier: number) => (tier % 30) + 1;
    // Approved in May 2031 (effective June); the second customer again in June (effective July).
    await change(regraded, start.regraded, up(start.regraded), '2031-06-01', '2031-05-20T03:00:00Z');
    await change(twice, start.twice, up(start.twice), '2031-06-01', '2031-05-21T03:00:00Z');
    await change(twice, up(start.twice), up(up(start.twice)), '2031-07-01', '2031-06-10T03:00:00Z');

    const tierIn = async (month: string) => {
      const tiers = await tiersForMonth(stack.orm.em.fork(), month);
      const of = (id: number) => tiers.find((t) => t.customerId === id)!.tier;
      return { regraded: of(regraded!.id), twice: of(twice!.id), untouched: of(untouched!.id), all: tiers };
    };
    const may = await tierIn('2031-05');
    expect([may.regraded, may.twice, may.untouched]).toEqual([start.regraded, start.twice, untouched!.tier]);
    const june = await tierIn('2031-06-01');
    expect([june.regraded, june.twice]).toEqual([up(start.regraded), up(start.twice)]);
    const july = await tierIn('2031-07');
    expect([july.regraded, july.twice]).toEqual([up(start.regraded), up(up(start.twice))]);
    expect(may.all).toHaveLength(await em.count(CustomerSchema, {}));

    // Counts per market: from May to June the regraded customer moves up one tier in its market, nothing else changes.
    const [mayCounts, juneCounts] = [tierCounts(may.all.filter((t) => t.customerId !== twice!.id)), tierCounts(june.all.filter((t) => t.customerId !== twice!.id))];
    const market = regraded!.marketType;
    expect(mayCounts[market][start.regraded - 1]! - juneCounts[market][start.regraded - 1]!).toBe(1);
    expect(juneCounts[market][up(start.regraded) - 1]! - mayCounts[market][up(start.regraded) - 1]!).toBe(1);
    const sum = (counts: Record<string, number[]>) => Object.values(counts).flat().reduce((s, n) => s + n, 0);
    expect(sum(juneCounts)).toBe(sum(mayCounts));
    await expect(tiersForMonth(em, '2031-13')).rejects.toThrow(RangeError);
  });
});
