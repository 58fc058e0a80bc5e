import { Router } from 'express';
import { UserSchema } from '../../db/entities/index.js';
import { verifyPassword } from '../../db/passwords.js';
import { authenticate, currentUser, SESSION_COOKIE } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { UnauthorizedError } from '../http/errors.js';
import { objectBody } from '../http/requestBody.js';
import { serve } from '../http/apiRoute.js';
import { authApi } from './authApi.js';

/** A hash of a random password, with the same cost as real ones. */
const UNKNOWN_USER_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export function authRoutes(deps: ApiDeps): Router {
  const router = Router();
  serve(router, authApi.login, async (req, res) => {
    const body = objectBody(req.body);
    const username = typeof body.username === 'string' ? body.username : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const user = username
      ? await deps.orm.em.fork().findOne(UserSchema, { username, active: true })
      : null;
    // Hash even for an unknown user, so the answer's timing does not tell which usernames exist.
    const valid = await verifyPassword(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
    if (!user || !valid) throw new UnauthorizedError('badCredentials');
    const token = await deps.tokens.issue(user.id);
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 12 * 3600_000 });
    res.json({
      token,
      user: { id: user.id, username: user.username, displayName: user.displayName, roles: user.roles, locale: user.locale },
    });
  });
  serve(router, authApi.logout, authenticate(deps.orm, deps.tokens), (_req, res) => {
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });
  serve(router, authApi.getMe, authenticate(deps.orm, deps.tokens), (_req, res) => {
    res.json(currentUser(res));
  });
  return router;
}
