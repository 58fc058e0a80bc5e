import { Router } from 'express';
import type { ApiDeps } from '../http/deps.js';
import { serve } from '../http/apiRoute.js';
import { healthApi } from './healthApi.js';

/** How long each readiness probe may take: a load balancer asking `/readyz` gets its answer within 2 s. */
const PROBE_MS = 1_500;

/** Whether `probe` succeeds within `ms` (a dependency that does not answer is not ready). */
function answersWithin(ms: number, probe: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), ms); });
  return Promise.race([probe().then(() => true, () => false), timeout]).finally(() => clearTimeout(timer));
}

/** `/healthz`: the process answers. `/readyz`: PostgreSQL and Temporal answer too. */
export function healthRoutes(deps: ApiDeps): Router {
  const router = Router();
  serve(router, healthApi.healthz, (_req, res) => {
    res.json({ status: 'ok' });
  });
  serve(router, healthApi.readyz, async (_req, res) => {
    const [database, temporal] = await Promise.all([
      answersWithin(PROBE_MS, () => deps.orm.em.fork().getConnection().execute('select 1')),
      answersWithin(PROBE_MS, () => deps.temporal.connection.withDeadline(Date.now() + PROBE_MS,
        () => deps.temporal.workflowService.describeNamespace({ namespace: deps.config.temporal.namespace }))),
    ]);
    const ready = database && temporal;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', database, temporal });
  });
  return router;
}
