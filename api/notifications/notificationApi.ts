import { apiRoute, jsonBody } from '../http/apiRoute.js';
import { webhookBody, webhookTestBody } from './notificationContract.js';
import { fail, json, param, schema, secured, tags, uuid } from '../openapi/helpers.js';

/** The routes of notificationRoutes.ts, each with its OpenAPI operation (the document is generated from these). */
export const notificationApi = {
  listNotifications: apiRoute('get', '/me/notifications', {
    tags: tags.me,
    operationId: 'listNotifications',
    summary: 'The caller\'s notifications, newest first',
    description: 'Written when a task reaches the caller (`task_assigned`, or `task_returned` after a send-back), before its '
      + 'deadline (`task_due_soon`), when it is overdue (`task_overdue`, also to the roles it escalates to), when a 督办 is chased '
      + '(`task_chased`), when a process the caller started ends (`process_completed`), when a 评论 @-mentions the caller '
      + '(`comment_mentioned`) or someone comments on a process the caller started (`comment_added`), and when the caller sends '
      + 'their webhook a test (`webhook_test`, `POST /api/me/webhook/test`). Only the caller\'s own.',
    parameters: [
      { name: 'unread', in: 'query', description: '`true`: only unread ones. Any value but `true`/`false` is 422 at `/unread`.',
        schema: { type: 'string', enum: ['true', 'false'] } },
      param('Page'), param('Size'), param('AcceptLanguage'),
    ],
    responses: secured({
      '200': json('A page of notifications.', schema('NotificationPage')),
      '422': fail('Unprocessable', 'A bad `unread` (at `/unread`).'),
    }),
  }),
  countUnreadNotifications: apiRoute('get', '/me/notifications/count', {
    tags: tags.me,
    operationId: 'countUnreadNotifications',
    summary: 'How many of the caller\'s notifications are unread (the bell\'s badge)',
    parameters: [param('AcceptLanguage')],
    responses: secured({
      '200': json('The count.', { type: 'object', required: ['unread'], properties: { unread: { type: 'integer', minimum: 0 } } }),
    }),
  }),
  markAllNotificationsRead: apiRoute('post', '/me/notifications/read-all', {
    tags: tags.me,
    operationId: 'markAllNotificationsRead',
    summary: 'Mark all of the caller\'s notifications read (全部已读)',
    parameters: [param('AcceptLanguage')],
    responses: secured({ '204': { description: 'All read.' } }),
  }),
  markNotificationRead: apiRoute('post', '/me/notifications/:id/read', {
    tags: tags.me,
    operationId: 'markNotificationRead',
    summary: 'Mark one notification read',
    description: 'Idempotent: an already read notification stays as it was (204).',
    parameters: [param('NotificationId'), param('AcceptLanguage')],
    responses: secured({
      '204': { description: 'Read.' },
      '404': fail('NotFound', 'No such notification of the caller\'s (another user\'s is 404 too).'),
    }),
  }),
  getWebhook: apiRoute('get', '/me/webhook', {
    tags: tags.me,
    operationId: 'getWebhook',
    summary: 'The caller\'s webhook settings (never the secret)',
    parameters: [param('AcceptLanguage')],
    responses: secured({
      '200': json('The webhook.', schema('Webhook')),
      '404': fail('NotFound', 'The caller has no webhook.'),
    }),
  }),
  // Declared before saveWebhook: the access matrix sends it while only mgr1 has a (disabled) webhook.
  testWebhook: apiRoute('post', '/me/webhook/test', {
    tags: tags.me,
    operationId: 'testWebhook',
    summary: 'Send the caller\'s webhook a test (发送测试)',
    description: 'Writes the caller a notification of kind `webhook_test` and a delivery of it to their webhook, whatever `kinds` '
      + 'the webhook takes, then sends it like any other (signed, retried; see `PUT /api/me/webhook`). The delivery log '
      + '(`GET /api/me/webhook/deliveries`) then shows it with its outcome. The same `requestId` again is the same test: '
      + 'no second delivery, the same answer.',
    parameters: [param('AcceptLanguage')],
    requestBody: jsonBody(webhookTestBody),
    responses: secured({
      '202': json('Accepted: the delivery is on its way.', {
        type: 'object', required: ['deliveryId'],
        properties: { deliveryId: { ...uuid, description: 'The delivery\'s id in the log (also `X-Dutyflow-Delivery`).' } },
      }),
      '404': fail('NotFound', 'The caller has no webhook.'),
      '409': fail('Conflict', 'The caller\'s webhook is disabled (`webhookTestDisabled`).'),
      '422': fail('Unprocessable', 'A missing or bad `requestId` (at `/requestId`).'),
    }),
  }),
  saveWebhook: apiRoute('put', '/me/webhook', {
    tags: tags.me,
    operationId: 'saveWebhook',
    summary: 'Create or replace the caller\'s webhook',
    description: [
      'Each notification of one of `kinds` is POSTed to `url` as JSON `{id, kind, createdAt, user:{id,username}, data,',
      'links:{task, instance}}` with headers `X-Dutyflow-Event` (the kind), `X-Dutyflow-Delivery` (the delivery id),',
      '`X-Dutyflow-Timestamp` (Unix seconds of the attempt) and `X-Dutyflow-Signature: sha256=<hex>`, the HMAC-SHA256 of the',
      'exact body with the secret. A 2xx answer within 10 s delivers it; otherwise it is retried with exponential backoff',
      '(1 s, doubling; 8 attempts by default), then marked failed. Links are absolute when `DUTYFLOW_PUBLIC_URL` is set.',
      'Without `secret`, an existing webhook keeps its secret and a new one gets a generated secret, returned in this answer only.',
      'A URL whose host is this server, a private, CGNAT, link-local, multicast or reserved address (IPv4, IPv6, or IPv4 inside',
      'IPv6), or a name resolving only to such addresses, is refused unless the administrator allows it (`DUTYFLOW_WEBHOOK_ALLOW`).',
      'Each attempt resolves the name again and connects only to an address it may reach; redirects are not followed.',
    ].join(' '),
    parameters: [param('AcceptLanguage')],
    requestBody: jsonBody(webhookBody),
    responses: secured({
      '200': json('Saved; `secret` only when one was generated now.', schema('WebhookSaved')),
      '400': fail('InvalidJson'),
      '422': fail('Unprocessable', 'Every bad field at once: `/url` (also when its address is refused), `/secret`, `/enabled`, '
        + '`/kinds` (or `/kinds/<i>` for an unknown kind).'),
    }),
  }),
  deleteWebhook: apiRoute('delete', '/me/webhook', {
    tags: tags.me,
    operationId: 'deleteWebhook',
    summary: 'Remove the caller\'s webhook',
    description: 'Idempotent (none: 204 too). Deliveries not yet sent are given up; the delivery log stays.',
    parameters: [param('AcceptLanguage')],
    responses: secured({ '204': { description: 'Removed.' } }),
  }),
  listWebhookDeliveries: apiRoute('get', '/me/webhook/deliveries', {
    tags: tags.me,
    operationId: 'listWebhookDeliveries',
    summary: 'The caller\'s webhook delivery log, newest first',
    description: 'Each delivery tells its last attempt\'s `outcome` as a class (`2xx`, `4xx`, `5xx`, `refused`, `timeout`, `network`…) '
      + 'and why it failed in the caller\'s language, never the receiver\'s answer or a socket error.',
    parameters: [param('Page'), param('Size'), param('AcceptLanguage')],
    responses: secured({ '200': json('A page of deliveries.', schema('WebhookDeliveryPage')) }),
  }),
};
