import { Router } from 'express';
import type { Locale } from '../../forms/formDefinition.js';
import { currentUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { createInboxQuery } from './inboxQuery.js';
import { taskAction } from './taskActions.js';
import { createTaskService } from './taskService.js';

export function taskRoutes(deps: ApiDeps): Router {
  const router = Router();
  const tasks = createTaskService(deps);
  const inbox = createInboxQuery(deps.orm);

  router.get('/tasks', async (req, res) => {
    res.json(await inbox.list(currentUser(res), req.query, res.locals.locale as Locale));
  });
  // Before `/tasks/:id`, which would take `counts` for an id.
  router.get('/tasks/counts', async (req, res) => {
    res.json(await inbox.counts(currentUser(res), req.query, res.locals.locale as Locale));
  });
  router.get('/tasks/:id', async (req, res) => {
    res.json(await tasks.get(req.params.id, currentUser(res)));
  });
  router.post('/tasks/:id/claim', async (req, res) => {
    res.json(await tasks.claim(req.params.id, currentUser(res)));
  });
  router.post('/tasks/:id/unclaim', async (req, res) => {
    res.json(await tasks.unclaim(req.params.id, currentUser(res)));
  });
  router.post('/tasks/:id/actions', async (req, res) => {
    res.json(await taskAction(deps, req.params.id, currentUser(res), res.locals.locale as Locale, req.body));
  });
  router.post('/tasks/:id/complete', async (req, res) => {
    res.json(await tasks.complete(req.params.id, currentUser(res), res.locals.locale as Locale, req.body));
  });
  return router;
}
