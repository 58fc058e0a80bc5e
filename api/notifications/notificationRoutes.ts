import { Router } from 'express';
import type { Locale } from '../../forms/formDefinition.js';
import { currentUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { apiNotifier } from './apiNotifier.js';
import { createNotificationService } from './notificationService.js';
import { createWebhookService } from './webhookService.js';
import { serve } from '../http/apiRoute.js';
import { notificationApi } from './notificationApi.js';

/** The caller's notification centre and webhook: only ever their own. */
export function notificationRoutes(deps: ApiDeps): Router {
  const router = Router();
  const notifications = createNotificationService(deps.orm);
  const webhooks = createWebhookService(deps.orm, deps.config.webhooks.allowList ?? [], apiNotifier(deps));

  serve(router, notificationApi.listNotifications, async (req, res) => {
    res.json(await notifications.list(currentUser(res), req.query, res.locals.locale as Locale));
  });
  serve(router, notificationApi.countUnreadNotifications, async (_req, res) => {
    res.json(await notifications.unreadCount(currentUser(res)));
  });
  serve(router, notificationApi.markAllNotificationsRead, async (_req, res) => {
    await notifications.markAllRead(currentUser(res));
    res.status(204).end();
  });
  serve(router, notificationApi.markNotificationRead, async (req, res) => {
    await notifications.markRead(currentUser(res), req.params.id);
    res.status(204).end();
  });

  serve(router, notificationApi.getWebhook, async (_req, res) => {
    res.json(await webhooks.get(currentUser(res)));
  });
  serve(router, notificationApi.saveWebhook, async (req, res) => {
    res.json(await webhooks.save(currentUser(res), req.body, res.locals.locale as Locale));
  });
  serve(router, notificationApi.deleteWebhook, async (_req, res) => {
    await webhooks.remove(currentUser(res));
    res.status(204).end();
  });
  serve(router, notificationApi.testWebhook, async (req, res) => {
    res.status(202).json(await webhooks.test(currentUser(res), req.body.requestId));
  });
  serve(router, notificationApi.listWebhookDeliveries, async (req, res) => {
    res.json(await webhooks.deliveries(currentUser(res), req.query, res.locals.locale as Locale));
  });
  return router;
}
