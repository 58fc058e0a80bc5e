import { Router } from 'express';
import type { ApiDeps } from '../http/deps.js';
import { serve } from '../http/apiRoute.js';
import { healthApi } from './healthApi.js';

/** `/healthz`: the process answers. `/readyz`: PostgreSQL and Temporal answer too. */
export function healthRoutes(deps: ApiDeps): Router {
  const router = Router();
  serve(router, healthApi.healthz, (_req, res) => {
    res.json({ status: 'ok' });
  });
  serve(router, healthApi.readyz, async (_req, res) => {
    const [database, temporal] = await Promise.all([
      deps.orm.em.fork().getConnection().execute('select 1').then(() => true, () => false),
      deps.temporal.workflowService
        .describeNamespace({ namespace: deps.config.temporal.namespace })
        .then(() => true, () => false),
    ]);
    const ready = database && temporal;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', database, temporal });
  });
  return router;
}
