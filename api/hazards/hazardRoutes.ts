import { Router } from 'express';
import type { Locale } from '../../forms/formDefinition.js';
import { currentUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { EXPORT_CONTENT_TYPES, exportFileName, ledgerCsv, writeLedgerXlsx } from './hazardExport.js';
import { createHazardLedger, readLedgerQuery, requireLedgerReader } from './hazardLedger.js';
import { createHazardStats } from './hazardStats.js';
import { contentDisposition } from '../attachments/attachmentRoutes.js';
import { serve } from '../http/apiRoute.js';
import { hazardApi } from './hazardApi.js';

/** The hazard ledger (隐患台账): the list and its exports, statistics, and one hazard by code. */
export function hazardRoutes(deps: ApiDeps): Router {
  const router = Router();
  const ledger = createHazardLedger(deps.orm);
  const stats = createHazardStats(deps.orm);

  serve(router, hazardApi.listHazards, async (req, res) => {
    const user = currentUser(res);
    const locale = res.locals.locale as Locale;
    requireLedgerReader(user);
    const parsed = readLedgerQuery(req.query, locale);
    if (!parsed.format) {
      res.json(await ledger.list(user, parsed, req.query));
      return;
    }
    const items = await ledger.all(user, parsed, locale);
    res.setHeader('Content-Type', EXPORT_CONTENT_TYPES[parsed.format]);
    res.setHeader('Content-Disposition', contentDisposition(exportFileName(parsed.format, locale), false));
    res.setHeader('Cache-Control', 'private, no-store');
    if (parsed.format === 'csv') {
      res.send(ledgerCsv(items, locale));
      return;
    }
    try {
      await writeLedgerXlsx(items, locale, res);
    } catch (err) {
      // Once bytes are on their way, the error shape cannot follow: the client sees a cut response.
      if (!res.headersSent) throw err;
      deps.log.warn({ err }, 'hazard ledger export interrupted');
      res.destroy();
    }
  });
  // Before `/hazards/:code`, which would take `stats` for a code.
  serve(router, hazardApi.hazardStats, async (req, res) => {
    res.json(await stats.stats(currentUser(res), req.query, res.locals.locale as Locale));
  });
  serve(router, hazardApi.getHazard, async (req, res) => {
    res.json(await ledger.get(req.params.code, currentUser(res)));
  });
  return router;
}
