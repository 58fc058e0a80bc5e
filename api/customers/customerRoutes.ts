import { Router } from 'express';
import type { Locale } from '../../forms/formDefinition.js';
import { currentUser } from '../http/auth.js';
import { createCustomerService } from './customerService.js';
import type { ApiDeps } from '../http/deps.js';
import { serve } from '../http/apiRoute.js';
import { customerApi } from './customerApi.js';

export function customerRoutes(deps: ApiDeps): Router {
  const router = Router();
  const customers = createCustomerService(deps.orm);
  serve(router, customerApi.listCustomers, async (req, res) => {
    res.json(await customers.list(currentUser(res), req.query, res.locals.locale as Locale));
  });
  serve(router, customerApi.getCustomer, async (req, res) => {
    res.json(await customers.get(req.params.id, currentUser(res)));
  });
  return router;
}
