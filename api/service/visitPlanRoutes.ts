import { Router } from 'express';
import type { Locale } from '../../forms/formDefinition.js';
import { serve } from '../http/apiRoute.js';
import { currentUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { createVisitDay } from './visitDay.js';
import { visitPlanApi } from './visitPlanApi.js';

/** 差异化服务: the manager's day view of planned visits. The plans themselves are made by the weekly Schedule. */
export function visitPlanRoutes(deps: ApiDeps): Router {
  const router = Router();
  const day = createVisitDay(deps.orm);
  serve(router, visitPlanApi.visitDay, async (req, res) => {
    res.json(await day.today(currentUser(res), req.query, res.locals.locale as Locale));
  });
  return router;
}
