import { defineEntity, type InferEntity } from '@mikro-orm/core';

/** `replying`: neither answered nor visited; `visiting`: answered, the visit is due; `closed`: visited; `cancelled`: its run failed. */
export const SERVICE_REQUEST_STATUSES = ['replying', 'visiting', 'closed', 'cancelled'] as const;
export type ServiceRequestStatus = (typeof SERVICE_REQUEST_STATUSES)[number];

/**
 * One customer service request (客户服务需求) as its ledger reads it: answered within 24 h, visited within
 * 48 h. Its process state lives in Temporal; activities write each step here, with its lateness.
 */
export const ServiceRequestSchema = defineEntity({
  name: 'ServiceRequest',
  tableName: 'service_requests',
  properties: (p) => ({
    instanceId: p.uuid().primary(),
    /** FW + month + sequence, e.g. FW202612-0003. */
    code: p.string().length(20).unique(),
    customerId: p.integer(),
    /** The customer's manager when the request came in: the one who answers and visits. */
    managerId: p.integer(),
    requestedBy: p.integer(),
    requestedAt: p.datetime().onCreate(() => new Date()),
    channel: p.string().length(16),
    category: p.string().length(16),
    content: p.text(),
    status: p.enum([...SERVICE_REQUEST_STATUSES]).default('replying'),
    replyDueAt: p.datetime().nullable(),
    repliedAt: p.datetime().nullable(),
    /** Minutes the reply came after its due time (0: on time); null until replied. */
    replyLateMinutes: p.integer().nullable(),
    visitDueAt: p.datetime().nullable(),
    visitedAt: p.datetime().nullable(),
    visitLateMinutes: p.integer().nullable(),
    /** When a missed deadline went to the supervisor (督办). */
    escalatedAt: p.datetime().nullable(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  }),
});

export type ServiceRequestRow = InferEntity<typeof ServiceRequestSchema>;

/** One visit record (拜访记录) as the visit ledger reads it; the full record (photos…) is its form record. */
export const CustomerVisitSchema = defineEntity({
  name: 'CustomerVisit',
  tableName: 'customer_visits',
  properties: (p) => ({
    /** The form record of the visit. */
    recordId: p.uuid().primary(),
    instanceId: p.uuid().index(),
    customerId: p.integer(),
    managerId: p.integer(),
    /** Why the visit was made: a service request (later also planned visits). */
    source: p.string().length(16).default('request'),
    arrivedAt: p.datetime(),
    checked: p.text(),
    followUps: p.text().nullable(),
    analysis: p.text(),
    photoCount: p.integer().default(0),
    hasLocation: p.boolean().default(false),
    dueAt: p.datetime().nullable(),
    /** Minutes the record came after its due time (0: on time). */
    lateMinutes: p.integer().default(0),
    recordedAt: p.datetime().onCreate(() => new Date()),
  }),
});

export type CustomerVisit = InferEntity<typeof CustomerVisitSchema>;
