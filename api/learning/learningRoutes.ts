import { Router } from 'express';
import type { Locale } from '../../forms/formDefinition.js';
import { currentUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { createLearningRecords } from './learningRecords.js';
import { serve } from '../http/apiRoute.js';
import { learningApi } from './learningApi.js';

/** Learning records (学习记录): one person's year. Submitting one is `POST /api/processes/learning-record/instances`. */
export function learningRoutes(deps: ApiDeps): Router {
  const router = Router();
  const records = createLearningRecords(deps.orm);
  serve(router, learningApi.listLearningRecords, async (req, res) => {
    res.json(await records.list(currentUser(res), req.query, res.locals.locale as Locale));
  });
  return router;
}
