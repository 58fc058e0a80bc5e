import { Router } from 'express';
import type { Locale } from '../../forms/formDefinition.js';
import { currentUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { createSavedFilterService } from './savedFilterService.js';
import { createUserService } from '../users/userService.js';

/** The caller's own settings and saved inbox filters (`GET /api/me` itself is in authRoutes). */
export function meRoutes(deps: ApiDeps): Router {
  const router = Router();
  const users = createUserService(deps.orm);
  const filters = createSavedFilterService(deps.orm);

  router.patch('/me', async (req, res) => {
    res.json(await users.updateMe(currentUser(res), req.body, res.locals.locale as Locale));
  });
  router.get('/me/filters', async (_req, res) => {
    res.json(await filters.list(currentUser(res)));
  });
  router.post('/me/filters', async (req, res) => {
    const { filter, created } = await filters.save(currentUser(res), req.body, res.locals.locale as Locale);
    res.status(created ? 201 : 200).json(filter);
  });
  router.delete('/me/filters/:id', async (req, res) => {
    await filters.remove(currentUser(res), req.params.id);
    res.status(204).end();
  });
  return router;
}
