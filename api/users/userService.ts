import type { MikroORM } from '@mikro-orm/postgresql';
import { UserSchema } from '../../db/entities/index.js';
import { sessionUser, type SessionUser } from '../http/auth.js';
import type { UpdateMeBody } from '../me/meContract.js';

/** The people directory (names for ids) and the caller's own settings. */
export function createUserService(orm: MikroORM) {
  return {
    /** Active users with what a client shows for an id; nothing else (no hashes, no supervisor chain). */
    async list() {
      const users = await orm.em.fork().find(UserSchema, { active: true }, { orderBy: { id: 'asc' } });
      return { items: users.map((u) => ({ id: u.id, username: u.username, displayName: u.displayName, roles: u.roles })) };
    },

    /** Sets the caller's language; later requests without Accept-Language answer in it. */
    async updateMe(user: SessionUser, { locale: wanted }: UpdateMeBody): Promise<SessionUser> {
      const em = orm.em.fork();
      const row = await em.findOneOrFail(UserSchema, { id: user.id });
      row.locale = wanted;
      await em.flush();
      return sessionUser(row);
    },
  };
}
