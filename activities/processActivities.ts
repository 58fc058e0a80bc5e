import { LockMode, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import { CustomerSchema, OPEN_INSTANCE_STATUSES, ProcessInstanceSchema, TierChangeSchema } from '../db/entities/index.js';
import type { ProcessEnd } from '../workflows/types.js';
import { appendAudit } from '../db/audit.js';
import { nextAllocationMonth } from '../domain/chinaTime.js';
import { announceEnded } from './notificationProducers.js';
import type { Notifier } from './notifications.js';

/** Closes an open instance in `em`'s unit of work (and tells its starter); false if it had already ended. */
async function closeInstance(em: EntityManager, instanceId: string, status: ProcessEnd, summary: Record<string, unknown>) {
  const instance = await em.findOneOrFail(ProcessInstanceSchema, { id: instanceId });
  // `starting` too: its workflow has ended before the start was marked, so it surely ran.
  if (!(OPEN_INSTANCE_STATUSES as readonly string[]).includes(instance.status)) return false;
  instance.status = status;
  instance.endedAt = new Date();
  instance.currentStep = null;
  instance.summary = { ...instance.summary, ...summary };
  appendAudit(em, { type: `instance.${status}`, instanceId, data: summary });
  await announceEnded(em, instance);
  return true;
}

/** Side effects that end or apply a process run; idempotent under Temporal retries. */
export function createProcessActivities(orm: MikroORM, notifier: Notifier) {
  return {
    async finishInstance(input: { instanceId: string; status: ProcessEnd; summary?: Record<string, unknown> }): Promise<void> {
      await orm.em.fork().transactional((tx) => closeInstance(tx, input.instanceId, input.status, input.summary ?? {}));
      await notifier.dispatch({ instanceId: input.instanceId });
    },

    /** A revision changed what the instance is about: its title and summary follow. */
    async reviseInstance(input: { instanceId: string; title: string; summary: Record<string, unknown> }): Promise<void> {
      const em = orm.em.fork();
      const instance = await em.findOneOrFail(ProcessInstanceSchema, { id: input.instanceId });
      instance.title = input.title;
      instance.summary = { ...instance.summary, ...input.summary };
      await em.flush();
    },

    /**
     * An approved regrade, in one transaction: the customer's tier and its history change (from the
     * next allocation month) and the instance completes. A retry returns the first result.
     */
    async approveRegrade(input: { instanceId: string; customerId: number; toTier: number; decidedBy: number }):
      Promise<{ effectiveFrom: string }> {
      const result = await orm.em.fork().transactional(async (tx) => {
        const customer = await tx.findOneOrFail(CustomerSchema, { id: input.customerId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        const done = await tx.findOne(TierChangeSchema, { instanceId: input.instanceId });
        if (done) return { effectiveFrom: done.effectiveFrom };
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
        await closeInstance(tx, input.instanceId, 'completed', { toTier: input.toTier, effectiveFrom });
        return { effectiveFrom };
      });
      await notifier.dispatch({ instanceId: input.instanceId });
      return result;
    },
  };
}

export type ProcessActivities = ReturnType<typeof createProcessActivities>;
