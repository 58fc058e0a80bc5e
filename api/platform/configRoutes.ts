import { Router } from 'express';
import type { ApiDeps } from '../http/deps.js';
import { serve } from '../http/apiRoute.js';
import { configApi } from './configApi.js';

/** What the web app needs to know about this deployment (links into the Temporal Web UI). */
export function configRoutes(deps: ApiDeps): Router {
  const router = Router();
  serve(router, configApi.getClientConfig, (_req, res) => {
    res.json({ temporalUiUrl: deps.config.temporal.uiUrl, namespace: deps.config.temporal.namespace });
  });
  return router;
}
