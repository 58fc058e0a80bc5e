import { defineEntity, type InferEntity } from '@mikro-orm/core';

/** A record the job standard asks for: the data of one submitted form, as it was submitted. */
export const FormRecordSchema = defineEntity({
  name: 'FormRecord',
  tableName: 'form_records',
  properties: (p) => ({
    id: p.uuid().primary(),
    formKey: p.string().length(60),
    formVersion: p.integer(),
    data: p.json<Record<string, unknown>>(),
    instanceId: p.uuid().nullable().index(),
    /** At most one record completes a task. */
    taskId: p.uuid().nullable().unique(),
    requestId: p.string().length(100).nullable(),
    createdBy: p.integer(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});

export type FormRecord = InferEntity<typeof FormRecordSchema>;
