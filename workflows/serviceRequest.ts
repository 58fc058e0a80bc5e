import { allHandlersFinished, condition, proxyLocalActivities } from '@temporalio/workflow';
import type { ProcessActivities } from '../activities/processActivities.js';
import type { ServiceActivities } from '../activities/serviceActivities.js';
import { naturalMs, type Duration } from '../domain/calendar.js';
import { LOCAL_ACTIVITY_OPTIONS } from './activityOptions.js';
import { TaskBoard, TaskCancelled } from './humanTask.js';
import type { TaskCompletion, TaskSla, TaskSpec } from './types.js';

// Short idempotent database writes: local activities, like the task engine's.
const process = proxyLocalActivities<ProcessActivities>(LOCAL_ACTIVITY_OPTIONS);
const service = proxyLocalActivities<ServiceActivities>(LOCAL_ACTIVITY_OPTIONS);

export interface ServiceRequestInput {
  instanceId: string;
  code: string;
  customer: { id: number; code: string; name: string };
  /** The customer's manager: answers and visits. */
  managerId: number;
  /** Who a missed deadline goes to (督办): the manager's supervisor; null: the dept head, as a role. */
  supervisorId: number | null;
  request: { channel: string; category: string; content: string };
  /** Natural time from the request, as configured when it started (a running request keeps them). */
  sla: { reply: Duration; visit: Duration; remindBefore: Duration };
}

export interface ServiceRequestResult {
  status: 'closed';
  /** The visit answered the request before any reply did. */
  answeredByVisit: boolean;
}

/** A deadline `due` after the task opens, reminded `before` ahead of it (no reminder when that is not after the start). */
export function naturalSla(due: Duration, before: Duration, escalateToRoles: string[] = []): TaskSla {
  const dueMs = naturalMs(due);
  const beforeMs = naturalMs(before);
  const remindMs = dueMs !== undefined && beforeMs !== undefined ? dueMs - beforeMs : 0;
  return { due, ...(remindMs > 0 ? { remindAfter: { seconds: remindMs / 1000 } } : {}), escalateToRoles };
}

/** Runs `spec` on `board`; a cancelled task resolves to null instead of throwing. */
export function runOrCancelled(board: TaskBoard, spec: TaskSpec, hooks: Parameters<TaskBoard['run']>[1]): Promise<TaskCompletion | null> {
  return board.run(spec, hooks).catch((err: unknown) => {
    if (err instanceof TaskCancelled) return null;
    throw err;
  });
}

/**
 * 客户服务需求: a request recorded for a customer → their manager answers it (答复, due 24 h) and visits
 * (拜访记录, due 48 h), both open at once → closed when the visit is recorded; a visit before any reply
 * answers it too. Each task is reminded before its deadline; a missed one is recorded and the manager's
 * supervisor gets one 督办 task, which closes with the request.
 */
export async function serviceRequest(input: ServiceRequestInput): Promise<ServiceRequestResult> {
  const board = new TaskBoard(input.instanceId, 'service-request');
  const context = {
    code: input.code, title: `${input.code} ${input.customer.name}`, customerId: input.customer.id, customerCode: input.customer.code,
    customerName: input.customer.name, ...input.request,
  };
  let supervised = false;
  const onOverdue = async () => {
    await service.recordServiceStep({ instanceId: input.instanceId, step: 'escalated' });
    if (supervised) return; // one 督办 per request, whichever deadline was missed first
    supervised = true;
    void runOrCancelled(board, {
      stepKey: 'supervise', name: 'service.supervise', formKey: 'supervision-note',
      ...(input.supervisorId !== null ? { assigneeId: input.supervisorId } : { candidateRoles: ['dept_head'] }),
      context: { ...context, managerId: input.managerId },
    }, {});
  };

  let replyTaskId: string | undefined;
  let replied = false;
  const reply = runOrCancelled(board, {
    stepKey: 'reply', name: 'service.reply', formKey: 'service-reply', assigneeId: input.managerId, actions: ['transfer'], context,
    sla: naturalSla(input.sla.reply, input.sla.remindBefore),
  }, { onOpened: (taskId) => { replyTaskId = taskId; }, onOverdue }).then(async (done) => {
    if (!done) return;
    replied = true;
    await service.recordServiceStep({ instanceId: input.instanceId, step: 'replied', replyTaskId: done.taskId });
  });
  const visit = await board.run({
    stepKey: 'visit', name: 'service.visit', formKey: 'service-visit', assigneeId: input.managerId, actions: ['transfer'], context,
    sla: naturalSla(input.sla.visit, input.sla.remindBefore),
  }, { onOverdue });
  // A visit before any reply answers the request; a reply being stored right now still counts as the reply.
  const answeredByVisit = replyTaskId !== undefined && (await board.cancel(replyTaskId));
  await reply;
  await service.recordServiceStep({
    instanceId: input.instanceId, step: 'visited', visitTaskId: visit.taskId, recordId: visit.recordId,
    ...(replied || !replyTaskId ? {} : { replyTaskId }),
  });
  await board.cancelAll(null); // a 督办 nobody answered closes with the request
  await condition(allHandlersFinished);
  await process.finishInstance({ instanceId: input.instanceId, status: 'completed', summary: { serviceStatus: 'closed', answeredByVisit } });
  return { status: 'closed', answeredByVisit };
}
