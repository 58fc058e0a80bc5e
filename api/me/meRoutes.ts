import { Router } from 'express';
import type { Locale } from '../../forms/formDefinition.js';
import { currentUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { createSavedFilterService } from './savedFilterService.js';
import { createUserService } from '../users/userService.js';
import { serve } from '../http/apiRoute.js';
import { meApi } from './meApi.js';

/** The caller's own settings and saved inbox filters (`GET /api/me` itself is in authRoutes). */
export function meRoutes(deps: ApiDeps): Router {
  const router = Router();
  const users = createUserService(deps.orm);
  const filters = createSavedFilterService(deps.orm);

  serve(router, meApi.updateMe, async (req, res) => {
    res.json(await users.updateMe(currentUser(res), req.body));
  });
  serve(router, meApi.listSavedFilters, async (_req, res) => {
    res.json(await filters.list(currentUser(res)));
  });
  serve(router, meApi.saveFilter, async (req, res) => {
    const { filter, created } = await filters.save(currentUser(res), req.body, res.locals.locale as Locale);
    res.status(created ? 201 : 200).json(filter);
  });
  serve(router, meApi.deleteSavedFilter, async (req, res) => {
    await filters.remove(currentUser(res), req.params.id);
    res.status(204).end();
  });
  return router;
}
