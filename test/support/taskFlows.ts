import { randomUUID } from 'node:crypto';
import { eventually, type TestStack } from './stack.js';

/*
 * Moving any process along through its tasks, as its users would in the inbox: the same few steps
 * serve the regrade, the hazard, the 督办, the allocation cycle and the learning record.
 */

/** Waits until the instance has an open task with this step key, as the inbox shows it. */
export function openTask(stack: TestStack, token: string, instanceId: string, stepKey: string) {
  return eventually(async () => {
    const { body } = await stack.call('GET', `/api/instances/${instanceId}`, token);
    return body.tasks?.find((t: { stepKey: string; status: string }) => t.stepKey === stepKey && t.status === 'open');
  });
}

/** Completes task `taskId` as `token`'s user (with a fresh request id unless `body` has one); the HTTP answer. */
export function complete(stack: TestStack, token: string, taskId: string, body: Record<string, unknown>) {
  return stack.call('POST', `/api/tasks/${taskId}/complete`, token, { requestId: randomUUID(), ...body });
}

/** Waits for the open task `stepKey` of the instance and completes it as `token`'s user; the task. Throws unless 200. */
export async function act(stack: TestStack, token: string, instanceId: string, stepKey: string, body: Record<string, unknown>) {
  const task = await openTask(stack, token, instanceId, stepKey);
  const answer = await complete(stack, token, task.id, body);
  if (answer.status !== 200) throw new Error(`${stepKey}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return task;
}

/** Waits until the instance has left `running` and returns it. */
export function finished(stack: TestStack, token: string, instanceId: string) {
  return eventually(async () => {
    const { body } = await stack.call('GET', `/api/instances/${instanceId}`, token);
    return body.status === 'running' ? undefined : body;
  });
}
