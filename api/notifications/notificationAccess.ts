import { accessTable, sameForEveryAccount } from '../http/accessTable.js';
import { notificationApi } from './notificationApi.js';

/*
 * Notifications and the webhook are only ever the caller's own: another's notification is 404, and
 * only mgr1 has a webhook before the rows that save and remove everyone's. The saved webhook is
 * disabled and points at a public address, so nothing is delivered.
 */
export const notificationAccess = accessTable(notificationApi, {
  listNotifications: { request: { path: '/api/me/notifications' }, expect: sameForEveryAccount(200) },
  countUnreadNotifications: { request: { path: '/api/me/notifications/count' }, expect: sameForEveryAccount(200) },
  markAllNotificationsRead: { request: { path: '/api/me/notifications/read-all' }, expect: sameForEveryAccount(204) },
  markNotificationRead: {
    request: { path: '/api/me/notifications/{mgr1Notification}/read' },
    expect: { anonymous: 401, mgr1: 204, mgr4: 404, sup1: 404, sup2: 404, head: 404, safety: 404, leader: 404, admin: 404 },
  },
  getWebhook: {
    request: { path: '/api/me/webhook' },
    expect: { anonymous: 401, mgr1: 200, mgr4: 404, sup1: 404, sup2: 404, head: 404, safety: 404, leader: 404, admin: 404 },
  },
  // Only mgr1 has a webhook when it runs (disabled: 409, nothing is sent); the others have none (404).
  testWebhook: {
    request: { path: '/api/me/webhook/test', body: { requestId: '{requestId}' } },
    expect: { anonymous: 401, mgr1: 409, mgr4: 404, sup1: 404, sup2: 404, head: 404, safety: 404, leader: 404, admin: 404 },
  },
  saveWebhook: {
    request: { path: '/api/me/webhook', body: { url: 'https://93.184.215.14/dutyflow-hook', enabled: false, kinds: ['task_assigned'] } },
    expect: sameForEveryAccount(200),
  },
  deleteWebhook: { request: { path: '/api/me/webhook' }, expect: sameForEveryAccount(204) },
  listWebhookDeliveries: { request: { path: '/api/me/webhook/deliveries' }, expect: sameForEveryAccount(200) },
});
