import { Router } from 'express';
import type { Locale } from '../../forms/formDefinition.js';
import { currentUser, mustChangePassword } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { createSavedFilterService } from './savedFilterService.js';
import { createUserService } from '../users/userService.js';
import { createUserAdminService } from '../users/userAdminService.js';
import { serve } from '../http/apiRoute.js';
import { meApi } from './meApi.js';

/** The caller's own settings and saved inbox filters (`GET /api/me` itself is in authRoutes). */
export function meRoutes(deps: ApiDeps): Router {
  const router = Router();
  const users = createUserService(deps.orm);
  const filters = createSavedFilterService(deps.orm);
  const people = createUserAdminService(deps.orm);

  serve(router, meApi.updateMe, async (req, res) => {
    res.json({ ...await users.updateMe(currentUser(res), req.body), mustChangePassword: mustChangePassword(res) });
  });
  serve(router, meApi.changePassword, async (req, res) => {
    await people.changeOwnPassword(currentUser(res), res.locals.sessionId as string, req.body, res.locals.locale as Locale);
    res.status(204).end();
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
