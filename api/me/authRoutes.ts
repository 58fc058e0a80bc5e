import { Router } from 'express';
import { UserSchema } from '../../db/entities/index.js';
import { hashPassword, needsRehash, verifyPassword } from '../../db/passwords.js';
import { authenticate, currentUser, endSession, mustChangePassword, sessionUser, startSession } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { UnauthorizedError } from '../http/errors.js';
import type { LoginBody } from './meContract.js';
import { serve } from '../http/apiRoute.js';
import { authApi } from './authApi.js';
import { createLoginThrottle, LoginThrottledError } from './loginThrottle.js';

export function authRoutes(deps: ApiDeps): Router {
  const router = Router();
  const { publicUrl } = deps.config.webhooks;
  const throttle = createLoginThrottle(deps.orm, deps.config.login);
  const signedIn = authenticate(deps.orm, deps.tokens, publicUrl);

  serve(router, authApi.login, async (req, res) => {
    const { username, password } = req.body as LoginBody;
    // Refused before the costly hash, so a locked-out burst costs the server next to nothing.
    const attempt = await throttle.begin(username, req.ip ?? 'unknown');
    if (attempt.retryAfterSeconds) {
      res.set('Retry-After', String(attempt.retryAfterSeconds));
      throw new LoginThrottledError(attempt.retryAfterSeconds);
    }
    const em = deps.orm.em.fork();
    const user = username ? await em.findOne(UserSchema, { username, active: true }) : null;
    // Hashed even for an unknown user, so the answer's timing does not tell which usernames exist.
    const valid = await verifyPassword(password, user?.passwordHash);
    if (!user || !valid) {
      await attempt.failed();
      throw new UnauthorizedError('badCredentials');
    }
    await attempt.succeeded();
    // The password is at hand only now: a hash made at an older, weaker cost is redone at today's.
    if (needsRehash(user.passwordHash)) {
      user.passwordHash = await hashPassword(password);
      await em.flush();
    }
    const token = await startSession(deps.orm, deps.tokens, res, user.id, publicUrl);
    // The user as GET /api/me gives it, so the web app needs no second round trip to start.
    res.json({ token, user: { ...sessionUser(user), mustChangePassword: user.mustChangePassword } });
  });
  serve(router, authApi.logout, signedIn, async (_req, res) => {
    await endSession(deps.orm, res, publicUrl);
    res.status(204).end();
  });
  serve(router, authApi.getMe, signedIn, (_req, res) => {
    res.json({ ...currentUser(res), mustChangePassword: mustChangePassword(res) });
  });
  return router;
}
