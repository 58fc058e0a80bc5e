import type { MikroORM } from '@mikro-orm/postgresql';
import type ExcelJS from 'exceljs';
import type { AllocationMonthSummary, PartStatus, PlanStatus } from '../../db/entities/index.js';
import { chinaDateTime } from '../../domain/chinaTime.js';
import type { Locale } from '../../forms/formDefinition.js';
import {
  chinaTime, DATE_TIME, exportPlan, newWorkbook, PRODUCT_COLUMNS, readExportQuery, type PreparedWorkbook,
} from './allocationExport.js';
import {
  managerFigures, marketReports, planProducts, productFigures, userName, type ExportProduct, type ManagerFigures, type MarketReportTask,
} from './allocationExportData.js';
import { hasRole, type SessionUser } from '../http/auth.js';
import { ForbiddenError } from '../http/errors.js';
import { writeSheet, type XlsxColumn } from '../http/xlsxSheet.js';

/**
 * The allocation cycle's summary as xlsx: an overview, planned vs availability per product, each
 * customer manager's part (adjustments and review), and once the cycle has closed its month the
 * month end's figures (market reports on time / late, big customers, 内管 flags) and each manager's
 * market report against its due time.
 */

const PLAN_STATUS_LABELS: Record<Locale, Record<PlanStatus, string>> = {
  'zh-CN': { draft: '草稿', reviewing: '调整中', approved: '已审核', published: '已发布', superseded: '已被新版本取代' },
  en: { draft: 'Draft', reviewing: 'Under review', approved: 'Approved', published: 'Published', superseded: 'Superseded' },
};

const PART_STATUS_LABELS: Record<Locale, Record<PartStatus, string>> = {
  'zh-CN': { reviewing: '待调整', submitted: '待审核', approved: '已审核', returned: '已退回' },
  en: { reviewing: 'Reviewing', submitted: 'Submitted', approved: 'Approved', returned: 'Returned' },
};

/** `投放总结-2026-12[-v2].xlsx` (`allocation-summary-…` in English). */
export function summaryFileName(month: string, locale: Locale, version: number | undefined): string {
  return `${[locale === 'en' ? 'allocation-summary' : '投放总结', month, ...(version ? [`v${version}`] : [])].join('-')}.xlsx`;
}

interface OverviewRow {
  label: Record<Locale, string>;
  value: ExcelJS.CellValue;
}

const OVERVIEW_COLUMNS: XlsxColumn<OverviewRow>[] = [
  { header: { 'zh-CN': '项目', en: 'Item' }, width: 18, value: (r, l) => r.label[l] },
  { header: { 'zh-CN': '数值', en: 'Value' }, width: 24, value: (r) => r.value },
];

interface SummaryProductRow extends ExportProduct {
  allocated: number;
  adjustedCustomers: number;
}

const SUMMARY_PRODUCT_COLUMNS: XlsxColumn<SummaryProductRow>[] = [
  ...PRODUCT_COLUMNS.slice(0, 6),
  { header: { 'zh-CN': '结余', en: 'Left over' }, width: 10, value: (p) => p.availability - p.allocated, numFmt: '#,##0' },
  { header: { 'zh-CN': '投放率', en: 'Allocated share' }, width: 9, value: (p) => (p.availability ? p.allocated / p.availability : null), numFmt: '0.0%' },
  { header: { 'zh-CN': '调整户数', en: 'Customers adjusted' }, width: 11, value: (p) => p.adjustedCustomers },
  { header: { 'zh-CN': '投放策略', en: 'Strategy' }, width: 40, value: (p, l) => p.strategy?.[l] ?? '' },
];

const MANAGER_COLUMNS: XlsxColumn<ManagerFigures>[] = [
  { header: { 'zh-CN': '客户经理', en: 'Customer manager' }, width: 14, value: (m) => m.managerName },
  { header: { 'zh-CN': '审核人', en: 'Approver' }, width: 14, value: (m, l) => m.supervisorName ?? (l === 'en' ? 'Dept head' : '部门经理') },
  { header: { 'zh-CN': '客户数', en: 'Customers' }, width: 9, value: (m) => m.customers },
  { header: { 'zh-CN': '测算量', en: 'Drafted' }, width: 11, value: (m) => m.drafted, numFmt: '#,##0' },
  { header: { 'zh-CN': '投放量', en: 'Allocated' }, width: 11, value: (m) => m.allocated, numFmt: '#,##0' },
  { header: { 'zh-CN': '调整户数', en: 'Customers adjusted' }, width: 11, value: (m) => m.adjustedCustomers },
  { header: { 'zh-CN': '调整行数', en: 'Lines adjusted' }, width: 10, value: (m) => m.adjustedLines },
  { header: { 'zh-CN': '状态', en: 'Status' }, width: 9, value: (m, l) => PART_STATUS_LABELS[l][m.status] },
  { header: { 'zh-CN': '审核轮次', en: 'Round' }, width: 9, value: (m) => m.round },
  { header: { 'zh-CN': '提交时间', en: 'Submitted at' }, width: 17, value: (m) => chinaTime(m.submittedAt), numFmt: DATE_TIME },
  { header: { 'zh-CN': '审批人', en: 'Decided by' }, width: 12, value: (m) => m.decidedByName },
  { header: { 'zh-CN': '审批时间', en: 'Decided at' }, width: 17, value: (m) => chinaTime(m.decidedAt), numFmt: DATE_TIME },
  { header: { 'zh-CN': '审批意见', en: 'Comment' }, width: 30, value: (m) => m.comment },
];

/** 月末总结: the figures the cycle closed the month with, when it has. */
function monthEndRows(summary: AllocationMonthSummary): OverviewRow[] {
  const r = summary.reports;
  return [
    { label: { 'zh-CN': '结束时间', en: 'Closed at' }, value: chinaDateTime(new Date(summary.closedAt)) },
    { label: { 'zh-CN': '市场报告截止', en: 'Market reports due' }, value: chinaDateTime(new Date(r.due)) },
    { label: { 'zh-CN': '市场报告应交', en: 'Market reports expected' }, value: r.total },
    { label: { 'zh-CN': '按时提交', en: 'On time' }, value: r.onTime },
    { label: { 'zh-CN': '逾期提交', en: 'Late' }, value: r.late },
    { label: { 'zh-CN': '未提交', en: 'Missing' }, value: r.missing },
    { label: { 'zh-CN': '调整行数', en: 'Lines adjusted in review' }, value: summary.adjustments },
    { label: { 'zh-CN': '大客户', en: 'Big customers' }, value: summary.bigCustomers },
    { label: { 'zh-CN': '内管预警', en: '内管 warnings' }, value: summary.surgeFlags },
    { label: { 'zh-CN': '超限量未批准（按上限投放）', en: 'Over-cap lines cut back to the cap' }, value: summary.overCapRejected },
  ];
}

type ReportResult = 'onTime' | 'late' | 'missing';
const REPORT_RESULT_LABELS: Record<Locale, Record<ReportResult, string>> = {
  'zh-CN': { onTime: '按时', late: '逾期', missing: '未提交' },
  en: { onTime: 'On time', late: 'Late', missing: 'Missing' },
};

interface ReportRow extends MarketReportTask {
  due: Date;
  result: ReportResult;
}

/** 市场报告: each manager's report against the due time, judged as the cycle's summary counts them. */
const REPORT_COLUMNS: XlsxColumn<ReportRow>[] = [
  { header: { 'zh-CN': '客户经理', en: 'Customer manager' }, width: 14, value: (r) => r.managerName },
  { header: { 'zh-CN': '截止时间', en: 'Due' }, width: 17, value: (r) => chinaTime(r.due), numFmt: DATE_TIME },
  { header: { 'zh-CN': '提交时间', en: 'Submitted at' }, width: 17, value: (r) => chinaTime(r.completedAt), numFmt: DATE_TIME },
  { header: { 'zh-CN': '结果', en: 'Result' }, width: 10, value: (r, l) => REPORT_RESULT_LABELS[l][r.result] },
];

function reportRows(summary: AllocationMonthSummary, tasks: MarketReportTask[]): ReportRow[] {
  const due = new Date(summary.reports.due);
  return tasks.map((task) => ({
    ...task, due,
    result: task.status !== 'done' || !task.completedAt ? 'missing' : task.completedAt <= due ? 'onTime' : 'late',
  }));
}

/** Sheet names of the summary workbook. */
function summarySheetNames(locale: Locale): { overview: string; products: string; managers: string; monthEnd: string; reports: string } {
  return locale === 'en'
    ? { overview: 'Overview', products: 'Products', managers: 'Managers', monthEnd: 'Month end', reports: 'Market reports' }
    : { overview: '概况', products: '规格投放', managers: '客户经理', monthEnd: '月末总结', reports: '市场报告' };
}

/** The summary export: for supervisors, the dept head, leaders and admins. */
export function createAllocationSummaryExport(orm: MikroORM) {
  return {
    /**
     * The cycle's summary for supervisors, the dept head, leaders and admins: an overview, planned
     * vs availability per product, each manager's part (adjustments, review status), and the month
     * end's figures and each market report on time / late / missing once the cycle has closed.
     */
    async summary(user: SessionUser, monthParam: unknown, query: Record<string, unknown>, locale: Locale): Promise<PreparedWorkbook> {
      const q = readExportQuery(monthParam, query, locale, false);
      if (!hasRole(user, 'supervisor', 'dept_head', 'leader', 'admin')) throw new ForbiddenError();
      const em = orm.em.fork();
      const plan = await exportPlan(em, user, q.month, q.start, q.version);
      const monthEnd = plan.summary ?? null;
      const [products, figures, managers, publisher, reports] = await Promise.all([
        planProducts(em, plan), productFigures(em, plan.id), managerFigures(em, plan.id), userName(em, plan.publishedBy),
        monthEnd ? marketReports(em, plan.instanceId) : [],
      ]);
      const productRows = products.map((p) => ({ ...p, allocated: figures.get(p.id)?.allocated ?? 0, adjustedCustomers: figures.get(p.id)?.adjustedCustomers ?? 0 }));
      const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);
      const overview: OverviewRow[] = [
        { label: { 'zh-CN': '月份', en: 'Month' }, value: q.month },
        { label: { 'zh-CN': '版本', en: 'Version' }, value: plan.version },
        { label: { 'zh-CN': '状态', en: 'Status' }, value: PLAN_STATUS_LABELS[locale][plan.status as PlanStatus] },
        { label: { 'zh-CN': '发布人', en: 'Published by' }, value: publisher },
        { label: { 'zh-CN': '发布时间', en: 'Published at' }, value: plan.publishedAt ? chinaDateTime(plan.publishedAt) : null },
        { label: { 'zh-CN': '规格数', en: 'Products' }, value: products.length },
        { label: { 'zh-CN': '客户数', en: 'Customers' }, value: sum(managers.map((m) => m.customers)) },
        { label: { 'zh-CN': '可供量合计', en: 'Available, total' }, value: sum(products.map((p) => p.availability)) },
        { label: { 'zh-CN': '测算量合计', en: 'Drafted, total' }, value: sum(products.map((p) => p.drafted)) },
        { label: { 'zh-CN': '投放量合计', en: 'Allocated, total' }, value: sum(productRows.map((p) => p.allocated)) },
        { label: { 'zh-CN': '调整户次', en: 'Lines adjusted' }, value: sum(productRows.map((p) => p.adjustedCustomers)) },
      ];
      const names = summarySheetNames(locale);
      return {
        fileName: summaryFileName(q.month, locale, q.version),
        async write(out) {
          const workbook = newWorkbook(out);
          writeSheet(workbook, names.overview, OVERVIEW_COLUMNS, overview, locale);
          writeSheet(workbook, names.products, SUMMARY_PRODUCT_COLUMNS, productRows, locale);
          writeSheet(workbook, names.managers, MANAGER_COLUMNS, managers, locale);
          if (monthEnd) {
            writeSheet(workbook, names.monthEnd, OVERVIEW_COLUMNS, monthEndRows(monthEnd), locale);
            writeSheet(workbook, names.reports, REPORT_COLUMNS, reportRows(monthEnd, reports), locale);
          }
          await workbook.commit();
        },
      };
    },
  };
}
