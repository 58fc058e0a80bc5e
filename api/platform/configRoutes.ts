import { Router } from 'express';
import type { ApiDeps } from '../http/deps.js';

/** What the web app needs to know about this deployment (links into the Temporal Web UI). */
export function configRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.get('/config', (_req, res) => {
    res.json({ temporalUiUrl: deps.config.temporal.uiUrl, namespace: deps.config.temporal.namespace });
  });
  return router;
}
