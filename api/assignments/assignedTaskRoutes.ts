import { Router } from 'express';
import type { Locale } from '../../forms/formDefinition.js';
import { REPORT_CONTENT_TYPE, reportFileName, writeReportXlsx } from './assignedTaskExport.js';
import { createAssignmentReport, readReportQuery, requireReportReader } from './assignedTaskReport.js';
import { createAssignedTaskService } from './assignedTaskService.js';
import { currentUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { contentDisposition } from '../attachments/attachmentRoutes.js';
import { serve } from '../http/apiRoute.js';
import { assignedTaskApi } from './assignedTaskApi.js';

/** 督办: the leader's board and what happens on a track outside its tasks. */
export function assignedTaskRoutes(deps: ApiDeps): Router {
  const router = Router();
  const service = createAssignedTaskService(deps);
  const reports = createAssignmentReport(deps);
  const locale = (res: { locals: Record<string, unknown> }) => res.locals.locale as Locale;
  serve(router, assignedTaskApi.assignmentBoard, async (req, res) => {
    res.json(await service.board(currentUser(res), req.query));
  });
  // 督办通报 of a month (JSON, or the xlsx); before any `/assigned-tasks/:instanceId` route.
  serve(router, assignedTaskApi.assignmentReport, async (req, res) => {
    requireReportReader(currentUser(res));
    const { month, format } = readReportQuery(req.query, locale(res));
    const report = await reports.report(month);
    if (!format) {
      res.json(report);
      return;
    }
    res.setHeader('Content-Type', REPORT_CONTENT_TYPE);
    res.setHeader('Content-Disposition', contentDisposition(reportFileName(month, locale(res)), false));
    res.setHeader('Cache-Control', 'private, no-store');
    try {
      await writeReportXlsx(report, locale(res), res);
    } catch (err) {
      // Once bytes are on their way, the error shape cannot follow: the client sees a cut response.
      if (!res.headersSent) throw err;
      deps.log.warn({ err }, 'assignment report export interrupted');
      res.destroy();
    }
  });
  serve(router, assignedTaskApi.trackProgress, async (req, res) => {
    res.json(await service.progress(req.params.instanceId, req.params.assigneeId, currentUser(res), locale(res), req.body));
  });
  serve(router, assignedTaskApi.trackChase, async (req, res) => {
    await service.chase(req.params.instanceId, req.params.assigneeId, currentUser(res), locale(res), req.body);
    res.status(204).end();
  });
  serve(router, assignedTaskApi.trackExtension, async (req, res) => {
    res.json(await service.extension(req.params.instanceId, req.params.assigneeId, currentUser(res), locale(res), req.body));
  });
  return router;
}
