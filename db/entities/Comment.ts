import { defineEntity, type InferEntity } from '@mikro-orm/core';

/**
 * One 评论 on a process instance, by someone who may see it. Not a step of the process: it lives here only
 * (no workflow knows of it). Its author's `requestId` makes a second send of the same comment that comment.
 */
export const CommentSchema = defineEntity({
  name: 'Comment',
  tableName: 'comments',
  properties: (p) => ({
    id: p.uuid().primary(),
    instanceId: p.uuid(),
    authorId: p.integer(),
    requestId: p.string().length(100),
    /** As written, trimmed. */
    text: p.text(),
    /** The users it @-mentions (each told), in the order written. */
    mentions: p.array<number>((v) => Number(v), (v) => String(v)).$type<number[]>(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
  uniques: [{ properties: ['authorId', 'requestId'] }],
});

export type Comment = InferEntity<typeof CommentSchema>;
