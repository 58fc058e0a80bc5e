import type { MikroORM } from '@mikro-orm/postgresql';
import { LearningRecordSchema, ProcessInstanceSchema, type LearningStatus } from '../db/entities/index.js';

/** What a step of a learning record's process changes in its row. */
export interface LearningStep {
  instanceId: string;
  status: Exclude<LearningStatus, 'submitted'>;
  /** With `acknowledged`: who acknowledged it. */
  by?: number;
}

/** Keeps each learning record's row (and its instance's summary) in step with its workflow; idempotent under retries. */
export function createLearningActivities(orm: MikroORM) {
  return {
    async recordLearningStep(step: LearningStep): Promise<void> {
      const em = orm.em.fork();
      const row = await em.findOneOrFail(LearningRecordSchema, { instanceId: step.instanceId });
      if (row.status === step.status) return; // a retry after the first attempt's commit
      row.status = step.status;
      if (step.status === 'acknowledged') {
        row.acknowledgedBy = step.by ?? null;
        row.acknowledgedAt = new Date();
      }
      const instance = await em.findOneOrFail(ProcessInstanceSchema, { id: step.instanceId });
      instance.summary = { ...instance.summary, learningStatus: step.status, acknowledgedBy: row.acknowledgedBy ?? null };
      await em.flush();
    },
  };
}

export type LearningActivities = ReturnType<typeof createLearningActivities>;
