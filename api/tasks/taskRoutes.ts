import { Router } from 'express';
import type { Locale } from '../../forms/formDefinition.js';
import { currentUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { createInstanceService } from '../processes/instanceService.js';
import { copiedToMe } from './copiedToMe.js';
import { createInboxQuery } from './inboxQuery.js';
import { taskAction } from './taskActions.js';
import { createTaskInFull } from './taskInFull.js';
import { createTaskService } from './taskService.js';
import { serve } from '../http/apiRoute.js';
import { taskApi } from './taskApi.js';

export function taskRoutes(deps: ApiDeps): Router {
  const router = Router();
  const tasks = createTaskService(deps);
  const inbox = createInboxQuery(deps.orm);
  const taskInFull = createTaskInFull(tasks, createInstanceService(deps.orm));

  serve(router, taskApi.listTasks, async (req, res) => {
    res.json(await inbox.list(currentUser(res), req.query, res.locals.locale as Locale));
  });
  // Before `/tasks/:id`, which would take `counts` (and `cc`) for an id.
  serve(router, taskApi.countTasks, async (req, res) => {
    res.json(await inbox.counts(currentUser(res), req.query, res.locals.locale as Locale));
  });
  serve(router, taskApi.listCopiedToMe, async (req, res) => {
    res.json(await copiedToMe(deps.orm, currentUser(res), req.query));
  });
  serve(router, taskApi.getTask, async (req, res) => {
    res.json(await tasks.get(req.params.id, currentUser(res)));
  });
  serve(router, taskApi.getTaskInFull, async (req, res) => {
    res.json(await taskInFull(req.params.id, currentUser(res)));
  });
  serve(router, taskApi.claimTask, async (req, res) => {
    res.json(await tasks.claim(req.params.id, currentUser(res)));
  });
  serve(router, taskApi.unclaimTask, async (req, res) => {
    res.json(await tasks.unclaim(req.params.id, currentUser(res)));
  });
  serve(router, taskApi.taskAction, async (req, res) => {
    res.json(await taskAction(deps, req.params.id, currentUser(res), res.locals.locale as Locale, req.body));
  });
  serve(router, taskApi.completeTask, async (req, res) => {
    res.json(await tasks.complete(req.params.id, currentUser(res), res.locals.locale as Locale, req.body));
  });
  return router;
}
