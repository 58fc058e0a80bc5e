import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { TrackStatus } from '../../db/entities/index.js';
import type { Locale } from '../../forms/formDefinition.js';
import type { AssignmentReport, ReportOverdueItem, ReportPerson } from './assignedTaskReport.js';
import { writeSheet, XLSX_CONTENT_TYPE, type XlsxColumn } from '../http/xlsxSheet.js';

export const REPORT_CONTENT_TYPE = XLSX_CONTENT_TYPE;

/** A track's state in words, as the web app shows it. */
export const trackStatusLabels: Record<Locale, Record<TrackStatus, string>> = {
  'zh-CN': { accepting: '待承办', clarifying: '待答复', working: '办理中', reviewing: '待评价', closed: '已销号', cancelled: '已撤回' },
  en: { accepting: 'To accept', clarifying: 'Question asked', working: 'In progress', reviewing: 'To review', closed: 'Closed', cancelled: 'Withdrawn' },
};

type Column<Row> = XlsxColumn<Row>;

/** A China date (YYYY-MM-DD) as an Excel date cell (Excel has no time zones). */
const dateCell = (date: string) => new Date(`${date}T00:00:00Z`);

/** 通报: one row per assignee. */
const PEOPLE: Column<ReportPerson>[] = [
  { header: { 'zh-CN': '承办人', en: 'Assignee' }, width: 14, value: (p) => p.assignee.name },
  { header: { 'zh-CN': '交办事项', en: 'Assigned' }, width: 10, value: (p) => p.assigned },
  { header: { 'zh-CN': '按期办结', en: 'Closed on time' }, width: 10, value: (p) => p.closedOnTime },
  { header: { 'zh-CN': '超期办结', en: 'Closed late' }, width: 10, value: (p) => p.closedLate },
  { header: { 'zh-CN': '超期未办结', en: 'Open and overdue' }, width: 12, value: (p) => p.openOverdue },
  { header: { 'zh-CN': '超期天数合计', en: 'Days overdue' }, width: 12, value: (p) => p.overdueDays },
  { header: { 'zh-CN': '平均评分', en: 'Average rating' }, width: 10, value: (p) => p.averageRating, numFmt: '0.00' },
];

/** 超期明细: every overdue item. */
const OVERDUE: Column<ReportOverdueItem>[] = [
  { header: { 'zh-CN': '事项', en: 'Task' }, width: 36, value: (o) => o.title },
  { header: { 'zh-CN': '承办人', en: 'Assignee' }, width: 14, value: (o) => o.assignee.name },
  { header: { 'zh-CN': '交办领导', en: 'Assigned by' }, width: 14, value: (o) => o.leader.name },
  { header: { 'zh-CN': '原定期限', en: 'Original deadline' }, width: 12, value: (o) => dateCell(o.originalDeadline), numFmt: 'yyyy-mm-dd' },
  { header: { 'zh-CN': '现期限', en: 'Current deadline' }, width: 12, value: (o) => dateCell(o.deadline), numFmt: 'yyyy-mm-dd' },
  { header: { 'zh-CN': '超期天数', en: 'Days overdue' }, width: 10, value: (o) => o.daysOverdue },
  { header: { 'zh-CN': '状态', en: 'Status' }, width: 10, value: (o, l) => trackStatusLabels[l][o.status] },
];

/** The headers of the two sheets in `locale`: 通报 and 超期明细. */
export function reportHeaders(locale: Locale): { people: string[]; overdue: string[] } {
  return { people: PEOPLE.map((c) => c.header[locale]), overdue: OVERDUE.map((c) => c.header[locale]) };
}

/** `督办通报-2026-11.xlsx` (`assignment-report-2026-11.xlsx` in English). */
export function reportFileName(month: string, locale: Locale): string {
  return `${locale === 'en' ? 'assignment-report' : '督办通报'}-${month}.xlsx`;
}

/** Writes the month's 通报 as an xlsx workbook to `out`: sheet 通报 (per person) and 超期明细 (overdue items). */
export async function writeReportXlsx(report: AssignmentReport, locale: Locale, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  writeSheet(workbook, locale === 'en' ? 'Report' : '通报', PEOPLE, report.people, locale);
  writeSheet(workbook, locale === 'en' ? 'Overdue items' : '超期明细', OVERDUE, report.overdue, locale);
  await workbook.commit();
}
