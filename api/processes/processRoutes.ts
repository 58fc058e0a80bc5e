import { Router } from 'express';
import type { Locale } from '../../forms/formDefinition.js';
import { currentUser, hasRole, requireRole } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { ApiError } from '../http/errors.js';
import { createInstanceService, instanceJson } from './instanceService.js';
import { PROCESSES } from './processCatalog.js';
import { startProcess } from './processStart.js';
import { withdrawInstance } from './withdrawInstance.js';
import { chaseInstance } from './chaseInstance.js';
import { serve } from '../http/apiRoute.js';
import { processApi } from './processApi.js';

export function processRoutes(deps: ApiDeps): Router {
  const router = Router();
  const instances = createInstanceService(deps.orm);

  serve(router, processApi.listProcesses, (_req, res) => {
    const user = currentUser(res);
    res.json({ items: PROCESSES.filter((p) => hasRole(user, ...p.startRoles)).map(({ key, title, startForm }) => ({ key, title, formKey: startForm.key })) });
  });

  serve(router, processApi.startInstance, async (req, res) => {
    const user = currentUser(res);
    const locale = res.locals.locale as Locale;
    const process = PROCESSES.find((p) => p.key === req.params.key);
    if (!process) throw new ApiError(404, 'not_found', 'unknownProcess', { key: req.params.key });
    requireRole(user, ...process.startRoles);
    const { instance, created } = await startProcess(deps, process, user, locale, req.body.data, req.body.requestId);
    res.status(created ? 201 : 200).json(instanceJson(instance));
  });

  serve(router, processApi.listInstances, async (req, res) => {
    res.json(await instances.list(currentUser(res), req.query, res.locals.locale as Locale));
  });
  serve(router, processApi.getInstance, async (req, res) => {
    res.json(await instances.get(req.params.id, currentUser(res)));
  });
  serve(router, processApi.chaseInstance, async (req, res) => {
    res.json(await chaseInstance(deps, req.params.id, currentUser(res), req.body));
  });
  serve(router, processApi.withdrawInstance, async (req, res) => {
    res.json(await withdrawInstance(deps, req.params.id, currentUser(res), req.body));
  });
  return router;
}
