import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { WebhookActivities } from '../activities/webhookActivities.js';

/** Which delivery to send and how to retry it; never the secret (the activity reads it from the database). */
export interface DeliverWebhookInput {
  deliveryId: string;
  retry: { initialIntervalMs: number; maximumAttempts: number };
}

/**
 * Sends one webhook delivery: `postWebhook` is retried by Temporal with exponential backoff (the wait
 * doubles after each failed attempt) until it is delivered or the attempts are used up; then the
 * delivery is marked failed. Started once per delivery, with workflow id `webhook-<deliveryId>`.
 */
export async function deliverWebhook(input: DeliverWebhookInput): Promise<'delivered' | 'failed'> {
  const { postWebhook } = proxyActivities<WebhookActivities>({
    // Longer than one POST's own 10 s timeout, so the attempt records why it failed.
    startToCloseTimeout: '30 seconds',
    retry: {
      initialInterval: input.retry.initialIntervalMs,
      backoffCoefficient: 2,
      maximumAttempts: input.retry.maximumAttempts,
    },
  });
  const { markWebhookFailed } = proxyActivities<WebhookActivities>({ startToCloseTimeout: '30 seconds' });
  try {
    return await postWebhook({ deliveryId: input.deliveryId });
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    await markWebhookFailed({ deliveryId: input.deliveryId, error: err.cause?.message });
    return 'failed';
  }
}
