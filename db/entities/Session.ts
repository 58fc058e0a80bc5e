import { defineEntity, type InferEntity } from '@mikro-orm/core';

/**
 * A signed-in session: its id is the token's `jti`. Every authenticated request reads this row (by primary
 * key), so ending a session here ends it at once on every API replica, though its token is still signed.
 */
export const SessionSchema = defineEntity({
  name: 'Session',
  tableName: 'sessions',
  properties: (p) => ({
    id: p.uuid().primary(),
    userId: p.integer(),
    createdAt: p.datetime().onCreate(() => new Date()),
    /** The token's expiry; expired rows are deleted at a later sign-in. */
    expiresAt: p.datetime(),
    /** Set by logout, a password change or the user's deactivation (a trigger of the migration). */
    revokedAt: p.datetime().nullable(),
  }),
});

export type Session = InferEntity<typeof SessionSchema>;
