import type { MikroORM } from '@mikro-orm/postgresql';
import { CustomerSchema, ProcessInstanceSchema, TierChangeSchema } from '../db/entities/index.js';
import type { ProcessEnd } from '../workflows/types.js';
import { appendAudit } from './audit.js';
import { nextAllocationMonth } from './calendar.js';

/** Side effects that end or apply a process run; idempotent under Temporal retries. */
export function createProcessActivities(orm: MikroORM) {
  return {
    async finishInstance(input: { instanceId: string; status: ProcessEnd; summary?: Record<string, unknown> }): Promise<void> {
      const em = orm.em.fork();
      const instance = await em.findOneOrFail(ProcessInstanceSchema, { id: input.instanceId });
      if (instance.status !== 'running') return;
      instance.status = input.status;
      instance.endedAt = new Date();
      instance.currentStep = null;
      instance.summary = { ...instance.summary, ...input.summary };
      appendAudit(em, { type: `instance.${input.status}`, instanceId: instance.id, data: input.summary ?? {} });
      await em.flush();
    },

    /** Changes the customer's tier and writes its history row, once per instance. */
    async applyTierChange(input: { instanceId: string; customerId: number; toTier: number; decidedBy: number }):
      Promise<{ effectiveFrom: string }> {
      const em = orm.em.fork();
      const done = await em.findOne(TierChangeSchema, { instanceId: input.instanceId });
      if (done) return { effectiveFrom: done.effectiveFrom };
      return em.transactional(async (tx) => {
        const customer = await tx.findOneOrFail(CustomerSchema, { id: input.customerId }, { lockMode: 4 /* pessimistic write */ });
        const effectiveFrom = nextAllocationMonth(new Date());
        tx.create(TierChangeSchema, {
          customerId: customer.id, fromTier: customer.tier, toTier: input.toTier,
          effectiveFrom, instanceId: input.instanceId, decidedBy: input.decidedBy,
        });
        appendAudit(tx, {
          type: 'customer.tierChanged', actorId: input.decidedBy, instanceId: input.instanceId,
          data: { customerId: customer.id, fromTier: customer.tier, toTier: input.toTier, effectiveFrom },
        });
        customer.tier = input.toTier;
        return { effectiveFrom };
      });
    },
  };
}

export type ProcessActivities = ReturnType<typeof createProcessActivities>;
