import { Router } from 'express';
import type { Locale } from '../../forms/formDefinition.js';
import { createAssignedTaskService } from '../assignedTaskService.js';
import { currentUser } from '../auth.js';
import type { ApiDeps } from '../deps.js';

/** 督办: the leader's board and what happens on a track outside its tasks. */
export function assignedTaskRoutes(deps: ApiDeps): Router {
  const router = Router();
  const service = createAssignedTaskService(deps);
  const locale = (res: { locals: Record<string, unknown> }) => res.locals.locale as Locale;
  router.get('/assigned-tasks', async (req, res) => {
    res.json(await service.board(currentUser(res), req.query));
  });
  router.post('/assigned-tasks/:instanceId/tracks/:assigneeId/progress', async (req, res) => {
    res.json(await service.progress(req.params.instanceId, req.params.assigneeId, currentUser(res), locale(res), req.body));
  });
  router.post('/assigned-tasks/:instanceId/tracks/:assigneeId/chase', async (req, res) => {
    await service.chase(req.params.instanceId, req.params.assigneeId, currentUser(res), locale(res), req.body);
    res.status(204).end();
  });
  router.post('/assigned-tasks/:instanceId/tracks/:assigneeId/extension', async (req, res) => {
    res.json(await service.extension(req.params.instanceId, req.params.assigneeId, currentUser(res), locale(res), req.body));
  });
  return router;
}
