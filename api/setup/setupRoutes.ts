import { Router } from 'express';
import type { Locale } from '../../forms/formDefinition.js';
import type { ApiDeps } from '../http/deps.js';
import { requestLocale } from '../http/locale.js';
import { serve } from '../http/apiRoute.js';
import { createUserAdminService } from '../users/userAdminService.js';
import { setupApi } from './setupApi.js';

/** First start outside demo mode: is an admin needed, and creating that one admin. Served before the session check. */
export function setupRoutes(deps: ApiDeps): Router {
  const router = Router();
  const people = createUserAdminService(deps.orm);
  serve(router, setupApi.getSetup, async (_req, res) => {
    res.json(await people.setupStatus());
  });
  serve(router, setupApi.setupAdmin, async (req, res) => {
    const locale: Locale = requestLocale(req);
    res.status(201).json(await people.createFirstAdmin(req.body, locale));
  });
  return router;
}
