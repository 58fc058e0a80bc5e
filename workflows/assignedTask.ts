import { ApplicationFailure, allHandlersFinished, condition, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import { DAY_MS, endOfChinaDay } from '../domain/chinaTime.js';
import type { AssignmentActivities, TrackStep } from '../activities/assignmentActivities.js';
import type { ProcessActivities } from '../activities/processActivities.js';
import type { ExtensionRequest } from '../forms/assignmentSteps.js';
import type { TaskAssignment } from '../forms/taskAssignment.js';
import { chaseUpdate, reportProgressUpdate, requestExtensionUpdate } from './definitions.js';
import { TaskBoard, TaskCancelled } from './humanTask.js';
import { TASK_REJECTIONS } from './types.js';
import { type Duration } from '../domain/calendar.js';

const activityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '30 seconds' },
} as const;
const process = proxyLocalActivities<ProcessActivities>(activityOptions);
const assignments = proxyLocalActivities<AssignmentActivities>(activityOptions);

export interface AssignedTaskInput {
  instanceId: string;
  leaderId: number;
  assignment: TaskAssignment;
  /** One per assignee in `separate` mode; in `lead` mode one track for the lead, with co-organisers. */
  tracks: { assigneeId: number; coOrganizerIds: number[] }[];
  sla: {
    accept: Duration;
    clarify: Duration;
    review: Duration;
    /** The assignee is reminded this long before the deadline. */
    remindBeforeHours: number;
    /** Replaces the assignment's deadline date (trials and tests); an extension then adds its days to it. */
    deadline?: Duration;
    /**
     * The "day" of the assignment's `feedbackEveryDays` (natural time: days, hours, minutes or seconds;
     * shorter in trials and tests). Absent: one day.
     */
    feedbackDay?: Duration;
  };
}

interface Track {
  assigneeId: number;
  coOrganizerIds: number[];
  status: 'accepting' | 'working' | 'closed';
  /** China date; an approved extension moves it. */
  deadline: string;
  reportTaskId?: string;
  extensionPending: boolean;
  /** Progress feedback came in during the current feedback period (an update, or the feedback task). */
  fedBack: boolean;
  /** The open `feedback-<assignee>` task, asked for after a period without feedback. */
  feedbackTaskId?: string;
  /** A completion report waits for the leader's review: no periodic feedback is due meanwhile. */
  reviewing: boolean;
}

const HOUR_MS = 3600_000;

/** A natural-time duration in ms (working days count as days here; a fixed instant as one day). */
function naturalMs(duration: Duration | undefined): number {
  if (!duration) return DAY_MS;
  if ('seconds' in duration) return duration.seconds * 1000;
  if ('minutes' in duration) return duration.minutes * 60_000;
  if ('hours' in duration) return duration.hours * HOUR_MS;
  if ('days' in duration) return duration.days * DAY_MS;
  if ('workingDays' in duration) return duration.workingDays * DAY_MS;
  return DAY_MS;
}

function refuse(message: string, type: string = TASK_REJECTIONS.notAllowed): never {
  throw ApplicationFailure.nonRetryable(message, type);
}

/**
 * 领导交办事项 / 督办: each assignee accepts (or asks the leader first), works to the deadline — progress
 * feedback at any time, chased by the leader at any time, an extension asked before the deadline and
 * approved by the leader moves it — reports completion, and the leader accepts with a rating or
 * returns the work; closed (销号) when every track is accepted. Overdue is judged against the
 * original deadline (the board's rows keep it).
 */
export async function assignedTask(input: AssignedTaskInput): Promise<{ ratings: Record<number, number | null> }> {
  const board = new TaskBoard(input.instanceId, 'assigned-task');
  const { assignment } = input;
  const tracks = new Map<number, Track>(input.tracks.map((t) => [t.assigneeId, {
    ...t, status: 'accepting', deadline: assignment.deadline, extensionPending: false, fedBack: false, reviewing: false,
  }]));
  const context = { title: assignment.title, priority: assignment.priority, leaderId: input.leaderId };
  const step = (assigneeId: number, facts: Omit<TrackStep, 'instanceId' | 'assigneeId'>) =>
    assignments.recordTrackStep({ instanceId: input.instanceId, assigneeId, ...facts });
  const trackOf = (assigneeId: number) => tracks.get(assigneeId) ?? refuse('no such track');
  const dueOf = (track: Track) => input.sla.deadline ? undefined : Date.parse(endOfChinaDay(track.deadline));

  setHandler(reportProgressUpdate, async (update) => {
    const stored = await assignments.addTrackRecord({
      instanceId: input.instanceId, assigneeId: update.assigneeId, actorId: update.actor.id, requestId: update.requestId,
      formKey: 'progress-feedback', data: update.data, event: 'assignment.progress',
    });
    // This period's feedback is in: an open request for it is moot.
    const track = trackOf(update.assigneeId);
    track.fedBack = true;
    if (track.feedbackTaskId) await board.cancel(track.feedbackTaskId, null);
    return stored;
  }, {
    validator: ({ actor, assigneeId }) => {
      const track = trackOf(assigneeId);
      if (actor.id !== track.assigneeId && !track.coOrganizerIds.includes(actor.id)) refuse('not on this track');
      if (track.status === 'closed') refuse('track closed', TASK_REJECTIONS.closed);
    },
  });

  setHandler(chaseUpdate, async (update) => {
    await assignments.addTrackRecord({
      instanceId: input.instanceId, assigneeId: update.assigneeId, actorId: update.actor.id, requestId: update.requestId,
      formKey: 'supervision-note', data: update.data, event: 'assignment.chased',
    });
  }, {
    validator: ({ actor, assigneeId }) => {
      if (actor.id !== input.leaderId) refuse('only the assigning leader may chase');
      if (trackOf(assigneeId).status === 'closed') refuse('track closed', TASK_REJECTIONS.closed);
    },
  });

  setHandler(requestExtensionUpdate, async (update) => {
    const track = trackOf(update.assigneeId);
    track.extensionPending = true;
    const stored = await assignments.addTrackRecord({
      instanceId: input.instanceId, assigneeId: update.assigneeId, actorId: update.actor.id, requestId: update.requestId,
      formKey: 'extension-request', data: update.data, event: 'assignment.extensionRequested',
    });
    void decideExtension(track, update.data as ExtensionRequest);
    return stored;
  }, {
    validator: ({ actor, assigneeId, data }) => {
      const track = trackOf(assigneeId);
      if (actor.id !== track.assigneeId) refuse('only the assignee may ask for more time');
      if (track.status === 'closed') refuse('track closed', TASK_REJECTIONS.closed);
      if (track.extensionPending) refuse('an extension is being decided', TASK_REJECTIONS.closed);
      if (typeof data.newDeadline !== 'string' || data.newDeadline <= track.deadline) refuse('the new deadline must be later', TASK_REJECTIONS.badData);
    },
  });

  /** The leader decides; an approval moves the deadline of the open report task too. */
  async function decideExtension(track: Track, request: ExtensionRequest): Promise<void> {
    const decision = await board.run({
      stepKey: `extension-${track.assigneeId}`, name: 'assignment.extension', formKey: 'approval-decision',
      assigneeId: input.leaderId, allowedOutcomes: ['approve', 'reject'],
      context: { ...context, assigneeId: track.assigneeId, deadline: track.deadline, newDeadline: request.newDeadline, reason: request.reason },
      sla: { due: input.sla.review },
    });
    track.extensionPending = false;
    if (decision.outcome !== 'approve' || track.status === 'closed') return;
    const from = track.deadline;
    track.deadline = request.newDeadline;
    await step(track.assigneeId, { deadline: request.newDeadline });
    const due = track.reportTaskId ? board.dueOf(track.reportTaskId) : null;
    if (track.reportTaskId && due !== null) {
      // With a configured (relative) deadline the extension adds its days to it; else it is the new date's end.
      const moved = input.sla.deadline
        ? due + Date.parse(endOfChinaDay(request.newDeadline)) - Date.parse(endOfChinaDay(from))
        : Date.parse(endOfChinaDay(request.newDeadline));
      await board.moveDeadline(track.reportTaskId, moved, moved - input.sla.remindBeforeHours * HOUR_MS);
    }
  }

  /**
   * 定期反馈: while the track is worked on, every `feedbackEveryDays` days without progress feedback
   * (and without a report under review) the assignee gets a feedback task, due in a working day;
   * one at a time. Ends when the track is closed, cancelling a request still open.
   */
  async function demandFeedback(track: Track, everyDays: number): Promise<void> {
    const period = everyDays * naturalMs(input.sla.feedbackDay);
    const asked: Promise<void>[] = [];
    while (!(await condition(() => track.status === 'closed', period))) {
      const due = !track.fedBack && !track.reviewing && !track.feedbackTaskId;
      track.fedBack = false;
      if (due) asked.push(askFeedback(track, everyDays));
    }
    if (track.feedbackTaskId) await board.cancel(track.feedbackTaskId, null);
    await Promise.all(asked);
  }

  /** The feedback task; its completion is the period's progress feedback, counted like one sent at any time. */
  async function askFeedback(track: Track, everyDays: number): Promise<void> {
    const who = track.assigneeId;
    const done = await board.run({
      stepKey: `feedback-${who}`, name: 'assignment.feedback', formKey: 'progress-feedback', assigneeId: who,
      context: { ...context, requirement: assignment.requirement, deadline: track.deadline, everyDays },
      sla: { due: { workingDays: 1 } },
    }, { onOpened: (taskId) => { track.feedbackTaskId = taskId; } }).catch((err: unknown) => {
      if (err instanceof TaskCancelled) return null; // answered by an update, made moot by the report, or the track closed
      throw err;
    });
    track.feedbackTaskId = undefined;
    if (!done) return;
    track.fedBack = true;
    await assignments.countTaskFeedback({ instanceId: input.instanceId, assigneeId: who, actorId: done.completedBy, taskId: done.taskId, recordId: done.recordId });
  }

  async function runTrack(track: Track): Promise<number | null> {
    const who = track.assigneeId;
    for (;;) {
      const accepted = await board.run({
        stepKey: `accept-${who}`, name: 'assignment.accept', formKey: 'task-acceptance', assigneeId: who,
        allowedOutcomes: ['accept', 'clarify'], context: { ...context, requirement: assignment.requirement, deadline: track.deadline },
        sla: { due: input.sla.accept },
      });
      if (accepted.outcome === 'accept') break;
      await step(who, { status: 'clarifying' });
      await board.run({
        stepKey: `clarify-${who}`, name: 'assignment.clarify', formKey: 'clarification', assigneeId: input.leaderId,
        context: { ...context, assigneeId: who, question: accepted.data.comment }, sla: { due: input.sla.clarify },
      });
      await step(who, { status: 'accepting' });
    }
    track.status = 'working';
    await step(who, { status: 'working', accepted: true });
    const feedback = assignment.feedbackEveryDays ? demandFeedback(track, assignment.feedbackEveryDays) : Promise.resolve();
    for (let round = 1; ; round++) {
      const due = dueOf(track);
      const report = await board.run({
        stepKey: `report-${who}`, name: 'assignment.report', formKey: 'completion-report', assigneeId: who,
        context: { ...context, requirement: assignment.requirement, deadline: track.deadline, round },
        sla: due === undefined
          ? { due: input.sla.deadline! }
          : { due: { until: new Date(due).toISOString() }, remindAfter: { until: new Date(due - input.sla.remindBeforeHours * HOUR_MS).toISOString() } },
      }, { onOpened: (taskId) => { track.reportTaskId = taskId; } });
      track.reportTaskId = undefined;
      // The report is the latest word on progress: no periodic feedback is asked while it is reviewed.
      track.reviewing = true;
      if (track.feedbackTaskId) await board.cancel(track.feedbackTaskId, null);
      await step(who, { status: 'reviewing', reported: { round } });
      const review = await board.run({
        stepKey: `review-${who}`, name: 'assignment.review', formKey: 'assignment-review', assigneeId: input.leaderId,
        allowedOutcomes: ['accept', 'return'], context: { ...context, assigneeId: who, round, recordId: report.recordId },
        sla: { due: input.sla.review },
      });
      if (review.outcome === 'accept') {
        track.status = 'closed';
        const rating = typeof review.data.rating === 'number' ? review.data.rating : null;
        await step(who, { status: 'closed', closed: { rating } });
        await feedback;
        return rating;
      }
      track.reviewing = false;
      track.fedBack = true; // the returned work starts a fresh feedback period
      await step(who, { status: 'working' });
    }
  }

  const ratings = await Promise.all([...tracks.values()].map(runTrack));
  await board.cancelAll(null); // an extension still being decided is moot once the work is accepted
  await condition(allHandlersFinished);
  await process.finishInstance({ instanceId: input.instanceId, status: 'completed', summary: { closed: true } });
  return { ratings: Object.fromEntries([...tracks.keys()].map((id, i) => [id, ratings[i] ?? null])) };
}
