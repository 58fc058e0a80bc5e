import { Router } from 'express';
import type { Locale } from '../../forms/formDefinition.js';
import { ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import { contentDisposition } from '../attachments/attachmentRoutes.js';
import { serve } from '../http/apiRoute.js';
import { answerImport, importUpload } from '../http/importRoute.js';
import { currentUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { XLSX_CONTENT_TYPE } from '../http/xlsxSheet.js';
import type { ReassignCustomersBody, UpdateCustomerBody } from './customerAdminContract.js';
import { customerAdminApi } from './customerAdminApi.js';
import { createCustomerAdminService } from './customerAdminService.js';
import { createCustomerImport } from './customerImport.js';

/** `?dryRun=true|false` (absent: false); else 422 at `/dryRun`. */
function dryRunParam(value: unknown, locale: Locale): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new ValidationError([{ path: '/dryRun', message: t(locale, 'notBoolean') }]);
}

/** Customer master data (issue 14): import, export, edit, reassign. */
export function customerAdminRoutes(deps: ApiDeps): Router {
  const router = Router();
  const imports = createCustomerImport(deps.orm);
  const customers = createCustomerAdminService(deps.orm, deps.temporal);

  serve(router, customerAdminApi.importCustomers, async (req, res) => {
    const locale = res.locals.locale as Locale;
    await answerImport(req, res, () => imports.import(currentUser(res), locale, importUpload(req), dryRunParam(req.query.dryRun, locale)));
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
