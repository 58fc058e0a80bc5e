import { Router, type Request, type Response } from 'express';
import type { Locale } from '../../forms/formDefinition.js';
import { contentDisposition } from '../attachments/attachmentRoutes.js';
import { serve } from '../http/apiRoute.js';
import { currentUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { XLSX_CONTENT_TYPE } from '../http/xlsxSheet.js';
import type { ReassignCustomersBody, UpdateCustomerBody } from './customerAdminContract.js';
import { customerAdminApi } from './customerAdminApi.js';
import { createCustomerAdminService } from './customerAdminService.js';
import { createCustomerImport } from './customerImport.js';

/** Runs an import; a refused body is not read to its end (it may be huge), so the connection closes after the answer. */
async function importing(req: Request, res: Response, run: () => Promise<unknown>): Promise<void> {
  try {
    res.json(await run());
  } catch (err) {
    if (!req.complete) res.setHeader('Connection', 'close');
    throw err;
  }
}

/** Customer master data (issue 14): import, export, edit, reassign. */
export function customerAdminRoutes(deps: ApiDeps): Router {
  const router = Router();
  const imports = createCustomerImport(deps.orm);
  const customers = createCustomerAdminService(deps.orm);

  serve(router, customerAdminApi.importCustomers, async (req, res) => {
    const upload = { contentType: req.get('content-type'), contentLength: req.get('content-length'), body: req };
    await importing(req, res, () => imports.import(currentUser(res), res.locals.locale as Locale, upload));
  });
  serve(router, customerAdminApi.exportCustomers, async (_req, res) => {
    const file = await customers.export(currentUser(res), res.locals.locale as Locale);
    res.setHeader('Content-Type', XLSX_CONTENT_TYPE);
    res.setHeader('Content-Disposition', contentDisposition(file.fileName, false));
    res.setHeader('Cache-Control', 'private, no-store');
    try {
      await file.write(res);
    } catch (err) {
      if (!res.headersSent) throw err;
      deps.log.warn({ err, file: file.fileName }, 'customer export interrupted');
      res.destroy();
    }
  });
  serve(router, customerAdminApi.updateCustomer, async (req, res) => {
    res.json(await customers.update(currentUser(res), req.params.id, req.body as UpdateCustomerBody));
  });
  serve(router, customerAdminApi.reassignCustomers, async (req, res) => {
    res.json(await customers.reassign(currentUser(res), res.locals.locale as Locale, req.body as ReassignCustomersBody));
  });
  return router;
}
