import { HazardSchema, ROLES, UserSchema } from '../../db/entities/index.js';
import { CHINA_TIME_ZONE } from '../../domain/chinaTime.js';
import { hazardReportForm, type HazardReport } from '../../forms/hazardReport.js';
import type { ApiDeps } from '../http/deps.js';
import { defineProcess } from '../processes/processDefinition.js';
import { currentConfig } from '../../activities/businessSettings.js';

/** The active leaders, who sign a major hazard's plan off. */
async function leaders(deps: ApiDeps): Promise<number[]> {
  const rows = await deps.orm.em.fork().find(UserSchema, { roles: { $contains: ['leader'] }, active: true }, { fields: ['id'], orderBy: { id: 'asc' } });
  return rows.map((row) => row.id);
}

/** YH + report month (China time) + a sequence number, e.g. YH202611-0007. */
const NEXT_CODE = `select 'YH' || to_char(now() at time zone '${CHINA_TIME_ZONE}', 'YYYYMM') || '-' || lpad(nextval('hazard_code_seq')::text, 4, '0') as code`;

/**
 * 隐患登记 by anyone (安全人人有责): the instance, its ledger row, the report record with its photos and
 * the audit event in one transaction, then the workflow. Safety officers oversee every hazard.
 */
export const hazardProcess = defineProcess<HazardReport, 'hazardRectification'>({
  key: 'hazard',
  title: { 'zh-CN': '隐患登记', en: 'Report a hazard' },
  startForm: hazardReportForm,
  startRoles: [...ROLES],
  overseenBy: ['safety_officer'],
  workflow: 'hazardRectification',
  async describe(report, { tx }) {
    const [{ code }] = (await tx.getConnection().execute(NEXT_CODE, [], 'all', tx.getTransactionContext())) as [{ code: string }];
    return {
      businessKey: `hazard:${code}`,
      title: `${code} ${report.place}`,
      summary: { code, place: report.place, category: report.category, suspectedLevel: report.suspectedLevel, hazardStatus: 'assessing' },
      audit: { code },
    };
  },
  writeRows(tx, report, instance, user) {
    tx.create(HazardSchema, {
      instanceId: instance.id, code: String(instance.summary.code), reportedBy: user.id, place: report.place, category: report.category,
      description: report.description, suspectedLevel: report.suspectedLevel, status: 'assessing',
    });
  },
  async input(deps, instance, report, user) {
    const sla = (await currentConfig(deps.orm, deps.config)).hazard;
    return {
      instanceId: instance.id, code: String(instance.summary.code), reporterId: user.id, report, leaderIds: await leaders(deps),
      signOffMode: sla.signOffMode,
      sla: {
        assess: sla.assessDue, notice: sla.noticeDue, signOff: sla.signOffDue, verify: sla.verifyDue,
        remindBeforeDeadline: { hours: sla.remindBeforeHours },
        ...(sla.rectifyDue ? { rectify: sla.rectifyDue } : {}),
      },
    };
  },
});
