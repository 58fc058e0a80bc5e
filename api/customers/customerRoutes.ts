import { Router } from 'express';
import { currentUser } from '../http/auth.js';
import { createCustomerService } from './customerService.js';
import type { ApiDeps } from '../http/deps.js';

export function customerRoutes(deps: ApiDeps): Router {
  const router = Router();
  const customers = createCustomerService(deps.orm);
  router.get('/customers', async (req, res) => {
    res.json(await customers.list(currentUser(res), req.query));
  });
  router.get('/customers/:id', async (req, res) => {
    res.json(await customers.get(req.params.id, currentUser(res)));
  });
  return router;
}
