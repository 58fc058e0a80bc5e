import { randomUUID } from 'node:crypto';
import { chinaDate } from '../../domain/chinaTime.js';
import { AssignedTrackSchema, FormRecordSchema, ProcessInstanceSchema, UserSchema, type ProcessInstance } from '../../db/entities/index.js';
import { appendAudit } from '../../db/audit.js';
import type { Locale } from '../../forms/formDefinition.js';
import { taskAssignmentForm, type TaskAssignment } from '../../forms/taskAssignment.js';
import type { AssignedTaskInput } from '../../workflows/assignedTask.js';
import type { SessionUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import { ensureWorkflow, startOnce } from '../processes/processStart.js';

/** Separate tracks, or the first assignee leading with the others co-organising (协办). */
function tracksOf(assignment: TaskAssignment): AssignedTaskInput['tracks'] {
  const [lead, ...others] = assignment.assigneeIds;
  if (assignment.mode === 'lead') return [{ assigneeId: lead!, coOrganizerIds: others }];
  return assignment.assigneeIds.map((assigneeId) => ({ assigneeId, coOrganizerIds: [] }));
}

function workflowInput(deps: ApiDeps, instanceId: string, leaderId: number, assignment: TaskAssignment): AssignedTaskInput {
  const sla = deps.config.assignment;
  return {
    instanceId, leaderId, assignment, tracks: tracksOf(assignment),
    sla: {
      accept: sla.acceptDue, clarify: sla.clarifyDue, review: sla.reviewDue, remindBeforeHours: sla.remindBeforeHours,
      feedbackDay: sla.feedbackDay,
      ...(sla.deadline ? { deadline: sla.deadline } : {}),
    },
  };
}

/**
 * 立项交办 by a leader: the instance, one board row per track, the assignment record and the audit
 * event in one transaction, then the workflow. The same requestId again returns the same instance.
 */
export async function startAssignedTask(deps: ApiDeps, user: SessionUser, locale: Locale, data: unknown, requestId: string):
  Promise<{ instance: ProcessInstance; created: boolean }> {
  return startOnce(deps, user, requestId, 'assigned-task', {
    create: () => createAssignment(deps, user, locale, data, requestId),
    /** The first call may have died between the database and Temporal. */
    resume: async (instance) => {
      const record = await deps.orm.em.fork().findOneOrFail(FormRecordSchema, { instanceId: instance.id, taskId: null, formKey: taskAssignmentForm.key });
      await ensureWorkflow(deps, instance, 'assignedTask', workflowInput(deps, instance.id, user.id, record.data as TaskAssignment));
    },
  });
}

async function createAssignment(deps: ApiDeps, user: SessionUser, locale: Locale, data: unknown, requestId: string): Promise<ProcessInstance> {
  const em = deps.orm.em.fork();
  const checked = deps.forms.validate<TaskAssignment>(taskAssignmentForm.key, data, locale);
  if (!checked.ok) throw new ValidationError(checked.errors);
  const assignment = checked.data;
  const errors = [];
  if (assignment.deadline < chinaDate(new Date())) errors.push({ path: '/deadline', message: t(locale, 'deadlinePast') });
  const found = await em.count(UserSchema, { id: { $in: assignment.assigneeIds }, active: true });
  if (found !== assignment.assigneeIds.length) errors.push({ path: '/assigneeIds', message: t(locale, 'userMissing') });
  if (assignment.assigneeIds.includes(user.id)) errors.push({ path: '/assigneeIds', message: t(locale, 'selfAssignment') });
  if (errors.length) throw new ValidationError(errors);

  const id = randomUUID();
  const instance = await em.transactional(async (tx) => {
    const created = tx.create(ProcessInstanceSchema, {
      id, processKey: 'assigned-task', businessKey: `assignment:${id}`, status: 'running', startedBy: user.id, startRequestId: requestId,
      title: assignment.title,
      summary: { title: assignment.title, deadline: assignment.deadline, priority: assignment.priority, assigneeIds: assignment.assigneeIds, mode: assignment.mode },
    });
    for (const track of tracksOf(assignment)) {
      tx.create(AssignedTrackSchema, {
        instanceId: id, assigneeId: track.assigneeId, leaderId: user.id, coOrganizerIds: track.coOrganizerIds,
        title: assignment.title, priority: assignment.priority, originalDeadline: assignment.deadline, deadline: assignment.deadline,
      });
    }
    tx.create(FormRecordSchema, {
      id: randomUUID(), formKey: taskAssignmentForm.key, formVersion: taskAssignmentForm.version,
      data: assignment as Record<string, unknown>, instanceId: id, requestId, createdBy: user.id,
    });
    appendAudit(tx, { type: 'instance.started', actorId: user.id, instanceId: id, data: { processKey: 'assigned-task' } });
    return created;
  });
  await ensureWorkflow(deps, instance, 'assignedTask', workflowInput(deps, id, user.id, assignment));
  return instance;
}
