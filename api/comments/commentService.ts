import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { announceComment } from '../../activities/notificationProducers.js';
import { appendAudit } from '../../db/audit.js';
import { CommentSchema, UserSchema, type Comment, type ProcessInstance } from '../../db/entities/index.js';
import type { FieldError, Locale } from '../../forms/formDefinition.js';
import { sessionUser, type SessionUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { ConflictError, ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import { apiNotifier } from '../notifications/apiNotifier.js';
import { maySee, visibleInstance } from '../processes/instanceService.js';
import type { CommentBody } from './commentContract.js';

/** The timeline event of a comment (its text is in the thread, not the audit log). */
export const COMMENT_EVENT = 'comment.added';

export function commentJson(comment: Comment) {
  return {
    id: comment.id, instanceId: comment.instanceId, authorId: comment.authorId, text: comment.text, mentions: comment.mentions,
    createdAt: comment.createdAt,
  };
}

/** What a request asks to store: the text trimmed, the mentions as given. */
interface CommentInput {
  requestId: string;
  text: string;
  mentions: number[];
}

/** 422 at `/mentions/<i>` for each mention of no active user, or of one who may not see `instance` (named). */
async function mentionErrors(deps: ApiDeps, em: EntityManager, instance: ProcessInstance, mentions: number[], locale: Locale): Promise<FieldError[]> {
  if (mentions.length === 0) return [];
  const people = new Map((await em.find(UserSchema, { id: { $in: mentions }, active: true })).map((u) => [u.id, u]));
  // Each person's visibility at once (a few queries each), not one mention after another.
  const errors = await Promise.all(mentions.map(async (id, index): Promise<FieldError | undefined> => {
    const person = people.get(id);
    if (!person) return { path: `/mentions/${index}`, message: t(locale, 'userMissing') };
    if (await maySee(deps.orm, em.fork(), instance, sessionUser(person))) return undefined;
    return { path: `/mentions/${index}`, message: t(locale, 'mentionNotVisible', { name: person.displayName }) };
  }));
  return errors.filter((e): e is FieldError => e !== undefined);
}

/**
 * The 评论 thread of a process instance: whoever may see the instance reads it and writes to it. A comment
 * moves no step of the process and no workflow knows of it: one transaction stores it with its timeline
 * event and its notifications, and the webhook deliveries go out after the commit.
 */
export function createCommentService(deps: ApiDeps) {
  /** The author's comment of this request id, if any. */
  const earlier = (em: EntityManager, user: SessionUser, requestId: string) => em.findOne(CommentSchema, { authorId: user.id, requestId });

  /** The same request again is the comment it made; the same id for anything else is a conflict. */
  const repeat = (comment: Comment, instance: ProcessInstance, input: CommentInput) => {
    const same = comment.instanceId === instance.id && comment.text === input.text
      && comment.mentions.length === input.mentions.length && comment.mentions.every((id, i) => id === input.mentions[i]);
    if (!same) throw new ConflictError('requestIdReused');
    return { comment: commentJson(comment), created: false };
  };

  async function create(instance: ProcessInstance, user: SessionUser, input: CommentInput): Promise<Comment> {
    return deps.orm.em.fork().transactional(async (tx) => {
      const comment = tx.create(CommentSchema, {
        id: randomUUID(), instanceId: instance.id, authorId: user.id, requestId: input.requestId, text: input.text, mentions: input.mentions,
      });
      appendAudit(tx, {
        type: COMMENT_EVENT, actorId: user.id, instanceId: instance.id,
        data: { commentId: comment.id, requestId: input.requestId, mentions: input.mentions },
      });
      // The comment first: a second request with this id fails here, before anyone is told.
      await tx.flush();
      await announceComment(tx, comment, instance, user.displayName);
      return comment;
    });
  }

  return {
    async list(id: string, user: SessionUser) {
      const em = deps.orm.em.fork();
      const instance = await visibleInstance(deps.orm, em, id, user);
      const comments = await em.find(CommentSchema, { instanceId: instance.id }, { orderBy: { createdAt: 'asc', id: 'asc' } });
      return { items: comments.map(commentJson) };
    },

    /** Stores a comment (`created`), or answers the one this request made before. */
    async add(id: string, user: SessionUser, body: CommentBody, locale: Locale) {
      const em = deps.orm.em.fork();
      const instance = await visibleInstance(deps.orm, em, id, user);
      const input: CommentInput = { requestId: body.requestId, text: body.text.trim(), mentions: body.mentions ?? [] };
      const before = await earlier(em, user, input.requestId);
      if (before) return repeat(before, instance, input);
      const errors = await mentionErrors(deps, em, instance, input.mentions, locale);
      if (errors.length) throw new ValidationError(errors);
      let comment: Comment;
      try {
        comment = await create(instance, user, input);
      } catch (err) {
        // The same request sent twice at once: the other one stored it.
        const again = err instanceof UniqueConstraintViolationException ? await earlier(deps.orm.em.fork(), user, input.requestId) : null;
        if (again) return repeat(again, instance, input);
        throw err;
      }
      await apiNotifier(deps).dispatch({ instanceId: instance.id });
      return { comment: commentJson(comment), created: true };
    },
  };
}
