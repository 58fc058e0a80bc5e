import { Router } from 'express';
import { currentUser, requireRole } from '../http/auth.js';
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

/** Whether PostgreSQL and Temporal answer, each within PROBE_MS. */
async function dependencies(deps: ApiDeps): Promise<{ database: boolean; temporal: boolean }> {
  const [database, temporal] = await Promise.all([
    answersWithin(PROBE_MS, () => deps.orm.em.fork().getConnection().execute('select 1')),
    answersWithin(PROBE_MS, () => deps.temporal.connection.withDeadline(Date.now() + PROBE_MS,
      () => deps.temporal.workflowService.describeNamespace({ namespace: deps.config.temporal.namespace }))),
  ]);
  return { database, temporal };
}

/** `GET /api/admin/health` (behind the session check): the dependencies and the reconciler's last pass. */
export function adminHealthRoutes(deps: ApiDeps): Router {
  const router = Router();
  serve(router, healthApi.adminHealth, async (_req, res) => {
    requireRole(currentUser(res), 'admin');
    const [last] = await deps.orm.em.fork().execute<{ finished_at: string | Date; counts: Record<string, number> }[]>(
      'select finished_at, counts from reconciliation where id = 1');
    res.json({
      ...(await dependencies(deps)),
      reconciliation: last ? { finishedAt: new Date(last.finished_at).toISOString(), counts: last.counts } : null,
    });
  });
  return router;
}

/** `/healthz`: the process answers. `/readyz`: PostgreSQL and Temporal answer too. */
export function healthRoutes(deps: ApiDeps): Router {
  const router = Router();
  serve(router, healthApi.healthz, (_req, res) => {
    res.json({ status: 'ok' });
  });
  serve(router, healthApi.readyz, async (_req, res) => {
    const { database, temporal } = await dependencies(deps);
    const ready = database && temporal;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', database, temporal });
  });
  return router;
}
