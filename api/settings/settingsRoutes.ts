import { Router } from 'express';
import type { Locale } from '../../forms/formDefinition.js';
import { currentUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { serve } from '../http/apiRoute.js';
import { settingsApi } from './settingsApi.js';
import type { BusinessSettingsBody } from './settingsContract.js';
import { createSettingsService } from './settingsService.js';

/** 业务参数: the deadlines and thresholds new processes start with (issue 14). */
export function settingsRoutes(deps: ApiDeps): Router {
  const router = Router();
  const settings = createSettingsService(deps.orm, deps.config, deps.temporal,
    (err) => deps.log.warn({ err }, 'could not give the schedules the new settings'));
  serve(router, settingsApi.getSettings, async (_req, res) => {
    res.json(await settings.view(currentUser(res)));
  });
  serve(router, settingsApi.putSettings, async (req, res) => {
    res.json(await settings.save(currentUser(res), req.body as BusinessSettingsBody, res.locals.locale as Locale));
  });
  return router;
}
