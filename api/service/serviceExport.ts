import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { chinaDate, chinaDateTime, chinaWallClock } from '../../domain/chinaTime.js';
import type { ComplaintStatus } from '../../db/entities/index.js';
import { complaintCategoryLabels, complaintUrgencyLabels, satisfactionLabels } from '../../forms/complaint.js';
import type { Locale } from '../../forms/formDefinition.js';
import { serviceChannelLabels } from '../../forms/serviceRequest.js';
import { csvField, neutraliseFormula } from '../hazards/hazardExport.js';
import type { ExportFormat } from '../hazards/hazardLedger.js';
import type { ComplaintItem, VisitItem, VisitSource } from './serviceContract.js';

/*
 * The complaint and visit ledgers as spreadsheets, with the hazard ledger's conventions: headers in the
 * caller's language, labels for codes, China wall time in date cells, a bold frozen header with a filter
 * (xlsx); UTF-8 with a BOM, CRLF and formula-neutralised text (csv).
 */

/** One cell: text, a number, or an instant shown in China time. */
type Cell = string | number | { at: string } | null;

interface Column<T> {
  header: Record<Locale, string>;
  width: number;
  value(item: T, locale: Locale): Cell;
  numFmt?: string;
}

export const complaintStatusLabels: Record<Locale, Record<ComplaintStatus, string>> = {
  'zh-CN': { assigning: '待指定处理人', handling: '处理中', revisiting: '待回访', closed: '已办结', cancelled: '已撤销' },
  en: { assigning: 'Awaiting a handler', handling: 'Being handled', revisiting: 'Awaiting follow-up', closed: 'Closed', cancelled: 'Cancelled' },
};

/** Why a visit was made, as the ledger names it. */
export const visitSourceLabels: Record<Locale, Record<VisitSource, string>> = {
  'zh-CN': { request: '服务需求', plan: '计划拜访' },
  en: { request: 'Service request', plan: 'Planned visit' },
};

const at = (value: string | null): Cell => (value == null ? null : { at: value });
const label = (labels: Record<string, string>, value: string | null) => (value == null ? null : labels[value] ?? value);
const TIME = 'yyyy-mm-dd hh:mm';

const COMPLAINT_COLUMNS: Column<ComplaintItem>[] = [
  { header: { 'zh-CN': '编号', en: 'Code' }, width: 16, value: (c) => c.code },
  { header: { 'zh-CN': '登记时间', en: 'Recorded at' }, width: 18, value: (c) => at(c.recordedAt), numFmt: TIME },
  { header: { 'zh-CN': '客户', en: 'Customer' }, width: 24, value: (c, l) => c.customer?.name ?? (l === 'en' ? 'Anonymous' : '匿名') },
  { header: { 'zh-CN': '客户经理', en: 'Customer manager' }, width: 14, value: (c) => c.manager?.name ?? null },
  { header: { 'zh-CN': '渠道', en: 'Channel' }, width: 10, value: (c, l) => label(serviceChannelLabels[l], c.channel) },
  { header: { 'zh-CN': '类别', en: 'Category' }, width: 10, value: (c, l) => label(complaintCategoryLabels[l], c.category) },
  { header: { 'zh-CN': '紧急程度', en: 'Urgency' }, width: 10, value: (c, l) => label(complaintUrgencyLabels[l], c.urgency) },
  { header: { 'zh-CN': '投诉内容', en: 'Complaint' }, width: 40, value: (c) => c.content },
  { header: { 'zh-CN': '被投诉人', en: 'Complained about' }, width: 14, value: (c) => c.complainedManager?.name ?? null },
  { header: { 'zh-CN': '状态', en: 'Status' }, width: 14, value: (c, l) => complaintStatusLabels[l][c.status] },
  { header: { 'zh-CN': '处理人', en: 'Handler' }, width: 14, value: (c) => c.handler?.name ?? null },
  { header: { 'zh-CN': '首次响应时间', en: 'Responded at' }, width: 18, value: (c) => at(c.respondedAt), numFmt: TIME },
  { header: { 'zh-CN': '响应超时（分钟）', en: 'Response late (min)' }, width: 12, value: (c) => c.responseLateMinutes },
  { header: { 'zh-CN': '处理结果', en: 'Result' }, width: 40, value: (c) => c.result },
  { header: { 'zh-CN': '处理完成时间', en: 'Resolved at' }, width: 18, value: (c) => at(c.resolvedAt), numFmt: TIME },
  { header: { 'zh-CN': '处理超时（分钟）', en: 'Handling late (min)' }, width: 12, value: (c) => c.resolveLateMinutes },
  { header: { 'zh-CN': '处理轮次', en: 'Rounds' }, width: 8, value: (c) => c.rounds },
  { header: { 'zh-CN': '回访满意度', en: 'Satisfaction' }, width: 12, value: (c, l) => label(satisfactionLabels[l], c.satisfaction) },
  { header: { 'zh-CN': '回访人', en: 'Called back by' }, width: 14, value: (c) => c.revisitedBy?.name ?? null },
  { header: { 'zh-CN': '办结时间', en: 'Closed at' }, width: 18, value: (c) => at(c.closedAt), numFmt: TIME },
];

const VISIT_COLUMNS: Column<VisitItem>[] = [
  { header: { 'zh-CN': '到店时间', en: 'Arrived at' }, width: 18, value: (v) => at(v.arrivedAt), numFmt: TIME },
  { header: { 'zh-CN': '客户编号', en: 'Customer code' }, width: 14, value: (v) => v.customer.code },
  { header: { 'zh-CN': '客户', en: 'Customer' }, width: 24, value: (v) => v.customer.name },
  { header: { 'zh-CN': '客户经理', en: 'Customer manager' }, width: 14, value: (v) => v.manager.name },
  { header: { 'zh-CN': '来源', en: 'Source' }, width: 12, value: (v, l) => visitSourceLabels[l][v.source] },
  { header: { 'zh-CN': '服务需求', en: 'Request' }, width: 16, value: (v) => v.requestCode },
  { header: { 'zh-CN': '查看情况', en: 'What was checked' }, width: 40, value: (v) => v.checked },
  { header: { 'zh-CN': '后续跟进', en: 'Follow-ups' }, width: 30, value: (v) => v.followUps },
  { header: { 'zh-CN': '分析与结论', en: 'Analysis' }, width: 40, value: (v) => v.analysis },
  { header: { 'zh-CN': '照片数', en: 'Photos' }, width: 8, value: (v) => v.photoCount },
  { header: { 'zh-CN': '超时（分钟）', en: 'Late (min)' }, width: 10, value: (v) => v.lateMinutes },
];

/** The headers of the complaint ledger's columns in `locale`. */
export const complaintHeaders = (locale: Locale) => COMPLAINT_COLUMNS.map((c) => c.header[locale]);
/** The headers of the visit ledger's columns in `locale`. */
export const visitHeaders = (locale: Locale) => VISIT_COLUMNS.map((c) => c.header[locale]);

export const SERVICE_EXPORTS = {
  complaints: { columns: COMPLAINT_COLUMNS, name: { 'zh-CN': '投诉台账', en: 'complaint-ledger' }, sheet: { 'zh-CN': '投诉台账', en: 'Complaints' } },
  visits: { columns: VISIT_COLUMNS, name: { 'zh-CN': '拜访记录', en: 'visit-records' }, sheet: { 'zh-CN': '拜访记录', en: 'Visits' } },
} as const;

/** `投诉台账-20261207.xlsx` (today, China date). */
export function serviceExportName(kind: keyof typeof SERVICE_EXPORTS, format: ExportFormat, locale: Locale, now = new Date()): string {
  return `${SERVICE_EXPORTS[kind].name[locale]}-${chinaDate(now).replaceAll('-', '')}.${format}`;
}

function xlsxValue(cell: Cell): ExcelJS.CellValue {
  if (cell === null || typeof cell === 'string' || typeof cell === 'number') return cell;
  return chinaWallClock(Date.parse(cell.at));
}

/** Writes `items` as an xlsx workbook to `out`, streamed. */
export async function writeServiceXlsx<T>(columns: readonly Column<T>[], sheetName: string, items: T[], locale: Locale, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({ key: String(i), width: c.width, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
  const header = sheet.addRow(columns.map((c) => c.header[locale]));
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  header.commit();
  for (const item of items) sheet.addRow(columns.map((c) => xlsxValue(c.value(item, locale)))).commit();
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  sheet.commit();
  await workbook.commit();
}

function csvValue(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'string') return csvField(neutraliseFormula(cell));
  return chinaDateTime(cell.at);
}

/** `items` as CSV: UTF-8 with a BOM, CRLF line ends. */
export function serviceCsv<T>(columns: readonly Column<T>[], items: T[], locale: Locale): string {
  const lines = [columns.map((c) => csvField(c.header[locale])).join(',')];
  for (const item of items) lines.push(columns.map((c) => csvValue(c.value(item, locale))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
