import { Router } from 'express';
import type { Locale } from '../../forms/formDefinition.js';
import { currentUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { serve } from '../http/apiRoute.js';
import { auditApi } from './auditApi.js';
import { createAuditService } from './auditService.js';

/** 审计日志 (issue 14): who changed what, searched by admins. */
export function auditRoutes(deps: ApiDeps): Router {
  const router = Router();
  const audit = createAuditService(deps.orm);
  serve(router, auditApi.listAuditEvents, async (req, res) => {
    res.json(await audit.search(currentUser(res), req.query, res.locals.locale as Locale));
  });
  return router;
}
