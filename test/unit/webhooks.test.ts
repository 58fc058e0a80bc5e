import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { webhookPayload, webhookSignature } from '../../activities/webhookActivities.js';
import { ValidationError } from '../../api/http/errors.js';
import { bodyErrors } from '../../api/http/requestValidation.js';
import { webhookBody, type WebhookBody } from '../../api/notifications/notificationContract.js';
import { webhookInput } from '../../api/notifications/webhookInput.js';
import { NOTIFICATION_KINDS, type Notification } from '../../db/entities/index.js';
import { loadConfig } from '../../runtime/config.js';

/** The fields a PUT /api/me/webhook with `body` is refused for: by its schema, else by what the schema cannot say. */
const errorsOf = (body: Record<string, unknown>) => {
  const refused = bodyErrors(webhookBody, body, 'en');
  if (refused.length) return refused.map((e) => e.path);
  try {
    webhookInput(body as WebhookBody, 'en');
  } catch (err) {
    if (err instanceof ValidationError) return err.errors.map((e) => e.path);
    throw err;
  }
  return [];
};

describe('webhook settings input', () => {
  it('takes an http(s) URL, an optional secret of 16–200 characters, enabled, and known kinds (default all)', () => {
    expect(webhookInput({ url: 'https://hooks.example.com/x?a=1', enabled: true }, 'zh-CN'))
      .toEqual({ url: 'https://hooks.example.com/x?a=1', enabled: true, kinds: [...NOTIFICATION_KINDS] });
    expect(webhookInput({ url: 'http://10.0.0.5:8080/', enabled: false, secret: 's'.repeat(16), kinds: ['task_overdue', 'task_assigned', 'task_overdue'] }, 'en'))
      .toEqual({ url: 'http://10.0.0.5:8080/', enabled: false, secret: 's'.repeat(16), kinds: ['task_assigned', 'task_overdue'] });
    expect(webhookInput({ url: 'https://a.example/', enabled: true, secret: null }, 'en')).not.toHaveProperty('secret');
  });

  it('names every bad field', () => {
    expect(errorsOf({})).toEqual(['/url', '/enabled']);
    expect(errorsOf({ url: 'javascript:alert(1)', enabled: true })).toEqual(['/url']);
    expect(errorsOf({ url: `https://a.example/${'p'.repeat(490)}`, enabled: true })).toEqual(['/url']);
    expect(errorsOf({ url: 'https://a.example/', enabled: 1, secret: 's'.repeat(15) })).toEqual(['/secret', '/enabled']);
    expect(errorsOf({ url: 'https://a.example/', enabled: true, secret: 's'.repeat(201) })).toEqual(['/secret']);
    expect(errorsOf({ url: 'https://a.example/', enabled: true, kinds: 'task_assigned' })).toEqual(['/kinds']);
    expect(errorsOf({ url: 'https://a.example/', enabled: true, kinds: ['task_assigned', 42, 'nope'] })).toEqual(['/kinds/1', '/kinds/2']);
  });
});

describe('webhook deliveries', () => {
  it('signs the exact body with HMAC-SHA256 of the secret', () => {
    const body = '{"id":"1","kind":"task_assigned"}';
    expect(webhookSignature('k'.repeat(20), body)).toBe(`sha256=${createHmac('sha256', 'k'.repeat(20)).update(body).digest('hex')}`);
    expect(webhookSignature('k'.repeat(20), `${body} `)).not.toBe(webhookSignature('k'.repeat(20), body));
  });

  it('links the task and instance, absolutely when the public URL is known', () => {
    const notification = {
      id: 'n1', kind: 'task_overdue', taskId: 't1', instanceId: 'i1', data: { step: 'regrade.review' },
      createdAt: new Date('2026-11-27T08:00:00Z'),
    } as unknown as Notification;
    const user = { id: 7, username: 'sup1' };
    expect(webhookPayload(notification, user, null)).toEqual({
      id: 'n1', kind: 'task_overdue', createdAt: '2026-11-27T08:00:00.000Z', user, data: { step: 'regrade.review' },
      links: { task: '/tasks/t1', instance: '/instances/i1' },
    });
    expect(webhookPayload({ ...notification, taskId: null }, user, 'https://dutyflow.example.com').links)
      .toEqual({ task: null, instance: 'https://dutyflow.example.com/instances/i1' });
  });

  it('reads its retry policy and the public URL from the environment', () => {
    expect(loadConfig({}).webhooks).toEqual({ retryInitialMs: 1000, maxAttempts: 8, publicUrl: null });
    expect(loadConfig({ DUTYFLOW_WEBHOOK_RETRY_INITIAL: '0.2s', DUTYFLOW_WEBHOOK_MAX_ATTEMPTS: '3', DUTYFLOW_PUBLIC_URL: 'https://d.example.com/' }).webhooks)
      .toEqual({ retryInitialMs: 200, maxAttempts: 3, publicUrl: 'https://d.example.com' });
    expect(() => loadConfig({ DUTYFLOW_WEBHOOK_RETRY_INITIAL: '2d' })).toThrow(/DUTYFLOW_WEBHOOK_RETRY_INITIAL/);
    expect(() => loadConfig({ DUTYFLOW_WEBHOOK_MAX_ATTEMPTS: '0' })).toThrow(/DUTYFLOW_WEBHOOK_MAX_ATTEMPTS/);
    expect(() => loadConfig({ DUTYFLOW_PUBLIC_URL: 'dutyflow.example.com' })).toThrow(/DUTYFLOW_PUBLIC_URL/);
  });
});
