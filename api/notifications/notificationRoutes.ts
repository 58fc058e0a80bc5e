import { Router } from 'express';
import type { Locale } from '../../forms/formDefinition.js';
import { currentUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { createNotificationService } from './notificationService.js';
import { createWebhookService } from './webhookService.js';

/** The caller's notification centre and webhook: only ever their own. */
export function notificationRoutes(deps: ApiDeps): Router {
  const router = Router();
  const notifications = createNotificationService(deps.orm);
  const webhooks = createWebhookService(deps.orm);

  router.get('/me/notifications', async (req, res) => {
    res.json(await notifications.list(currentUser(res), req.query, res.locals.locale as Locale));
  });
  router.get('/me/notifications/count', async (_req, res) => {
    res.json(await notifications.unreadCount(currentUser(res)));
  });
  router.post('/me/notifications/read-all', async (_req, res) => {
    await notifications.markAllRead(currentUser(res));
    res.status(204).end();
  });
  router.post('/me/notifications/:id/read', async (req, res) => {
    await notifications.markRead(currentUser(res), req.params.id);
    res.status(204).end();
  });

  router.get('/me/webhook', async (_req, res) => {
    res.json(await webhooks.get(currentUser(res)));
  });
  router.put('/me/webhook', async (req, res) => {
    res.json(await webhooks.save(currentUser(res), req.body, res.locals.locale as Locale));
  });
  router.delete('/me/webhook', async (_req, res) => {
    await webhooks.remove(currentUser(res));
    res.status(204).end();
  });
  router.get('/me/webhook/deliveries', async (req, res) => {
    res.json(await webhooks.deliveries(currentUser(res), req.query));
  });
  return router;
}
