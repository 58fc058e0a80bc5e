import { Router, type Response } from 'express';
import type { Locale } from '../../forms/formDefinition.js';
import { contentDisposition } from '../attachments/attachmentRoutes.js';
import { EXPORT_CONTENT_TYPES } from '../hazards/hazardExport.js';
import type { ExportFormat } from '../hazards/hazardLedger.js';
import { serve } from '../http/apiRoute.js';
import { currentUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { serviceApi } from './serviceApi.js';
import { SERVICE_EXPORTS, serviceCsv, serviceExportName, writeServiceXlsx } from './serviceExport.js';
import { createServiceLedgers, readComplaintQuery, readVisitQuery } from './serviceLedgers.js';
import { createServiceReport } from './serviceReport.js';
import { createCustomerTimeline } from './customerTimeline.js';

/** 投诉台账 and 拜访记录: the lists and their exports. Requests and complaints start as processes. */
export function serviceRoutes(deps: ApiDeps): Router {
  const router = Router();
  const ledgers = createServiceLedgers(deps.orm);
  const report = createServiceReport(deps.orm);
  const timeline = createCustomerTimeline(deps.orm);

  async function send<T>(res: Response, kind: keyof typeof SERVICE_EXPORTS, format: ExportFormat, items: T[], locale: Locale) {
    const { columns, sheet } = SERVICE_EXPORTS[kind] as unknown as { columns: Parameters<typeof serviceCsv<T>>[0]; sheet: Record<Locale, string> };
    res.setHeader('Content-Type', EXPORT_CONTENT_TYPES[format]);
    res.setHeader('Content-Disposition', contentDisposition(serviceExportName(kind, format, locale), false));
    res.setHeader('Cache-Control', 'private, no-store');
    if (format === 'csv') {
      res.send(serviceCsv(columns, items, locale));
      return;
    }
    try {
      await writeServiceXlsx(columns, sheet[locale], items, locale, res);
    } catch (err) {
      // Once bytes are on their way, the error shape cannot follow: the client sees a cut response.
      if (!res.headersSent) throw err;
      deps.log.warn({ err, kind }, 'service ledger export interrupted');
      res.destroy();
    }
  }

  serve(router, serviceApi.listComplaints, async (req, res) => {
    const user = currentUser(res);
    const locale = res.locals.locale as Locale;
    const parsed = readComplaintQuery(req.query, locale);
    if (!parsed.format) {
      res.json(await ledgers.complaints(user, parsed, req.query));
      return;
    }
    await send(res, 'complaints', parsed.format, await ledgers.allComplaints(user, parsed, locale), locale);
  });
  serve(router, serviceApi.listVisits, async (req, res) => {
    const user = currentUser(res);
    const locale = res.locals.locale as Locale;
    const parsed = readVisitQuery(req.query, locale);
    if (!parsed.format) {
      res.json(await ledgers.visits(user, parsed, req.query));
      return;
    }
    await send(res, 'visits', parsed.format, await ledgers.allVisits(user, parsed, locale), locale);
  });
  serve(router, serviceApi.serviceReport, async (req, res) => {
    res.json(await report.report(currentUser(res), req.query, res.locals.locale as Locale));
  });
  serve(router, serviceApi.customerTimeline, async (req, res) => {
    res.json(await timeline.timeline(req.params.id, currentUser(res)));
  });
  return router;
}
