import { Router } from 'express';
import type { Locale } from '../../forms/formDefinition.js';
import { createAllocationCycleService } from '../allocationCycles.js';
import { currentUser } from '../auth.js';
import type { ApiDeps } from '../deps.js';

/** The monthly allocation plans (月度货源投放): list, one month, its lines. Cycles start at POST /processes/allocation-cycle/instances. */
export function allocationCycleRoutes(deps: ApiDeps): Router {
  const router = Router();
  const cycles = createAllocationCycleService(deps.orm);
  router.get('/allocation/cycles', async (_req, res) => {
    res.json(await cycles.list(currentUser(res)));
  });
  router.get('/allocation/cycles/:month', async (req, res) => {
    res.json(await cycles.get(currentUser(res), req.params.month, req.query, res.locals.locale as Locale));
  });
  router.get('/allocation/cycles/:month/lines', async (req, res) => {
    res.json(await cycles.lines(currentUser(res), req.params.month, req.query, res.locals.locale as Locale));
  });
  return router;
}
