import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { chinaDate, chinaDateTime, chinaWallClock } from '../../domain/chinaTime.js';
import type { HazardStatus } from '../../db/entities/index.js';
import type { Locale } from '../../forms/formDefinition.js';
import { hazardCategoryLabels, hazardLevelLabels } from '../../forms/hazardReport.js';
import type { ExportFormat, LedgerItem } from './hazardLedger.js';


/** A hazard's status in words. */
export const hazardStatusLabels: Record<Locale, Record<HazardStatus, string>> = {
  'zh-CN': {
    assessing: '待评估', notice: '待下达整改通知', sign_off: '待领导审批', rectifying: '整改中', verifying: '待验收',
    closed: '已销号', dismissed: '不构成隐患', cancelled: '已撤销',
  },
  en: {
    assessing: 'Assessing', notice: 'Awaiting notice', sign_off: 'Awaiting sign-off', rectifying: 'Rectifying', verifying: 'Verifying',
    closed: 'Closed', dismissed: 'Dismissed', cancelled: 'Cancelled',
  },
};

/** One cell's value: text, a number, a China date (YYYY-MM-DD) or a China date and time. */
type Cell = string | number | { date: string } | { at: string } | null;

interface Column {
  header: Record<Locale, string>;
  width: number;
  value(item: LedgerItem, locale: Locale): Cell;
  /** Excel number format of the column. */
  numFmt?: string;
}

const label = (labels: Record<string, string>, value: string | null) => (value == null ? null : labels[value] ?? value);
const at = (value: string | null): Cell => (value == null ? null : { at: value });

/** The ledger's columns (DOMAIN.md: time, place, type, level, people, plan, deadline, result, verification), in order. */
const COLUMNS: Column[] = [
  { header: { 'zh-CN': '编号', en: 'Code' }, width: 16, value: (h) => h.code },
  { header: { 'zh-CN': '登记时间', en: 'Reported at' }, width: 18, value: (h) => at(h.reportedAt), numFmt: 'yyyy-mm-dd hh:mm' },
  { header: { 'zh-CN': '地点', en: 'Place' }, width: 28, value: (h) => h.place },
  { header: { 'zh-CN': '类别', en: 'Category' }, width: 12, value: (h, l) => label(hazardCategoryLabels[l], h.category) },
  { header: { 'zh-CN': '初判等级', en: 'Suspected level' }, width: 12, value: (h, l) => label(hazardLevelLabels[l], h.suspectedLevel) },
  { header: { 'zh-CN': '等级', en: 'Level' }, width: 12, value: (h, l) => label(hazardLevelLabels[l], h.level) },
  { header: { 'zh-CN': '状态', en: 'Status' }, width: 16, value: (h, l) => hazardStatusLabels[l][h.status] },
  { header: { 'zh-CN': '登记人', en: 'Reported by' }, width: 14, value: (h) => h.reportedBy.name },
  { header: { 'zh-CN': '整改责任人', en: 'Responsible' }, width: 14, value: (h) => h.responsible?.name ?? null },
  { header: { 'zh-CN': '整改措施', en: 'Measures' }, width: 40, value: (h) => h.measures },
  { header: { 'zh-CN': '整改资金', en: 'Funds' }, width: 14, value: (h) => h.funds, numFmt: '#,##0.00' },
  { header: { 'zh-CN': '整改期限', en: 'Deadline' }, width: 12, value: (h) => (h.deadline ? { date: h.deadline } : null), numFmt: 'yyyy-mm-dd' },
  { header: { 'zh-CN': '整改轮次', en: 'Rounds' }, width: 10, value: (h) => h.rounds },
  { header: { 'zh-CN': '整改完成时间', en: 'Rectified at' }, width: 18, value: (h) => at(h.rectifiedAt), numFmt: 'yyyy-mm-dd hh:mm' },
  { header: { 'zh-CN': '超期天数', en: 'Days overdue' }, width: 10, value: (h) => h.overdueDays },
  { header: { 'zh-CN': '验收人', en: 'Verified by' }, width: 14, value: (h) => h.verifiedBy?.name ?? null },
  { header: { 'zh-CN': '销号时间', en: 'Closed at' }, width: 18, value: (h) => at(h.closedAt), numFmt: 'yyyy-mm-dd hh:mm' },
  { header: { 'zh-CN': '验收/评估意见', en: 'Verification / assessment' }, width: 40, value: (h) => h.result },
];

/** The headers of the ledger's columns in `locale`. */
export function ledgerHeaders(locale: Locale): string[] {
  return COLUMNS.map((c) => c.header[locale]);
}

/** `隐患台账-20261127.xlsx` (today, China date). */
export function exportFileName(format: ExportFormat, locale: Locale, now = new Date()): string {
  const base = locale === 'en' ? 'hazard-ledger' : '隐患台账';
  return `${base}-${chinaDate(now).replaceAll('-', '')}.${format}`;
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/**
 * A cell for Excel: dates become date cells holding China wall time (Excel has no time zones: a
 * date cell shows the clock reading it holds), so the sheet sorts and filters by date.
 */
function xlsxValue(cell: Cell): ExcelJS.CellValue {
  if (cell === null || typeof cell === 'string' || typeof cell === 'number') return cell;
  if ('date' in cell) return new Date(`${cell.date}T00:00:00Z`);
  return chinaWallClock(Date.parse(cell.at));
}

/** Writes the ledger as an xlsx workbook to `out` (streamed: a large ledger is not held in memory twice). */
export async function writeLedgerXlsx(items: LedgerItem[], locale: Locale, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(locale === 'en' ? 'Hazard ledger' : '隐患台账', {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }],
  });
  sheet.columns = COLUMNS.map((c, i) => ({ key: String(i), width: c.width, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
  const header = sheet.addRow(ledgerHeaders(locale));
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  header.commit();
  for (const item of items) sheet.addRow(COLUMNS.map((c) => xlsxValue(c.value(item, locale)))).commit();
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  sheet.commit();
  await workbook.commit();
}

/** A text cell that Excel would read as a formula (= + - @, or a tab / CR before one) gets a leading `'`. */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csvValue(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'string') return csvField(neutraliseFormula(cell));
  return 'date' in cell ? cell.date : chinaDateTime(cell.at);
}

/** The ledger as CSV: UTF-8 with a BOM (so Excel reads the Chinese right), CRLF line ends. */
export function ledgerCsv(items: LedgerItem[], locale: Locale): string {
  const lines = [ledgerHeaders(locale).map(csvField).join(',')];
  for (const item of items) lines.push(COLUMNS.map((c) => csvValue(c.value(item, locale))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
