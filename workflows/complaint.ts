import { allHandlersFinished, condition, proxyLocalActivities } from '@temporalio/workflow';
import type { ProcessActivities } from '../activities/processActivities.js';
import type { ServiceActivities } from '../activities/serviceActivities.js';
import { naturalMs, type Duration } from '../domain/calendar.js';
import type { ComplaintAssign, ComplaintHandling, ComplaintRevisit } from '../forms/complaint.js';
import { LOCAL_ACTIVITY_OPTIONS } from './activityOptions.js';
import { TaskBoard } from './humanTask.js';
import { naturalSla, runOrCancelled } from './serviceRequest.js';
import type { TaskSla } from './types.js';

const process = proxyLocalActivities<ProcessActivities>(LOCAL_ACTIVITY_OPTIONS);
const service = proxyLocalActivities<ServiceActivities>(LOCAL_ACTIVITY_OPTIONS);

export interface ComplaintInput {
  instanceId: string;
  code: string;
  /** Null: anonymous. */
  customer: { id: number; code: string; name: string } | null;
  managerId: number | null;
  /** Assigns the handler: the supervisor of the customer's manager; null: the dept head (role). */
  supervisorId: number | null;
  /** The manager the complaint is about: never its handler. */
  complainedManagerId: number | null;
  complaint: { channel: string; category: string; urgency: string; content: string };
  /** As configured at the start (a running complaint keeps them). */
  sla: { response: Duration; resolve: Duration; revisit: Duration; remindBefore: Duration };
}

export interface ComplaintResult {
  status: 'closed';
  rounds: number;
  satisfaction: string;
}

/** Workflow code may read the clock: Temporal makes it the (replayed) time of the workflow task. */
function workflowNow(): number {
  // eslint-disable-next-line no-restricted-properties -- deterministic inside the workflow sandbox
  return Date.now();
}

/** A working-day allowance reminded a working day ahead; other durations as naturalSla. */
function allowanceSla(due: Duration, remindBefore: Duration): TaskSla {
  if ('workingDays' in due) return { due, ...(due.workingDays > 1 ? { remindAfter: { workingDays: due.workingDays - 1 } } : {}) };
  return naturalSla(due, remindBefore);
}

/**
 * 投诉处理: recorded → the supervisor of the customer's manager assigns a handler (not the manager it is
 * about; the dept head for an anonymous one) → the handler responds first (due 24 h from the record) and
 * records the handling (due 5 working days from the assignment) → someone other than the handler calls
 * the customer back (回访): 满意/基本满意 closes it, 不满意 sends it back for another handling round.
 * Every step is in the timeline; a missed deadline gives the dept head one 督办 task.
 */
export async function complaint(input: ComplaintInput): Promise<ComplaintResult> {
  const board = new TaskBoard(input.instanceId, 'complaint');
  const startedAt = workflowNow();
  const context = {
    code: input.code, title: `${input.code} ${input.customer?.name ?? '匿名'}`, customerId: input.customer?.id ?? null,
    customerCode: input.customer?.code ?? null, customerName: input.customer?.name ?? null, managerId: input.managerId,
    complainedManagerId: input.complainedManagerId, ...input.complaint,
  };
  let supervised = false;
  const onOverdue = async () => {
    await service.recordComplaintStep({ instanceId: input.instanceId, step: 'escalated' });
    if (supervised) return;
    supervised = true;
    void runOrCancelled(board, {
      stepKey: 'supervise', name: 'complaint.supervise', formKey: 'supervision-note', candidateRoles: ['dept_head'], context,
    }, {});
  };
  // The first response counts from the record, in natural time.
  const responseUntil = new Date(startedAt + (naturalMs(input.sla.response) ?? 0)).toISOString();
  const responseRemind = naturalMs(input.sla.remindBefore);
  const responseSla: TaskSla = {
    due: { until: responseUntil },
    ...(responseRemind !== undefined && (naturalMs(input.sla.response) ?? 0) > responseRemind
      ? { remindAfter: { until: new Date(Date.parse(responseUntil) - responseRemind).toISOString() } } : {}),
  };

  const assignedBySupervisor = input.supervisorId !== null && input.supervisorId !== input.complainedManagerId;
  const assignment = await board.run({
    stepKey: 'assign', name: 'complaint.assign', formKey: 'complaint-assign',
    ...(assignedBySupervisor ? { assigneeId: input.supervisorId! } : { candidateRoles: ['dept_head'] }),
    excludedUserIds: input.complainedManagerId !== null ? [input.complainedManagerId] : [],
    context, sla: { ...responseSla, escalateToRoles: ['dept_head'] },
  }, { onOverdue });
  const handlerId = (assignment.data as ComplaintAssign).handlerId;
  await service.recordComplaintStep({
    instanceId: input.instanceId, step: 'assigned', taskId: assignment.taskId, handlerId, resolveDue: input.sla.resolve,
  });
  const handlingContext = { ...context, handlerId };

  let previous: ComplaintHandling | undefined;
  for (let round = 1; ; round++) {
    let responseTaskId: string | undefined;
    const response = round > 1 ? Promise.resolve() : runOrCancelled(board, {
      stepKey: 'respond', name: 'complaint.respond', formKey: 'complaint-response', assigneeId: handlerId, context: handlingContext,
      sla: responseSla,
    }, { onOpened: (taskId) => { responseTaskId = taskId; }, onOverdue }).then(async (done) => {
      if (done) await service.recordComplaintStep({ instanceId: input.instanceId, step: 'responded', taskId: done.taskId });
    });
    const handling = await board.run({
      stepKey: 'resolve', name: 'complaint.resolve', formKey: 'complaint-handling', assigneeId: handlerId,
      context: { ...handlingContext, round }, prefill: previous, sla: allowanceSla(input.sla.resolve, input.sla.remindBefore),
    }, { onOverdue });
    // Handled before any separate first response: the handling was the response.
    if (responseTaskId !== undefined && (await board.cancel(responseTaskId))) {
      await service.recordComplaintStep({ instanceId: input.instanceId, step: 'responded', taskId: handling.taskId, respondedByResolution: true });
    }
    await response;
    previous = handling.data as ComplaintHandling;
    await service.recordComplaintStep({ instanceId: input.instanceId, step: 'resolved', taskId: handling.taskId, round, result: previous.result });

    const assigner = assignment.completedBy;
    const revisit = await board.run({
      stepKey: 'revisit', name: 'complaint.revisit', formKey: 'complaint-revisit',
      ...(assigner !== handlerId ? { assigneeId: assigner } : { candidateRoles: ['dept_head'] }),
      excludedUserIds: [handlerId], context: { ...handlingContext, round, result: previous.result },
      sla: allowanceSla(input.sla.revisit, input.sla.remindBefore),
    }, { onOverdue });
    const { satisfaction } = revisit.data as ComplaintRevisit;
    await service.recordComplaintStep({
      instanceId: input.instanceId, step: 'revisited', taskId: revisit.taskId, satisfaction, by: revisit.completedBy, round,
      resolveDue: input.sla.resolve,
    });
    if (satisfaction !== 'unsatisfied') {
      await board.cancelAll(null); // a 督办 nobody answered closes with the complaint
      await condition(allHandlersFinished);
      await process.finishInstance({ instanceId: input.instanceId, status: 'completed', summary: { complaintStatus: 'closed', rounds: round, satisfaction } });
      return { status: 'closed', rounds: round, satisfaction };
    }
  }
}
