import { Router } from 'express';
import type { Locale } from '../../forms/formDefinition.js';
import { currentUser } from '../http/auth.js';
import { createAvailabilityService } from './availabilityService.js';
import type { ApiDeps } from '../http/deps.js';
import { createProductService } from './productService.js';
import { answerImport, importUpload } from '../http/importRoute.js';
import { serve } from '../http/apiRoute.js';
import { allocationDataApi } from './allocationDataApi.js';

/** What allocation is planned from: the product list (规格) and each month's availability (可供量), read and imported. */
export function allocationDataRoutes(deps: ApiDeps): Router {
  const router = Router();
  const products = createProductService(deps.orm);
  const availability = createAvailabilityService(deps.orm);

  serve(router, allocationDataApi.listProducts, async (req, res) => {
    res.json(await products.list(req.query, res.locals.locale as Locale));
  });
  serve(router, allocationDataApi.importProducts, async (req, res) => {
    await answerImport(req, res, () => products.import(currentUser(res), res.locals.locale as Locale, importUpload(req)));
  });
  serve(router, allocationDataApi.getAvailability, async (req, res) => {
    res.json(await availability.list(currentUser(res), req.query, res.locals.locale as Locale));
  });
  serve(router, allocationDataApi.importAvailability, async (req, res) => {
    await answerImport(req, res, () => availability.import(currentUser(res), res.locals.locale as Locale, req.query.month, importUpload(req)));
  });
  return router;
}
