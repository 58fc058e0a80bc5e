import { Router, type Request, type Response } from 'express';
import type { Locale } from '../../forms/formDefinition.js';
import { currentUser } from '../http/auth.js';
import { createAvailabilityService } from './availabilityService.js';
import type { ApiDeps } from '../http/deps.js';
import { createProductService } from './productService.js';
import type { ImportUpload } from '../http/spreadsheetImport.js';
import { serve } from '../http/apiRoute.js';
import { allocationDataApi } from './allocationDataApi.js';

/** The raw body of an import request, unread. */
function upload(req: Request): ImportUpload {
  return { contentType: req.get('content-type'), contentLength: req.get('content-length'), body: req };
}

/** Runs an import; a refused body is not read to its end (it may be huge), so the connection closes after the answer. */
async function importing(req: Request, res: Response, run: () => Promise<unknown>): Promise<void> {
  try {
    res.json(await run());
  } catch (err) {
    if (!req.complete) res.setHeader('Connection', 'close');
    throw err;
  }
}

/** What allocation is planned from: the product list (规格) and each month's availability (可供量), read and imported. */
export function allocationDataRoutes(deps: ApiDeps): Router {
  const router = Router();
  const products = createProductService(deps.orm);
  const availability = createAvailabilityService(deps.orm);

  serve(router, allocationDataApi.listProducts, async (req, res) => {
    res.json(await products.list(req.query, res.locals.locale as Locale));
  });
  serve(router, allocationDataApi.importProducts, async (req, res) => {
    await importing(req, res, () => products.import(currentUser(res), res.locals.locale as Locale, upload(req)));
  });
  serve(router, allocationDataApi.getAvailability, async (req, res) => {
    res.json(await availability.list(currentUser(res), req.query, res.locals.locale as Locale));
  });
  serve(router, allocationDataApi.importAvailability, async (req, res) => {
    await importing(req, res, () => availability.import(currentUser(res), res.locals.locale as Locale, req.query.month, upload(req)));
  });
  return router;
}
