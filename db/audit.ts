import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditEventSchema } from './entities/index.js';

export interface AuditEntry {
  type: string;
  actorId?: number | null;
  instanceId?: string | null;
  taskId?: string | null;
  data?: Record<string, unknown>;
}

/**
 * The audit events of a task handed on, by 转交 and by 加签: the task row keeps only its new holder, these keep
 * who handed it on (their 已办, their part in the process).
 */
export const HAND_OVER_EVENTS = { transfer: 'task.transferred', addSigner: 'task.signerAdded' } as const;

/** Queues one audit event in `em`; it is written with the caller's flush/transaction. */
export function appendAudit(em: EntityManager, entry: AuditEntry): void {
  em.create(AuditEventSchema, {
    type: entry.type,
    actorId: entry.actorId ?? null,
    instanceId: entry.instanceId ?? null,
    taskId: entry.taskId ?? null,
    data: entry.data ?? {},
  });
}
