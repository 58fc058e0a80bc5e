import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { SavedFilterSchema, type SavedFilter } from '../../db/entities/index.js';
import type { Locale } from '../../forms/formDefinition.js';
import type { SessionUser } from '../http/auth.js';
import { NotFoundError, ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import { isUuid } from '../http/requestBody.js';
import { FILTERS_PER_USER, type SavedFilterBody } from './meContract.js';

/** First key of the per-user advisory lock that serialises one user's saves (the second is the user id). */
const SAVE_LOCK = 0x5f11_7e25;

export function savedFilterJson(filter: SavedFilter) {
  return { id: filter.id, name: filter.name, query: filter.query, createdAt: filter.createdAt };
}

/** Each user's named inbox filters: only ever their own. */
export function createSavedFilterService(orm: MikroORM) {
  return {
    async list(user: SessionUser) {
      const filters = await orm.em.fork().find(SavedFilterSchema, { userId: user.id }, { orderBy: { name: 'asc' } });
      return { items: filters.map(savedFilterJson) };
    },

    /** Saves `{name, query}`; a name the user already has gets the new query (`created: false`), so a double submit stays one. */
    async save(user: SessionUser, body: SavedFilterBody, locale: Locale) {
      const input = { name: body.name.trim(), query: body.query as Record<string, string> };
      const { filter, created } = await orm.em.fork().transactional(async (tx) => {
        // One save per user at a time: the second of two equal requests finds the first one's row, and the limit holds.
        await tx.execute('select pg_advisory_xact_lock(?, ?)', [SAVE_LOCK, user.id]);
        const existing = await tx.findOne(SavedFilterSchema, { userId: user.id, name: input.name });
        if (existing) {
          existing.query = input.query;
          return { filter: existing, created: false };
        }
        if ((await tx.count(SavedFilterSchema, { userId: user.id })) >= FILTERS_PER_USER) {
          throw new ValidationError([{ path: '/name', message: t(locale, 'tooManyFilters', { max: FILTERS_PER_USER }) }]);
        }
        return { filter: tx.create(SavedFilterSchema, { id: randomUUID(), userId: user.id, name: input.name, query: input.query }), created: true };
      });
      // After the commit: createdAt is set by the flush.
      return { filter: savedFilterJson(filter), created };
    },

    /** Deletes one of the caller's filters; another user's (or no such) filter is 404. */
    async remove(user: SessionUser, id: string): Promise<void> {
      const deleted = isUuid(id) ? await orm.em.fork().nativeDelete(SavedFilterSchema, { id, userId: user.id }) : 0;
      if (deleted === 0) throw new NotFoundError('filter');
    },
  };
}
