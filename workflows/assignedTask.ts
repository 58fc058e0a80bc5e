import { ApplicationFailure, allHandlersFinished, condition, patched, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import { DAY_MS, endOfChinaDay } from '../domain/chinaTime.js';
import type { AssignmentActivities, TrackStep } from '../activities/assignmentActivities.js';
import type { ProcessActivities } from '../activities/processActivities.js';
import type { ExtensionRequest } from '../forms/assignmentSteps.js';
import type { TaskAssignment } from '../forms/taskAssignment.js';
import { LOCAL_ACTIVITY_OPTIONS, RECORDED_ACTIVITY_OPTIONS } from './activityOptions.js';
import { chaseUpdate, reportProgressUpdate, requestExtensionUpdate, type TrackInput } from './definitions.js';
import { HANDLER_WRITES_PATCH, handlerWrites, TaskBoard, TaskCancelled } from './humanTask.js';
import { TASK_REJECTIONS, type TaskCompletion } from './types.js';
import { type Duration } from '../domain/calendar.js';

const process = proxyLocalActivities<ProcessActivities>(LOCAL_ACTIVITY_OPTIONS);
const assignments = proxyLocalActivities<AssignmentActivities>(LOCAL_ACTIVITY_OPTIONS);
// The records an update handler stores: written after Temporal has recorded the update (activityOptions.ts).
const recordedAssignments = proxyActivities<AssignmentActivities>(RECORDED_ACTIVITY_OPTIONS);

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

/** What an assigned task ends with: each assignee's rating (1–5) from the leader's review, or null. */
export interface AssignedTaskResult {
  ratings: Record<number, number | null>;
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
export async function assignedTask(input: AssignedTaskInput): Promise<AssignedTaskResult> {
  return new AssignedTask(input).run();
}

/**
 * One run of an assigned task: its tracks, the updates that act on them, and each track's steps.
 *
 * The step methods (`acceptTask` … `feedbackTask`, `recordStep`, `addRecord`) are not `async`: they
 * hand back the activity's or the board's own promise, so every `await` resumes on the same
 * microtask as it did when the flow was one function, and the commands of concurrent tracks come out
 * in the order recorded histories hold.
 */
class AssignedTask {
  private readonly board: TaskBoard;
  private readonly tracks: Map<number, Track>;
  private readonly context: { title: string; priority: TaskAssignment['priority']; leaderId: number };

  constructor(private readonly input: AssignedTaskInput) {
    this.board = new TaskBoard(input.instanceId, 'assigned-task');
    const { assignment } = input;
    this.tracks = new Map(input.tracks.map((t) => [t.assigneeId, {
      ...t, status: 'accepting', deadline: assignment.deadline, extensionPending: false, fedBack: false, reviewing: false,
    }]));
    this.context = { title: assignment.title, priority: assignment.priority, leaderId: input.leaderId };
    setHandler(reportProgressUpdate, (update) => this.reportProgress(update), {
      validator: (update) => this.mayReportProgress(update),
    });
    setHandler(chaseUpdate, (update) => this.chase(update), {
      validator: (update) => this.mayChase(update),
    });
    setHandler(requestExtensionUpdate, (update) => this.requestExtension(update), {
      validator: (update) => this.mayRequestExtension(update),
    });
  }

  /** Runs every track to its close (销号), then ends the instance. */
  async run(): Promise<AssignedTaskResult> {
    const ratings = await Promise.all([...this.tracks.values()].map((track) => this.runTrack(track)));
    await this.board.cancelAll(null); // an extension still being decided is moot once the work is accepted
    await condition(allHandlersFinished);
    await process.finishInstance({ instanceId: this.input.instanceId, status: 'completed', summary: { closed: true } });
    return { ratings: Object.fromEntries([...this.tracks.keys()].map((id, i) => [id, ratings[i] ?? null])) };
  }

  // --- Updates: a validator refuses without a trace in the history; the handler records.

  private mayReportProgress({ actor, assigneeId }: TrackInput): void {
    const track = this.trackOf(assigneeId);
    if (actor.id !== track.assigneeId && !track.coOrganizerIds.includes(actor.id)) refuse('not on this track');
    if (track.status === 'closed') refuse('track closed', TASK_REJECTIONS.closed);
  }

  private async reportProgress(update: TrackInput): Promise<{ recordId: string }> {
    const stored = await this.addRecord(update, 'progress-feedback', 'assignment.progress');
    // This period's feedback is in: an open request for it is moot.
    const track = this.trackOf(update.assigneeId);
    track.fedBack = true;
    if (track.feedbackTaskId) await this.board.cancel(track.feedbackTaskId, null, handlerWrites().tasks);
    return stored;
  }

  private mayChase({ actor, assigneeId }: TrackInput): void {
    if (actor.id !== this.input.leaderId) refuse('only the assigning leader may chase');
    if (this.trackOf(assigneeId).status === 'closed') refuse('track closed', TASK_REJECTIONS.closed);
  }

  private async chase(update: TrackInput): Promise<void> {
    await this.addRecord(update, 'supervision-note', 'assignment.chased');
  }

  private mayRequestExtension({ actor, assigneeId, data }: TrackInput): void {
    const track = this.trackOf(assigneeId);
    if (actor.id !== track.assigneeId) refuse('only the assignee may ask for more time');
    if (track.status === 'closed') refuse('track closed', TASK_REJECTIONS.closed);
    if (track.extensionPending) refuse('an extension is being decided', TASK_REJECTIONS.closed);
    if (typeof data.newDeadline !== 'string' || data.newDeadline <= track.deadline) refuse('the new deadline must be later', TASK_REJECTIONS.badData);
  }

  private async requestExtension(update: TrackInput): Promise<{ recordId: string }> {
    const track = this.trackOf(update.assigneeId);
    track.extensionPending = true;
    const stored = await this.addRecord(update, 'extension-request', 'assignment.extensionRequested');
    void this.decideExtension(track, update.data as ExtensionRequest);
    return stored;
  }

  // --- A track: accept (or ask first), report, review; until the leader accepts the work.

  private async runTrack(track: Track): Promise<number | null> {
    const who = track.assigneeId;
    for (;;) {
      const accepted = await this.acceptTask(track);
      if (accepted.outcome === 'accept') break;
      await this.recordStep(who, { status: 'clarifying' });
      await this.clarifyTask(track, accepted.data.comment);
      await this.recordStep(who, { status: 'accepting' });
    }
    track.status = 'working';
    await this.recordStep(who, { status: 'working', accepted: true });
    const everyDays = this.input.assignment.feedbackEveryDays;
    const feedback = everyDays ? this.demandFeedback(track, everyDays) : Promise.resolve();
    for (let round = 1; ; round++) {
      const report = await this.reportTask(track, round);
      track.reportTaskId = undefined;
      // The report is the latest word on progress: no periodic feedback is asked while it is reviewed.
      track.reviewing = true;
      if (track.feedbackTaskId) await this.board.cancel(track.feedbackTaskId, null);
      await this.recordStep(who, { status: 'reviewing', reported: { round } });
      const review = await this.reviewTask(track, round, report.recordId);
      if (review.outcome === 'accept') {
        track.status = 'closed';
        const rating = typeof review.data.rating === 'number' ? review.data.rating : null;
        await this.recordStep(who, { status: 'closed', closed: { rating } });
        await feedback;
        return rating;
      }
      track.reviewing = false;
      track.fedBack = true; // the returned work starts a fresh feedback period
      await this.recordStep(who, { status: 'working' });
    }
  }

  private acceptTask(track: Track): Promise<TaskCompletion> {
    const { assignment, sla } = this.input;
    return this.board.run({
      stepKey: `accept-${track.assigneeId}`, name: 'assignment.accept', formKey: 'task-acceptance', assigneeId: track.assigneeId,
      allowedOutcomes: ['accept', 'clarify'], context: { ...this.context, requirement: assignment.requirement, deadline: track.deadline },
      sla: { due: sla.accept },
    });
  }

  private clarifyTask(track: Track, question: unknown): Promise<TaskCompletion> {
    return this.board.run({
      stepKey: `clarify-${track.assigneeId}`, name: 'assignment.clarify', formKey: 'clarification', assigneeId: this.input.leaderId,
      context: { ...this.context, assigneeId: track.assigneeId, question }, sla: { due: this.input.sla.clarify },
    });
  }

  /** Due at the end of the track's deadline day (reminded before), unless the SLA configures a relative deadline. */
  private reportTask(track: Track, round: number): Promise<TaskCompletion> {
    const { assignment, sla } = this.input;
    const due = sla.deadline ? undefined : Date.parse(endOfChinaDay(track.deadline));
    return this.board.run({
      stepKey: `report-${track.assigneeId}`, name: 'assignment.report', formKey: 'completion-report', assigneeId: track.assigneeId,
      context: { ...this.context, requirement: assignment.requirement, deadline: track.deadline, round },
      sla: due === undefined
        ? { due: sla.deadline! }
        : { due: { until: new Date(due).toISOString() }, remindAfter: { until: new Date(due - sla.remindBeforeHours * HOUR_MS).toISOString() } },
    }, { onOpened: (taskId) => { track.reportTaskId = taskId; } });
  }

  private reviewTask(track: Track, round: number, recordId: string): Promise<TaskCompletion> {
    return this.board.run({
      stepKey: `review-${track.assigneeId}`, name: 'assignment.review', formKey: 'assignment-review', assigneeId: this.input.leaderId,
      allowedOutcomes: ['accept', 'return'], context: { ...this.context, assigneeId: track.assigneeId, round, recordId },
      sla: { due: this.input.sla.review },
    });
  }

  // --- 延期: the leader decides; an approval moves the deadline of the open report task too.

  private async decideExtension(track: Track, request: ExtensionRequest): Promise<void> {
    const decision = await this.extensionTask(track, request);
    track.extensionPending = false;
    if (decision.outcome !== 'approve' || track.status === 'closed') return;
    const from = track.deadline;
    track.deadline = request.newDeadline;
    await this.recordStep(track.assigneeId, { deadline: request.newDeadline });
    const due = track.reportTaskId ? this.board.dueOf(track.reportTaskId) : null;
    if (track.reportTaskId && due !== null) {
      // With a configured (relative) deadline the extension adds its days to it; else it is the new date's end.
      const moved = this.input.sla.deadline
        ? due + Date.parse(endOfChinaDay(request.newDeadline)) - Date.parse(endOfChinaDay(from))
        : Date.parse(endOfChinaDay(request.newDeadline));
      await this.board.moveDeadline(track.reportTaskId, moved, moved - this.input.sla.remindBeforeHours * HOUR_MS);
    }
  }

  private extensionTask(track: Track, request: ExtensionRequest): Promise<TaskCompletion> {
    return this.board.run({
      stepKey: `extension-${track.assigneeId}`, name: 'assignment.extension', formKey: 'approval-decision',
      assigneeId: this.input.leaderId, allowedOutcomes: ['approve', 'reject'],
      context: { ...this.context, assigneeId: track.assigneeId, deadline: track.deadline, newDeadline: request.newDeadline, reason: request.reason },
      sla: { due: this.input.sla.review },
    });
  }

  // --- 定期反馈

  /**
   * While the track is worked on, every `everyDays` days without progress feedback (and without a
   * report under review) the assignee gets a feedback task, due in a working day; one at a time.
   * Ends when the track is closed, cancelling a request still open.
   */
  private async demandFeedback(track: Track, everyDays: number): Promise<void> {
    const period = everyDays * naturalMs(this.input.sla.feedbackDay);
    const asked: Promise<void>[] = [];
    while (!(await condition(() => track.status === 'closed', period))) {
      const due = !track.fedBack && !track.reviewing && !track.feedbackTaskId;
      track.fedBack = false;
      if (due) asked.push(this.askFeedback(track, everyDays));
    }
    if (track.feedbackTaskId) await this.board.cancel(track.feedbackTaskId, null);
    await Promise.all(asked);
  }

  /** The feedback task's completion is the period's progress feedback, counted like one sent at any time. */
  private async askFeedback(track: Track, everyDays: number): Promise<void> {
    const done = await this.feedbackTask(track, everyDays).catch((err: unknown) => {
      if (err instanceof TaskCancelled) return null; // answered by an update, made moot by the report, or the track closed
      throw err;
    });
    track.feedbackTaskId = undefined;
    if (!done) return;
    track.fedBack = true;
    await assignments.countTaskFeedback({
      instanceId: this.input.instanceId, assigneeId: track.assigneeId, actorId: done.completedBy, taskId: done.taskId, recordId: done.recordId,
    });
  }

  private feedbackTask(track: Track, everyDays: number): Promise<TaskCompletion> {
    return this.board.run({
      stepKey: `feedback-${track.assigneeId}`, name: 'assignment.feedback', formKey: 'progress-feedback', assigneeId: track.assigneeId,
      context: { ...this.context, requirement: this.input.assignment.requirement, deadline: track.deadline, everyDays },
      sla: { due: { workingDays: 1 } },
    }, { onOpened: (taskId) => { track.feedbackTaskId = taskId; } });
  }

  // --- The track's row and records

  private trackOf(assigneeId: number): Track {
    return this.tracks.get(assigneeId) ?? refuse('no such track');
  }

  private recordStep(assigneeId: number, facts: Omit<TrackStep, 'instanceId' | 'assigneeId'>): Promise<void> {
    return assignments.recordTrackStep({ instanceId: this.input.instanceId, assigneeId, ...facts });
  }

  /** Stores an update's record; only update handlers call it. */
  private addRecord(update: TrackInput, formKey: string, event: string): Promise<{ recordId: string }> {
    const writer = patched(HANDLER_WRITES_PATCH) ? recordedAssignments : assignments;
    return writer.addTrackRecord({
      instanceId: this.input.instanceId, assigneeId: update.assigneeId, actorId: update.actor.id, requestId: update.requestId,
      formKey, data: update.data, event,
    });
  }
}
