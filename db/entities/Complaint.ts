import { defineEntity, type InferEntity } from '@mikro-orm/core';

/** `assigning` → `handling` → `revisiting` → `closed` (不满意 goes back to `handling`); `cancelled`: its run failed. */
export const COMPLAINT_STATUSES = ['assigning', 'handling', 'revisiting', 'closed', 'cancelled'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** One complaint (投诉) as the complaint ledger (投诉台账) reads it; its process state lives in Temporal. */
export const ComplaintSchema = defineEntity({
  name: 'Complaint',
  tableName: 'complaints',
  properties: (p) => ({
    instanceId: p.uuid().primary(),
    /** TS + month + sequence, e.g. TS202612-0002. */
    code: p.string().length(20).unique(),
    /** Null: anonymous. */
    customerId: p.integer().nullable(),
    /** The customer's manager when it was recorded (null: anonymous). */
    managerId: p.integer().nullable(),
    /** Who assigns the handler: the supervisor of the customer's manager (null: the dept head, as a role). */
    supervisorId: p.integer().nullable(),
    complainedManagerId: p.integer().nullable(),
    recordedBy: p.integer(),
    recordedAt: p.datetime().onCreate(() => new Date()),
    channel: p.string().length(16),
    category: p.string().length(16),
    urgency: p.string().length(16),
    content: p.text(),
    status: p.enum([...COMPLAINT_STATUSES]).default('assigning'),
    handlerId: p.integer().nullable(),
    assignedAt: p.datetime().nullable(),
    responseDueAt: p.datetime().nullable(),
    respondedAt: p.datetime().nullable(),
    responseLateMinutes: p.integer().nullable(),
    resolveDueAt: p.datetime().nullable(),
    resolvedAt: p.datetime().nullable(),
    resolveLateMinutes: p.integer().nullable(),
    result: p.text().nullable(),
    /** Handling rounds so far (不满意 starts another). */
    rounds: p.integer().default(0),
    satisfaction: p.string().length(24).nullable(),
    revisitedBy: p.integer().nullable(),
    escalatedAt: p.datetime().nullable(),
    closedAt: p.datetime().nullable(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  }),
});

export type Complaint = InferEntity<typeof ComplaintSchema>;
