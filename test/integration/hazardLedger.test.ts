import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../domain/chinaTime.js';
import { demoUsers } from '../support/demoUsers.js';
import { startStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let tokens: Record<string, string>;
let userIds: Record<string, number>;
let userNames: Record<string, string>;

const DAY_MS = 24 * 3600_000;
/** The China date `days` from today's. */
const chinaDay = (days: number) => chinaDate(Date.now() + days * DAY_MS);
/** An instant given as China wall time, e.g. `2026-03-01 00:30`. */
const cst = (wallTime: string) => new Date(`${wallTime.replace(' ', 'T')}:00+08:00`);

/** One ledger row as a test builds it; people by username. */
interface HazardCase {
  code: string;
  reportedBy: string;
  reportedAt: Date;
  place?: string;
  category?: string;
  suspectedLevel?: string;
  level?: string | null;
  status: string;
  responsible?: string;
  deadline?: string;
  measures?: string;
  funds?: number;
  rounds?: number;
  rectifiedAt?: Date;
  overdueDays?: number;
  escalatedAt?: Date;
  verifiedBy?: string;
  closedAt?: Date;
  result?: string;
}

const INSTANCE_STATUS: Record<string, string> = { closed: 'completed', dismissed: 'rejected', cancelled: 'cancelled' };
const instanceIds: Record<string, string> = {};

/** A process instance and its ledger row, written directly (the ledger only reads them). */
async function addHazard(c: HazardCase): Promise<void> {
  const knex = stack.orm.em.fork().getKnex();
  const id = randomUUID();
  instanceIds[c.code] = id;
  const place = c.place ?? '营销部办公楼';
  await knex.transaction(async (trx) => {
    await trx('process_instances').insert({
      id, process_key: 'hazard', business_key: `hazard:${c.code}`, title: `${c.code} ${place}`,
      status: INSTANCE_STATUS[c.status] ?? 'running', started_by: userIds[c.reportedBy], start_request_id: randomUUID(),
      summary: JSON.stringify({ code: c.code }), started_at: c.reportedAt,
    });
    await trx('hazards').insert({
      instance_id: id, code: c.code, reported_by: userIds[c.reportedBy], reported_at: c.reportedAt, place,
      category: c.category ?? 'fire', description: '灭火器过期，消防通道堆放杂物', suspected_level: c.suspectedLevel ?? c.level ?? 'general',
      level: c.level ?? null, status: c.status, responsible_id: c.responsible ? userIds[c.responsible] : null, deadline: c.deadline ?? null,
      measures: c.measures ?? null, funds: c.funds ?? null, rounds: c.rounds ?? 0, rectified_at: c.rectifiedAt ?? null,
      overdue_days: c.overdueDays ?? 0, escalated_at: c.escalatedAt ?? null, verified_by: c.verifiedBy ? userIds[c.verifiedBy] : null,
      closed_at: c.closedAt ?? null, result: c.result ?? null,
    });
  });
}

/** The 2025 set the statistics are checked against (reported and closed times are China wall times). */
const STATS_SET: HazardCase[] = [
  // January: three reported (one at 07:00 on 1 January China time, still 2024 in UTC), two closed on time.
  { code: 'YH202501-0001', reportedBy: 'safety', reportedAt: cst('2025-01-10 10:00'), level: 'general', status: 'closed',
    responsible: 'mgr1', deadline: '2025-01-20', rounds: 1, verifiedBy: 'safety', closedAt: cst('2025-01-15 10:00') },
  { code: 'YH202501-0002', reportedBy: 'mgr1', reportedAt: cst('2025-01-20 08:00'), level: 'major', status: 'closed',
    responsible: 'mgr2', deadline: '2025-01-30', rounds: 2, overdueDays: 2, verifiedBy: 'safety', closedAt: cst('2025-02-03 20:00') },
  { code: 'YH202501-0003', reportedBy: 'mgr2', reportedAt: cst('2025-01-01 07:00'), level: 'general', status: 'closed',
    responsible: 'mgr2', deadline: '2025-01-05', rounds: 1, verifiedBy: 'safety', closedAt: cst('2025-01-02 07:00') },
  // February: a dismissed report.
  { code: 'YH202502-0004', reportedBy: 'mgr3', reportedAt: cst('2025-02-05 09:00'), suspectedLevel: 'general', status: 'dismissed',
    result: '经核实不构成隐患' },
  // April in China (still 31 March in UTC); open and long overdue.
  { code: 'YH202504-0005', reportedBy: 'safety', reportedAt: cst('2025-04-01 07:00'), level: 'general', status: 'rectifying',
    responsible: 'mgr3', deadline: '2025-05-01', rounds: 1 },
  // 2026 in China, 2025 in UTC: not in 2025's figures.
  { code: 'YH202601-0006', reportedBy: 'safety', reportedAt: cst('2026-01-01 00:30'), suspectedLevel: 'major', status: 'assessing' },
];

/** The 2026 set the list, filters and exports are checked against (deadlines relative to today). */
function listSet(): HazardCase[] {
  return [
    { code: 'YH202603-0101', reportedBy: 'mgr5', reportedAt: cst('2026-03-01 00:30'), place: '城东仓库, "东区"', level: 'major',
      status: 'rectifying', responsible: 'mgr2', deadline: chinaDay(-5), measures: '更换全部过期灭火器', funds: 5000.5, rounds: 1,
      escalatedAt: new Date(Date.now() - 4 * DAY_MS) },
    { code: 'YH202603-0102', reportedBy: 'safety', reportedAt: cst('2026-03-01 23:30'), place: '配电房', category: 'electrical',
      level: 'general', status: 'verifying', responsible: 'mgr3', deadline: chinaDay(-1), measures: '=SUM(A1:A2)', rounds: 1,
      rectifiedAt: new Date(Date.now() - 2 * DAY_MS) },
    { code: 'YH202603-0103', reportedBy: 'safety', reportedAt: cst('2026-03-02 00:10'), place: '城西仓库', level: 'general',
      status: 'rectifying', responsible: 'mgr2', deadline: chinaDay(0), measures: '清理通道', rounds: 1 },
    { code: 'YH202604-0104', reportedBy: 'safety', reportedAt: cst('2026-04-10 10:00'), place: '车库', category: 'traffic',
      level: 'general', status: 'rectifying', responsible: 'mgr3', deadline: chinaDay(10), rounds: 2 },
    { code: 'YH202605-0105', reportedBy: 'mgr4', reportedAt: cst('2026-05-10 10:00'), place: '档案室', level: 'major',
      status: 'sign_off', responsible: 'mgr1', deadline: chinaDay(30), measures: '改造消防喷淋', funds: 120000 },
    { code: 'YH202601-0106', reportedBy: 'safety', reportedAt: cst('2026-01-05 10:00'), place: '城南仓库', level: 'general',
      status: 'closed', responsible: 'mgr1', deadline: '2026-02-01', rounds: 1, overdueDays: 3, rectifiedAt: cst('2026-02-04 16:00'),
      verifiedBy: 'safety', closedAt: cst('2026-02-06 09:15'), result: '-整改到位' },
    { code: 'YH202601-0107', reportedBy: 'safety', reportedAt: cst('2026-01-06 10:00'), place: '营业厅', level: 'general',
      status: 'closed', responsible: 'mgr1', deadline: '2026-02-10', rounds: 1, rectifiedAt: cst('2026-02-08 16:00'),
      verifiedBy: 'safety', closedAt: cst('2026-02-09 09:00'), result: '验收通过' },
    { code: 'YH202602-0108', reportedBy: 'mgr6', reportedAt: cst('2026-02-15 10:00'), place: '食堂', status: 'dismissed',
      result: '不构成隐患' },
    { code: 'YH202606-0109', reportedBy: 'mgr6', reportedAt: cst('2026-06-01 10:00'), place: '仓库_50%区', status: 'assessing' },
    { code: 'YH202606-0110', reportedBy: 'mgr6', reportedAt: cst('2026-06-02 10:00'), place: '城北仓库', level: 'general',
      status: 'cancelled', responsible: 'mgr1', deadline: chinaDay(-20) },
  ];
}

const codes = (body: { items: { code: string }[] }) => body.items.map((h) => h.code);
const sorted = (list: string[]) => [...list].sort();
const paths = (body: { errors: { path: string }[] }) => body.errors.map((e) => e.path);

async function ledger(query = '', user = 'safety', headers: Record<string, string> = {}) {
  return stack.call('GET', `/api/hazards${query ? `?${query}` : ''}`, tokens[user], undefined, headers);
}

/** Every code of the ledger under `query` (all pages). */
async function allCodes(query = ''): Promise<string[]> {
  const { status, body } = await ledger(`${query}&size=100`);
  expect(status).toBe(200);
  expect(body.total).toBeLessThanOrEqual(100);
  return codes(body);
}

/** A download: status, headers and the bytes. */
async function download(query: string, user = 'safety', headers: Record<string, string> = {}) {
  const response = await fetch(`${stack.baseUrl}/api/hazards?${query}`, { headers: { authorization: `Bearer ${tokens[user]}`, ...headers } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

beforeAll(async () => {
  stack = await startStack();
  const users = await demoUsers(stack);
  ({ ids: userIds, names: userNames } = users);
  tokens = await users.tokens(['safety', 'leader', 'head', 'admin', 'mgr1', 'mgr4', 'sup1', 'sup2']);
  for (const c of [...STATS_SET, ...listSet()]) await addHazard(c);
});
afterAll(() => stack?.close());

describe('the hazard ledger', () => {
  it('lists every hazard with its ledger fields, people by name', async () => {
    const { status, body } = await ledger('size=5');
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 16, page: 1, size: 5 });
    expect(body.items).toHaveLength(5);
    const all = (await ledger('size=100')).body.items as Record<string, unknown>[];
    const first = all.find((h) => h.code === 'YH202603-0101')!;
    expect(first).toEqual({
      code: 'YH202603-0101', instanceId: instanceIds['YH202603-0101'], reportedAt: '2026-02-28T16:30:00.000Z',
      reportedBy: { id: userIds.mgr5, name: userNames.mgr5 }, place: '城东仓库, "东区"', category: 'fire',
      description: '灭火器过期，消防通道堆放杂物', suspectedLevel: 'major', level: 'major', status: 'rectifying',
      responsible: { id: userIds.mgr2, name: userNames.mgr2 }, deadline: chinaDay(-5), measures: '更换全部过期灭火器', funds: 5000.5,
      rounds: 1, rectifiedAt: null, overdueDays: 5, escalatedAt: expect.any(String), verifiedBy: null, closedAt: null, result: null,
    });
    const closedLate = all.find((h) => h.code === 'YH202601-0106')!;
    expect(closedLate).toMatchObject({ overdueDays: 3, verifiedBy: { id: userIds.safety, name: '赵安全员' }, closedAt: '2026-02-06T01:15:00.000Z' });
    // Open and past the deadline: days as of today, whatever was recorded; a cancelled one keeps what it had.
    expect(all.find((h) => h.code === 'YH202504-0005')!.overdueDays).toBe(Date.parse(chinaDay(0)) / DAY_MS - Date.parse('2025-05-01') / DAY_MS);
    expect(all.find((h) => h.code === 'YH202606-0110')!.overdueDays).toBe(0);
    expect(all.find((h) => h.code === 'YH202603-0103')!.overdueDays).toBe(0);
  });

  it('sorts overdue first, then by deadline (none last), then newest', async () => {
    const items = (await ledger('size=100')).body.items as { code: string; deadline: string | null; reportedAt: string }[];
    expect(items.slice(0, 3).map((h) => h.code)).toEqual(['YH202504-0005', 'YH202603-0101', 'YH202603-0102']);
    const rest = items.slice(3);
    const dated = rest.filter((h) => h.deadline !== null);
    expect(rest.slice(0, dated.length)).toEqual(dated);
    expect(dated.map((h) => h.deadline)).toEqual([...dated.map((h) => h.deadline!)].sort());
    const undated = rest.slice(dated.length).map((h) => h.reportedAt);
    expect(undated).toEqual([...undated].sort().reverse());
    // Other sorts, and paging keeps the order.
    expect((await allCodes('sort=-reported'))[0]).toBe('YH202606-0110');
    expect((await allCodes('sort=reported'))[0]).toBe('YH202501-0003');
    expect((await allCodes('sort=-overdueDays'))[0]).toBe('YH202504-0005');
    const pages = [...codes((await ledger('size=7&page=1')).body), ...codes((await ledger('size=7&page=2')).body),
      ...codes((await ledger('size=7&page=3')).body)];
    expect(pages).toEqual(items.map((h) => h.code));
  });

  it('filters by level, status, place, responsible person, overdue and reporting period (China dates)', async () => {
    expect(sorted(await allCodes('level=major'))).toEqual(['YH202501-0002', 'YH202603-0101', 'YH202605-0105']);
    expect(sorted(await allCodes('status=dismissed,assessing'))).toEqual(['YH202502-0004', 'YH202601-0006', 'YH202602-0108', 'YH202606-0109']);
    expect(sorted(await allCodes('place=仓库'))).toEqual(['YH202601-0106', 'YH202603-0101', 'YH202603-0103', 'YH202606-0109', 'YH202606-0110']);
    // LIKE wildcards match themselves.
    expect(await allCodes(`place=${encodeURIComponent('_50%')}`)).toEqual(['YH202606-0109']);
    expect(await allCodes(`place=${encodeURIComponent('%')}`)).toEqual(['YH202606-0109']);
    expect(sorted(await allCodes(`responsible=${userIds.mgr2}`))).toEqual(['YH202501-0002', 'YH202501-0003', 'YH202603-0101', 'YH202603-0103']);
    // Open past the deadline (not one due today, not a cancelled one), or closed after a late rectification.
    expect(sorted(await allCodes('overdue=true'))).toEqual(['YH202501-0002', 'YH202504-0005', 'YH202601-0106', 'YH202603-0101', 'YH202603-0102']);
    expect(await allCodes('overdue=false')).toHaveLength(16);
    expect(sorted(await allCodes('overdue=true&level=major&status=rectifying'))).toEqual(['YH202603-0101']);
    // 00:30 and 23:30 on 1 March China time are in; 00:10 on 2 March (1 March in UTC) is not.
    expect(sorted(await allCodes('from=2026-03-01&to=2026-03-01'))).toEqual(['YH202603-0101', 'YH202603-0102']);
    expect(sorted(await allCodes('from=2026-01-01&to=2026-01-01'))).toEqual(['YH202601-0006']);
    expect(await allCodes('from=2025-01-01&to=2025-12-31')).toHaveLength(5);
    expect(await allCodes('from=2026-06-02')).toEqual(['YH202606-0110']);
  });

  it('refuses bad filter values with 422 naming each parameter, in the caller\'s language', async () => {
    const bad = await ledger('level=critical&status=closed,open&responsible=abc&overdue=yes&from=2026-02-30&to=x&sort=due&format=pdf');
    expect(bad.status).toBe(422);
    expect(paths(bad.body)).toEqual(['/level', '/status', '/responsible', '/overdue', '/from', '/to', '/sort', '/format']);
    expect(bad.body.errors[0].message).toBe('取值只能是：general、major');
    const english = await ledger('responsible=0&from=2026-13-01', 'safety', { 'accept-language': 'en' });
    expect(english.status).toBe(422);
    expect(english.body.errors).toEqual([
      { path: '/responsible', message: 'must be a positive integer' },
      { path: '/from', message: 'must be a valid date (YYYY-MM-DD)' },
    ]);
    expect((await ledger('format=xlsx&status=nope')).status).toBe(422);
  });

  it('is for safety officers, leaders, the dept head and admins', async () => {
    for (const user of ['leader', 'head', 'admin']) expect((await ledger('size=1', user)).status).toBe(200);
    for (const user of ['mgr1', 'sup1']) {
      expect((await ledger('', user)).status).toBe(403);
      expect((await download('format=xlsx', user)).status).toBe(403);
      expect((await stack.call('GET', '/api/hazards/stats', tokens[user])).status).toBe(403);
    }
    expect((await stack.call('GET', '/api/hazards')).status).toBe(401);
  });
});

describe('one hazard', () => {
  it('is readable by the ledger\'s readers and whoever may see its instance, by no one else', async () => {
    const hazard = async (code: string, user: string) => stack.call('GET', `/api/hazards/${encodeURIComponent(code)}`, tokens[user]);
    const own = await hazard('YH202605-0105', 'mgr4');
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      code: 'YH202605-0105', instanceId: instanceIds['YH202605-0105'], level: 'major', status: 'sign_off', funds: 120000,
      reportedBy: { id: userIds.mgr4 }, responsible: { id: userIds.mgr1 }, overdueDays: 0,
    });
    expect((await hazard('YH202605-0105', 'sup2')).status).toBe(200); // mgr4's supervisor
    expect((await hazard('YH202605-0105', 'safety')).status).toBe(200);
    expect((await hazard('YH202605-0105', 'leader')).status).toBe(200);
    expect((await hazard('YH202605-0105', 'sup1')).status).toBe(403);
    const stranger = await hazard('YH202603-0101', 'mgr1');
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.code).toBe('forbidden');
    const unknown = await hazard('YH209901-0001', 'safety');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({ code: 'not_found', message: '未找到该隐患' });
    expect((await hazard('x'.repeat(300), 'safety')).status).toBe(404);
  });
});

describe('ledger export', () => {
  const HEADERS = ['编号', '登记时间', '地点', '类别', '初判等级', '等级', '状态', '登记人', '整改责任人', '整改措施', '整改资金', '整改期限',
    '整改轮次', '整改完成时间', '超期天数', '验收人', '销号时间', '验收/评估意见'];
  const today = () => chinaDay(0).replaceAll('-', '');

  it('downloads the filtered ledger as an xlsx workbook that opens, with labels and China times', async () => {
    const { status, headers, bytes } = await download('format=xlsx&level=major&size=1');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(`隐患台账-${today()}.xlsx`)}`);
    expect(headers.get('content-disposition')).toMatch(/^attachment;/);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...HEADERS]);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(3).width).toBeGreaterThan(10);
    // Every major hazard (no paging), overdue first.
    expect(sheet.rowCount).toBe(4);
    const column = (row: number, header: string) => sheet.getRow(row).getCell(HEADERS.indexOf(header) + 1).value;
    expect([2, 3, 4].map((row) => column(row, '编号'))).toEqual(['YH202603-0101', 'YH202501-0002', 'YH202605-0105']);
    expect(column(2, '等级')).toBe('重大隐患');
    expect(column(2, '类别')).toBe('消防');
    expect(column(2, '状态')).toBe('整改中');
    expect(column(2, '地点')).toBe('城东仓库, "东区"');
    expect(column(2, '整改资金')).toBe(5000.5);
    expect(column(2, '超期天数')).toBe(5);
    // Date cells hold China wall time: reported 00:30 on 1 March in China.
    expect(column(2, '登记时间')).toEqual(new Date('2026-03-01T00:30:00Z'));
    expect(column(2, '整改期限')).toEqual(new Date(`${chinaDay(-5)}T00:00:00Z`));
    expect(column(3, '销号时间')).toEqual(new Date('2025-02-03T20:00:00Z'));
    expect(column(3, '验收人')).toBe('赵安全员');
    expect(column(4, '整改完成时间')).toBeNull();
  });

  it('downloads CSV with a BOM, RFC 4180 quoting and formulas neutralised, headers in English on request', async () => {
    const { status, headers, bytes } = await download('format=csv&place=城东仓库');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(`隐患台账-${today()}.csv`)}`);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines).toHaveLength(3); // header, one row, the final line end
    expect(lines[0]).toBe(HEADERS.join(','));
    expect(lines[1]).toBe([
      'YH202603-0101', '2026-03-01 00:30', '"城东仓库, ""东区"""', '消防', '重大隐患', '重大隐患', '整改中', userNames.mgr5, userNames.mgr2,
      '更换全部过期灭火器', '5000.5', chinaDay(-5), '1', '', '5', '', '', '',
    ].join(','));
    expect(lines[2]).toBe('');

    const formulas = (await download('format=csv&status=verifying,closed&from=2026-01-01')).bytes.toString('utf8').split('\r\n');
    const row = (code: string) => formulas.find((line) => line.startsWith(code))!;
    expect(row('YH202603-0102').split(',')[9]).toBe('\'=SUM(A1:A2)');
    expect(row('YH202601-0106').split(',')).toEqual(expect.arrayContaining(['\'-整改到位', '2026-02-06 09:15', '已销号', '3']));

    const english = await download('format=csv&level=major', 'safety', { 'accept-language': 'en' });
    const text = english.bytes.toString('utf8');
    expect(text.slice(1).split('\r\n')[0]).toMatch(/^Code,Reported at,Place,Category,Suspected level,Level,Status,/);
    expect(text).toContain(',Major,Major,Rectifying,');
    expect(english.headers.get('content-disposition')).toContain(`hazard-ledger-${today()}.csv`);
  });
});

describe('ledger statistics', () => {
  const stats = async (query: string, user = 'safety') => stack.call('GET', `/api/hazards/stats?${query}`, tokens[user]);
  const statuses = (counts: Record<string, number>) => ({
    assessing: 0, notice: 0, sign_off: 0, rectifying: 0, verifying: 0, closed: 0, dismissed: 0, cancelled: 0, ...counts,
  });

  it('counts each month of a year by China dates: reported by level and status, closed, on time, days to close', async () => {
    const { status, body } = await stats('period=month&year=2025');
    expect(status).toBe(200);
    expect(body.year).toBe(2025);
    expect(body.period).toBe('month');
    expect(body.items.map((p: { key: string }) => p.key)).toEqual(Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`));
    expect(body.items[0]).toEqual({
      key: '2025-01', from: '2025-01-01', to: '2025-01-31', reported: 3,
      byLevel: { general: 2, major: 1, unconfirmed: 0 }, byStatus: statuses({ closed: 3 }),
      closed: 2, closedOnTime: 2, onTimeRate: 1, meanDaysToClose: 3,
    });
    expect(body.items[1]).toEqual({
      key: '2025-02', from: '2025-02-01', to: '2025-02-28', reported: 1,
      byLevel: { general: 0, major: 0, unconfirmed: 1 }, byStatus: statuses({ dismissed: 1 }),
      closed: 1, closedOnTime: 0, onTimeRate: 0, meanDaysToClose: 14.5,
    });
    expect(body.items[2]).toMatchObject({ reported: 0, closed: 0, onTimeRate: null, meanDaysToClose: null });
    expect(body.items[3]).toMatchObject({ key: '2025-04', reported: 1, byStatus: statuses({ rectifying: 1 }), closed: 0 });
    expect(body.total).toMatchObject({ key: '2025', from: '2025-01-01', to: '2025-12-31', reported: 5, closed: 3, closedOnTime: 2 });
  });

  it('adds months up to quarters', async () => {
    const { body } = await stats('period=quarter&year=2025');
    expect(body.items.map((p: { key: string; from: string; to: string }) => [p.key, p.from, p.to])).toEqual([
      ['2025-Q1', '2025-01-01', '2025-03-31'], ['2025-Q2', '2025-04-01', '2025-06-30'],
      ['2025-Q3', '2025-07-01', '2025-09-30'], ['2025-Q4', '2025-10-01', '2025-12-31'],
    ]);
    expect(body.items[0]).toMatchObject({
      reported: 4, byLevel: { general: 2, major: 1, unconfirmed: 1 }, byStatus: statuses({ closed: 3, dismissed: 1 }),
      closed: 3, closedOnTime: 2, onTimeRate: 0.6667, meanDaysToClose: 6.8,
    });
    expect(body.items[1]).toMatchObject({ reported: 1, closed: 0, onTimeRate: null });
    expect(body.total).toMatchObject({ reported: 5, onTimeRate: 0.6667, meanDaysToClose: 6.8 });
  });

  it('defaults to this year by month, and refuses a bad period or year', async () => {
    const { body } = await stats('');
    expect(body).toMatchObject({ year: Number(chinaDay(0).slice(0, 4)), period: 'month' });
    expect(body.items).toHaveLength(12);
    const bad = await stats('period=week&year=25');
    expect(bad.status).toBe(422);
    expect(paths(bad.body)).toEqual(['/period', '/year']);
    expect((await stats('year=1900')).status).toBe(422);
  });
});

describe('a ledger too large for one export', () => {
  it('is refused with 422 asking for a narrower filter', async () => {
    const knex = stack.orm.em.fork().getKnex();
    // 50,001 rows more, made by PostgreSQL itself; removed afterwards.
    await knex.transaction(async (trx) => {
      await trx.raw(`insert into process_instances (id, process_key, business_key, title, status, started_by, start_request_id)
        select md5('bulk' || n)::uuid, 'hazard', 'hazard:BULK' || n, 'bulk', 'completed', ?, 'bulk-' || n from generate_series(1, 50001) n`,
      [userIds.safety!]);
      await trx.raw(`insert into hazards (instance_id, code, reported_by, place, category, description, suspected_level, status)
        select md5('bulk' || n)::uuid, 'BULK' || n, ?, '批量', 'other', '批量数据', 'general', 'closed' from generate_series(1, 50001) n`,
      [userIds.safety!]);
    });
    try {
      const tooMany = await ledger('format=csv');
      expect(tooMany.status).toBe(422);
      expect(tooMany.body.errors).toEqual([{ path: '/format', message: '符合条件的隐患超过 50000 条，无法一次导出，请缩小筛选范围' }]);
      // A narrower filter exports.
      expect((await download('format=csv&place=城东仓库')).status).toBe(200);
    } finally {
      await knex.transaction(async (trx) => {
        await trx.raw(`delete from hazards where code like 'BULK%'`);
        await trx.raw(`delete from process_instances where business_key like 'hazard:BULK%'`);
      });
    }
  });
});
