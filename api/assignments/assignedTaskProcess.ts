import { AssignedTrackSchema, UserSchema } from '../../db/entities/index.js';
import { chinaDate } from '../../domain/chinaTime.js';
import { taskAssignmentForm, type TaskAssignment } from '../../forms/taskAssignment.js';
import type { AssignedTaskInput } from '../../workflows/assignedTask.js';
import { ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import { defineProcess } from '../processes/processDefinition.js';
import { currentConfig } from '../../activities/businessSettings.js';

/** Separate tracks, or the first assignee leading with the others co-organising (协办). */
function tracksOf(assignment: TaskAssignment): AssignedTaskInput['tracks'] {
  const [lead, ...others] = assignment.assigneeIds;
  if (assignment.mode === 'lead') return [{ assigneeId: lead!, coOrganizerIds: others }];
  return assignment.assigneeIds.map((assigneeId) => ({ assigneeId, coOrganizerIds: [] }));
}

/** 立项交办 by a leader: the instance, one board row per track, the assignment record and the audit event, then the workflow. */
export const assignedTaskProcess = defineProcess<TaskAssignment, 'assignedTask'>({
  key: 'assigned-task',
  title: { 'zh-CN': '领导交办', en: 'Assign a task' },
  startForm: taskAssignmentForm,
  startRoles: ['leader'],
  workflow: 'assignedTask',
  async check(deps, user, assignment, locale) {
    const errors = [];
    if (assignment.deadline < chinaDate(new Date())) errors.push({ path: '/deadline', message: t(locale, 'deadlinePast') });
    const found = await deps.orm.em.fork().count(UserSchema, { id: { $in: assignment.assigneeIds }, active: true });
    if (found !== assignment.assigneeIds.length) errors.push({ path: '/assigneeIds', message: t(locale, 'userMissing') });
    if (assignment.assigneeIds.includes(user.id)) errors.push({ path: '/assigneeIds', message: t(locale, 'selfAssignment') });
    if (errors.length) throw new ValidationError(errors);
  },
  async describe(assignment, { instanceId }) {
    return {
      businessKey: `assignment:${instanceId}`,
      title: assignment.title,
      summary: { title: assignment.title, deadline: assignment.deadline, priority: assignment.priority, assigneeIds: assignment.assigneeIds, mode: assignment.mode },
    };
  },
  writeRows(tx, assignment, instance, user) {
    for (const track of tracksOf(assignment)) {
      tx.create(AssignedTrackSchema, {
        instanceId: instance.id, assigneeId: track.assigneeId, leaderId: user.id, coOrganizerIds: track.coOrganizerIds,
        title: assignment.title, priority: assignment.priority, originalDeadline: assignment.deadline, deadline: assignment.deadline,
      });
    }
  },
  async input(deps, instance, assignment, user) {
    const sla = (await currentConfig(deps.orm, deps.config)).assignment;
    return {
      instanceId: instance.id, leaderId: user.id, assignment, tracks: tracksOf(assignment),
      sla: {
        accept: sla.acceptDue, clarify: sla.clarifyDue, review: sla.reviewDue, remindBeforeHours: sla.remindBeforeHours,
        feedbackDay: sla.feedbackDay,
        ...(sla.deadline ? { deadline: sla.deadline } : {}),
      },
    };
  },
});
