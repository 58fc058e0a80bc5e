import { createHash } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import { appendAudit } from '../db/audit.js';
import { AuditEventSchema, PlannedVisitSchema, ProcessInstanceSchema, TaskSchema } from '../db/entities/index.js';
import { addDuration, naturalMs, WEEKENDS_ONLY, type Duration } from '../domain/calendar.js';
import {
  INACTIVE_CUSTOMER_STATUS, isPeriodStart, isPlanWeek, periodEnd, periodOf, visitFrequencyOf, type BusinessTypeVisitRule, type VisitBand,
  type VisitFrequency,
} from '../domain/visitPlanRules.js';
import { markStarted } from './instanceStarts.js';
import { lateMinutes, storeVisit } from './serviceActivities.js';

/** What a week's plan is made with: the settings in force when it starts (a running plan keeps them). */
export interface VisitPlanSettings {
  bands: VisitBand[];
  /** Business types visited at their own frequency, over the band; absent in a run started before there were such rules. */
  byBusinessType?: BusinessTypeVisitRule[];
  /** Null: each visit is due at the end of its band's period; else this long after the plan is made. */
  dueAfter: Duration | null;
  remindBefore: Duration;
  lateGrace: Duration;
}

/** One manager's plan of a week, for the generating workflow to start (its workflow id is the instance id). */
export interface PlanPart {
  instanceId: string;
  managerId: number;
  /** Who gets the 督办 when a visit is missed: the manager's active supervisor; null: the dept head, as a role. */
  supervisorId: number | null;
  visits: number;
}

export interface PlannedWeek {
  /** The week's Monday (China date). */
  period: string;
  /** The plans to start now: new ones, and any an earlier run wrote but never got started. */
  parts: PlanPart[];
  /** Customers planned by this run. */
  visits: number;
  /** Managers whose plan of the week was already there (a re-run): nothing new for them. */
  existing: number;
}

/** A planned visit as its plan's workflow runs it. */
export interface PlannedVisitSpec {
  customerId: number;
  customerCode: string;
  customerName: string;
  address: string | null;
  tier: number;
  every: VisitFrequency;
  dueAt: string;
  remindAt: string | null;
  closeAt: string;
}

export type PlannedVisitStep =
  | { instanceId: string; customerId: number; step: 'done'; taskId: string; recordId: string }
  /** Its due time passed without a record (the task escalated). */
  | { instanceId: string; customerId: number; step: 'overdue' }
  /** Closed unrecorded at the end of its grace. */
  | { instanceId: string; customerId: number; step: 'missed' };

/**
 * The instance (= workflow) id of `managerId`'s plan of the week starting `period`: a name-based UUID
 * (version 5 layout) of the task queue, the week and the manager, so every run for that week (the Schedule's
 * catch-up, a retry, a start by hand) names the same workflow, and test stacks sharing a server stay apart.
 */
export function planInstanceId(taskQueue: string, period: string, managerId: number): string {
  const hex = createHash('sha1').update(`dutyflow:visit-plan:${taskQueue}:${period}:${managerId}`).digest('hex');
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

interface Candidate {
  id: number;
  tier: number;
  business_type: string;
  manager_id: number;
  manager_name: string;
  supervisor_id: number | null;
}

/** Customers a plan may take in: served (not closed or suspended) and with an active manager. */
const CANDIDATES = `
select c.id, c.tier, c.business_type, c.manager_id, u.display_name as manager_name,
  case when s.active and s.id <> u.id then s.id end as supervisor_id
from customers c join users u on u.id = c.manager_id left join users s on s.id = u.supervisor_id
where u.active and (c.status is null or c.status !~* ?)
order by c.manager_id, c.id`;

const INSERT_VISITS = `
insert into planned_visits (period_start, customer_id, manager_id, instance_id, tier, every, due_at, remind_at, close_at)
select ?::date, v.customer_id, ?, ?::uuid, v.tier, v.every, v.due_at, v.remind_at, v.close_at
from jsonb_to_recordset(?::jsonb) as v(customer_id int, tier smallint, every text, due_at timestamptz, remind_at timestamptz, close_at timestamptz)
on conflict (period_start, customer_id) do nothing
returning customer_id`;

const PLAN_VISITS = `
select pv.customer_id, c.code, c.name, c.address, pv.tier, pv.every, pv.due_at, pv.remind_at, pv.close_at
from planned_visits pv join customers c on c.id = pv.customer_id
where pv.instance_id = ? and pv.status = 'open'
order by c.route_order nulls last, c.address nulls last, c.code`;

const PLAN_COUNTS = `
select count(*)::int as visits, count(*) filter (where status = 'done')::int as done, count(*) filter (where status = 'missed')::int as missed,
  count(*) filter (where overdue_at is not null)::int as overdue
from planned_visits where instance_id = ?`;

/** The plan instance's summary follows its visits (lists show how far it is). */
async function summarise(tx: EntityManager, instanceId: string): Promise<void> {
  const [counts] = await tx.execute<{ visits: number; done: number; missed: number; overdue: number }[]>(PLAN_COUNTS, [instanceId]);
  const instance = await tx.findOneOrFail(ProcessInstanceSchema, { id: instanceId });
  instance.summary = { ...instance.summary, ...counts };
}

/** Whether `instanceId`'s start failed (its workflow never existed), as the start sweep recorded it. */
async function startFailed(em: EntityManager, instanceId: string): Promise<boolean> {
  return (await em.count(AuditEventSchema, { instanceId, type: 'instance.startFailed' })) > 0;
}

/**
 * 差异化服务: a week's visit plans (one process instance per manager, `visit-plan`) and the projection of each
 * planned visit as its plan's workflow runs it. Idempotent under retries and re-runs: a customer is planned once a
 * week (unique per week and customer), a manager's plan of a week is one instance under a fixed id.
 */
export function createVisitPlanActivities(orm: MikroORM) {
  return {
    /**
     * Plans the week starting `period` (by default the week `at` falls in, China time): every served customer
     * due that week (by their business type's rule, else their tier's band) goes into their manager's plan, due at the end of the period (or
     * `dueAfter` after `at`). Customers already planned that week, and managers whose plan exists, are left as they are.
     * Each plan's row names `parentWorkflowId`, the run that will start it (absent in a run started before rows named it),
     * so the start sweep waits for that run instead of failing a start that is only late.
     */
    async planVisitWeek(input: {
      period: string | null; at: string; taskQueue: string; settings: VisitPlanSettings; scheduled: boolean; parentWorkflowId?: string;
    }): Promise<PlannedWeek> {
      const period = input.period ?? periodOf(new Date(input.at));
      if (!isPeriodStart(period)) throw ApplicationFailure.nonRetryable(`not a Monday: ${period}`, 'VisitPlanPeriod');
      const { bands, byBusinessType = [], dueAfter, remindBefore, lateGrace } = input.settings;
      const madeAt = new Date(input.at);
      const em = orm.em.fork();
      const candidates = await em.execute<Candidate[]>(CANDIDATES, [INACTIVE_CUSTOMER_STATUS]);
      const byManager = new Map<number, { name: string; supervisorId: number | null; visits: Record<string, unknown>[] }>();
      for (const c of candidates) {
        const every = visitFrequencyOf({ bands, byBusinessType }, { tier: Number(c.tier), businessType: c.business_type });
        if (!every || !isPlanWeek(every, period)) continue;
        const due = dueAfter ? addDuration(madeAt, dueAfter, WEEKENDS_ONLY) : new Date(periodEnd(every, period));
        const remind = new Date(due.getTime() - (naturalMs(remindBefore) ?? 0));
        const managerId = Number(c.manager_id);
        const part = byManager.get(managerId)
          ?? { name: c.manager_name, supervisorId: c.supervisor_id == null ? null : Number(c.supervisor_id), visits: [] };
        byManager.set(managerId, part);
        part.visits.push({
          customer_id: Number(c.id), tier: Number(c.tier), every, due_at: due.toISOString(),
          remind_at: remind > madeAt ? remind.toISOString() : null, close_at: new Date(due.getTime() + (naturalMs(lateGrace) ?? 0)).toISOString(),
        });
      }
      return em.transactional(async (tx) => {
        // Runs for the same week take turns, so each sees what the other planned.
        await tx.execute(`select pg_advisory_xact_lock(hashtext('dutyflow.visitPlan'), hashtext(?))`, [period]);
        const week: PlannedWeek = { period, parts: [], visits: 0, existing: 0 };
        for (const [managerId, part] of byManager) {
          const instanceId = planInstanceId(input.taskQueue, period, managerId);
          const existing = await tx.findOne(ProcessInstanceSchema, { id: instanceId });
          if (existing) {
            week.existing += 1;
            // Written by a run that died before its workflow started: this run starts it now (a second start is refused by Temporal).
            // One whose run ended without starting it (the start sweep failed it): this run starts it, with its visits.
            const revived = existing.status === 'failed' && await startFailed(tx, instanceId);
            if (revived) {
              Object.assign(existing, { status: 'starting', endedAt: null });
              appendAudit(tx, { type: 'instance.startRetried', instanceId, data: { period } });
            }
            if (existing.status === 'starting') {
              existing.parentWorkflowId = input.parentWorkflowId ?? (revived ? null : existing.parentWorkflowId);
              week.parts.push({ instanceId, managerId, supervisorId: part.supervisorId, visits: Number(existing.summary.visits ?? 0) });
            }
            continue;
          }
          const inserted = await tx.execute<{ customer_id: number }[]>(INSERT_VISITS, [period, managerId, instanceId, JSON.stringify(part.visits)]);
          if (!inserted.length) continue; // every one already in another plan of the week (moved between managers)
          tx.create(ProcessInstanceSchema, {
            id: instanceId, processKey: 'visit-plan', businessKey: `visit-plan:${period}:${managerId}`, status: 'starting', startedBy: managerId,
            startRequestId: `visit-plan:${period}:${managerId}`, title: `${part.name} ${period} 周拜访计划`,
            parentWorkflowId: input.parentWorkflowId ?? null,
            summary: { period, managerId, visits: inserted.length, done: 0, missed: 0, overdue: 0, scheduled: input.scheduled },
          });
          appendAudit(tx, {
            type: 'instance.started', instanceId, data: { processKey: 'visit-plan', period, visits: inserted.length, scheduled: input.scheduled },
          });
          week.parts.push({ instanceId, managerId, supervisorId: part.supervisorId, visits: inserted.length });
          week.visits += inserted.length;
        }
        return week;
      });
    },

    /** The plan's workflow has started: its instance runs, and these are its visits, in the manager's route order. */
    async startVisitPlan(input: { instanceId: string }): Promise<PlannedVisitSpec[]> {
      await markStarted(orm, input.instanceId);
      const rows = await orm.em.fork().execute<Record<string, unknown>[]>(PLAN_VISITS, [input.instanceId]);
      return rows.map((r) => ({
        customerId: Number(r.customer_id), customerCode: String(r.code), customerName: String(r.name), address: (r.address as string | null) ?? null,
        tier: Number(r.tier), every: r.every as VisitFrequency, dueAt: new Date(String(r.due_at)).toISOString(),
        remindAt: r.remind_at == null ? null : new Date(String(r.remind_at)).toISOString(), closeAt: new Date(String(r.close_at)).toISOString(),
      }));
    },

    /** One planned visit's step, with its audit event for the timeline; a step already written writes nothing again. */
    async recordPlannedVisit(input: PlannedVisitStep): Promise<void> {
      await orm.em.fork().transactional(async (tx) => {
        const row = await tx.findOneOrFail(PlannedVisitSchema, { instanceId: input.instanceId, customerId: input.customerId });
        const audit = (type: string, data: Record<string, unknown> = {}) =>
          appendAudit(tx, { type, instanceId: input.instanceId, data: { customerId: input.customerId, ...data } });
        if (input.step === 'done') {
          if (row.status === 'done') return;
          const task = await tx.findOneOrFail(TaskSchema, { id: input.taskId });
          row.status = 'done';
          row.doneAt = task.completedAt ?? new Date();
          row.lateMinutes = lateMinutes(row.dueAt, row.doneAt);
          row.recordId = input.recordId;
          await storeVisit(tx, {
            recordId: input.recordId, instanceId: input.instanceId, customerId: input.customerId, source: 'plan', dueAt: row.dueAt,
            lateMinutes: row.lateMinutes, doneAt: row.doneAt,
          });
          audit('visitPlan.visited', { lateMinutes: row.lateMinutes });
        } else if (input.step === 'overdue') {
          if (row.overdueAt) return;
          row.overdueAt = new Date();
          audit('visitPlan.overdue');
        } else {
          if (row.status !== 'open') return;
          row.status = 'missed';
          audit('visitPlan.missed');
        }
        await tx.flush();
        await summarise(tx, input.instanceId);
      });
    },
  };
}

export type VisitPlanActivities = ReturnType<typeof createVisitPlanActivities>;
