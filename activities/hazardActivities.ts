import type { MikroORM } from '@mikro-orm/postgresql';
import { HazardSchema, ProcessInstanceSchema, type HazardStatus } from '../db/entities/index.js';
import { daysLate } from '../domain/calendar.js';

/** What one step of a hazard's rectification puts into the ledger (隐患台账). */
export interface HazardStep {
  instanceId: string;
  status: HazardStatus;
  assessed?: { level: string | null; by: number; result?: string };
  notice?: { responsibleId: number; deadline: string; measures: string; funds?: number };
  /** A rectification report came in (round n): its lateness against the deadline is recorded. */
  rectified?: { round: number };
  escalated?: boolean;
  verified?: { by: number; passed: boolean; comment?: string };
}

/** Keeps each hazard's ledger row in step with its workflow; idempotent under retries. */
export function createHazardActivities(orm: MikroORM) {
  return {
    async recordHazardStep(step: HazardStep): Promise<void> {
      const em = orm.em.fork();
      const hazard = await em.findOneOrFail(HazardSchema, { instanceId: step.instanceId });
      const now = new Date();
      hazard.status = step.status;
      if (step.assessed) {
        hazard.level = step.assessed.level;
        hazard.assessedBy = step.assessed.by;
        hazard.assessedAt = now;
        if (step.assessed.result !== undefined) hazard.result = step.assessed.result;
      }
      if (step.notice) {
        hazard.responsibleId = step.notice.responsibleId;
        hazard.deadline = step.notice.deadline;
        hazard.measures = step.notice.measures;
        hazard.funds = step.notice.funds === undefined ? null : String(step.notice.funds);
      }
      if (step.rectified) {
        hazard.rounds = step.rectified.round;
        hazard.rectifiedAt = now;
        if (hazard.deadline) hazard.overdueDays = Math.max(hazard.overdueDays, daysLate(hazard.deadline, now));
      }
      if (step.escalated && !hazard.escalatedAt) hazard.escalatedAt = now;
      if (step.verified) {
        hazard.verifiedBy = step.verified.by;
        hazard.result = step.verified.comment ?? null;
        if (step.verified.passed) hazard.closedAt = now;
      }
      const instance = await em.findOneOrFail(ProcessInstanceSchema, { id: step.instanceId });
      instance.summary = { ...instance.summary, hazardStatus: hazard.status, level: hazard.level, deadline: hazard.deadline };
      await em.flush();
    },
  };
}

export type HazardActivities = ReturnType<typeof createHazardActivities>;
