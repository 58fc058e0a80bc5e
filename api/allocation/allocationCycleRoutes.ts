import { Router, type Response } from 'express';
import type { Locale } from '../../forms/formDefinition.js';
import { createAllocationExport, type PreparedWorkbook } from './allocationExport.js';
import { createAllocationCycleService } from './allocationCycles.js';
import { createAllocationSummaryExport } from './allocationSummaryExport.js';
import { currentUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { XLSX_CONTENT_TYPE } from '../http/xlsxSheet.js';
import { contentDisposition } from '../attachments/attachmentRoutes.js';
import { serve } from '../http/apiRoute.js';
import { allocationCycleApi } from './allocationCycleApi.js';
import { chaseAllocationPart } from './allocationChase.js';
import { startableMonths } from './allocationStartMonths.js';

/**
 * The monthly allocation plans (月度货源投放): list, one month, its lines, exports, the dept head's 催办 of a
 * pending manager, and the months one may start. Cycles start at POST /processes/allocation-cycle/instances.
 */
export function allocationCycleRoutes(deps: ApiDeps): Router {
  const router = Router();
  const cycles = createAllocationCycleService(deps.orm);
  const exports = createAllocationExport(deps.orm);
  const summaries = createAllocationSummaryExport(deps.orm);
  /** Sends a checked workbook; once bytes are on their way, an error can only cut the response. */
  async function download(res: Response, workbook: PreparedWorkbook): Promise<void> {
    res.setHeader('Content-Type', XLSX_CONTENT_TYPE);
    res.setHeader('Content-Disposition', contentDisposition(workbook.fileName, false));
    res.setHeader('Cache-Control', 'private, no-store');
    try {
      await workbook.write(res);
    } catch (err) {
      if (!res.headersSent) throw err;
      deps.log.warn({ err, file: workbook.fileName }, 'allocation export interrupted');
      res.destroy();
    }
  }
  serve(router, allocationCycleApi.listAllocationCycles, async (_req, res) => {
    res.json(await cycles.list(currentUser(res)));
  });
  serve(router, allocationCycleApi.getAllocationCycle, async (req, res) => {
    res.json(await cycles.get(currentUser(res), req.params.month, req.query, res.locals.locale as Locale));
  });
  serve(router, allocationCycleApi.allocationLines, async (req, res) => {
    res.json(await cycles.lines(currentUser(res), req.params.month, req.query, res.locals.locale as Locale));
  });
  serve(router, allocationCycleApi.exportAllocationPlan, async (req, res) => {
    await download(res, await exports.plan(currentUser(res), req.params.month, req.query, res.locals.locale as Locale));
  });
  serve(router, allocationCycleApi.exportAllocationSummary, async (req, res) => {
    await download(res, await summaries.summary(currentUser(res), req.params.month, req.query, res.locals.locale as Locale));
  });
  serve(router, allocationCycleApi.allocationStartMonths, async (_req, res) => {
    res.json(await startableMonths(deps.orm, currentUser(res)));
  });
  serve(router, allocationCycleApi.chaseAllocationPart, async (req, res) => {
    res.json(await chaseAllocationPart(deps, currentUser(res), req.params.month, req.params.managerId, req.body, res.locals.locale as Locale));
  });
  return router;
}
