import { defineEntity, type InferEntity } from '@mikro-orm/core';

/**
 * An uploaded file (photo, document) as forms refer to it by id. The bytes live outside the
 * database, content-addressed by `sha256` (see api/attachmentStore): rows with the same bytes share one file.
 */
export const AttachmentSchema = defineEntity({
  name: 'Attachment',
  tableName: 'attachments',
  properties: (p) => ({
    id: p.uuid().primary(),
    sha256: p.character().length(64),
    size: p.integer(),
    contentType: p.string().length(100),
    fileName: p.string().length(200),
    uploadedBy: p.integer(),
    /** The process instance whose records use it; null until a form that starts a process links it. */
    instanceId: p.uuid().nullable().index(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});

export type Attachment = InferEntity<typeof AttachmentSchema>;
