import { randomUUID } from 'node:crypto';
import { FormRecordSchema, HazardSchema, ProcessInstanceSchema, UserSchema, type ProcessInstance } from '../../db/entities/index.js';
import { appendAudit } from '../../db/audit.js';
import { attachmentRefs } from '../../forms/attachmentFields.js';
import type { Locale } from '../../forms/formDefinition.js';
import { hazardReportForm, type HazardReport } from '../../forms/hazardReport.js';
import type { HazardInput } from '../../workflows/hazardRectification.js';
import { linkAttachments } from '../attachments/attachmentService.js';
import type { SessionUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { ValidationError } from '../http/errors.js';
import { ensureWorkflow, startOnce } from '../processes/processStart.js';

/** The active leaders, who sign a major hazard's plan off. */
async function leaders(deps: ApiDeps): Promise<number[]> {
  const rows = await deps.orm.em.fork().find(UserSchema, { roles: { $contains: ['leader'] }, active: true }, { fields: ['id'], orderBy: { id: 'asc' } });
  return rows.map((row) => row.id);
}

/** YH + report month (China time) + a sequence number, e.g. YH202611-0007. */
const NEXT_CODE = `select 'YH' || to_char(now() at time zone 'Asia/Shanghai', 'YYYYMM') || '-' || lpad(nextval('hazard_code_seq')::text, 4, '0') as code`;

function hazardInput(deps: ApiDeps, instanceId: string, code: string, reporterId: number, report: HazardReport, leaderIds: number[]): HazardInput {
  const sla = deps.config.hazard;
  return {
    instanceId, code, reporterId, report, leaderIds, signOffMode: sla.signOffMode,
    sla: {
      assess: sla.assessDue, notice: sla.noticeDue, signOff: sla.signOffDue, verify: sla.verifyDue,
      remindBeforeDeadline: { hours: sla.remindBeforeHours },
      ...(sla.rectifyDue ? { rectify: sla.rectifyDue } : {}),
    },
  };
}

/**
 * 隐患登记 by anyone: the instance, its ledger row, the report record (photos linked to it) and the
 * audit event in one transaction, then the workflow. The same requestId again returns the same hazard.
 */
export async function startHazard(deps: ApiDeps, user: SessionUser, locale: Locale, data: unknown, requestId: string):
  Promise<{ instance: ProcessInstance; created: boolean }> {
  return startOnce(deps, user, requestId, 'hazard', {
    create: () => {
      const checked = deps.forms.validate<HazardReport>(hazardReportForm.key, data, locale);
      if (!checked.ok) throw new ValidationError(checked.errors);
      return createHazard(deps, user, locale, checked.data, requestId);
    },
    /** The first call may have died between the database and Temporal. */
    resume: async (instance) => {
      const em = deps.orm.em.fork();
      const [record, hazard] = await Promise.all([
        em.findOneOrFail(FormRecordSchema, { instanceId: instance.id, taskId: null }),
        em.findOneOrFail(HazardSchema, { instanceId: instance.id }),
      ]);
      await ensureWorkflow(deps, instance, 'hazardRectification',
        hazardInput(deps, instance.id, hazard.code, user.id, record.data as HazardReport, await leaders(deps)));
    },
  });
}

async function createHazard(deps: ApiDeps, user: SessionUser, locale: Locale, report: HazardReport, requestId: string): Promise<ProcessInstance> {
  const em = deps.orm.em.fork();
  const id = randomUUID();
  const instance = await em.transactional(async (tx) => {
    const [{ code }] = (await tx.getConnection().execute(NEXT_CODE, [], 'all', tx.getTransactionContext())) as [{ code: string }];
    const created = tx.create(ProcessInstanceSchema, {
      id, processKey: 'hazard', businessKey: `hazard:${code}`, status: 'running', startedBy: user.id, startRequestId: requestId,
      title: `${code} ${report.place}`,
      summary: { code, place: report.place, category: report.category, suspectedLevel: report.suspectedLevel, hazardStatus: 'assessing' },
    });
    tx.create(HazardSchema, {
      instanceId: id, code, reportedBy: user.id, place: report.place, category: report.category,
      description: report.description, suspectedLevel: report.suspectedLevel, status: 'assessing',
    });
    tx.create(FormRecordSchema, {
      id: randomUUID(), formKey: hazardReportForm.key, formVersion: hazardReportForm.version,
      data: report as Record<string, unknown>, instanceId: id, requestId, createdBy: user.id,
    });
    appendAudit(tx, { type: 'instance.started', actorId: user.id, instanceId: id, data: { processKey: 'hazard', code } });
    await tx.flush(); // the instance row exists before photos are linked to it
    await linkAttachments(tx, attachmentRefs(hazardReportForm.schema, report), id, user.id, locale);
    return created;
  });
  await ensureWorkflow(deps, instance, 'hazardRectification', hazardInput(deps, id, String(instance.summary.code), user.id, report, await leaders(deps)));
  return instance;
}
