/**
 * Types shared by workflows, activities and the API. Type-only: safe to import from workflow code.
 */
import type { Duration } from '../domain/calendar.js';
import type { Actor } from '../domain/taskRules.js';

/** Deadlines of a human step: a reminder after `remindAfter`, escalation when `due` has passed. */
export interface TaskSla {
  due: Duration;
  remindAfter?: Duration;
  /** Roles that may also act on the task once it is overdue. */
  escalateToRoles?: string[];
}

/**
 * Approval actions a step may allow besides completing it: 转交 (transfer to another user), 加签
 * (add a signer before, after or beside oneself; only on sign steps), 抄送 (copy others in).
 */
export type TaskAction = 'transfer' | 'addSigner' | 'cc';

/** Where an added signer goes: before me (I decide after them), after me, or beside me. */
export type SignerPosition = 'before' | 'after' | 'parallel';

/** What the API sends with the `taskAction` update. */
export interface TaskActionInput {
  taskId: string;
  actor: Actor;
  action: TaskAction;
  /** transfer / addSigner: the other user. */
  userId?: number;
  /**
   * transfer / addSigner: the roles `userId` holds, as the API read them; the workflow hands the task
   * only to someone who could hold the step. Absent (a caller from before it was sent): nobody could.
   */
  userRoles?: string[];
  /** cc: the users copied in. */
  userIds?: number[];
  position?: SignerPosition;
  reason: string;
  requestId: string;
}

/** Why the administration hands a task on: its holder was deactivated, or the customer it is about moved. */
export type HandOverReason = 'deactivated' | 'customerReassigned';

/** What the API (or the reconciler) sends with the `handOver` update. */
export interface HandOverInput {
  taskId: string;
  /** The user the task is personally assigned to now; the update is refused when it is not theirs. */
  fromUserId: number;
  fromRoles: string[];
  /** Who should get it (their supervisor, the customer's new manager); null or excluded: the step's role queue. */
  toUserId: number | null;
  reason: HandOverReason;
  /** The admin who caused it; null: the reconciler. */
  actorId: number | null;
}

/** A human step as a process workflow asks for it. */
export interface TaskSpec {
  /** Unique within the process run; the engine adds a round number when a step repeats. */
  stepKey: string;
  /** i18n key of the step's name, e.g. `regrade.review`. */
  name: string;
  formKey: string;
  assigneeId?: number;
  candidateRoles?: string[];
  excludedUserIds?: number[];
  /** Outcomes the form may end with (empty: any, e.g. a plain record). */
  allowedOutcomes?: string[];
  prefill?: Record<string, unknown>;
  /** Values the submitted data must keep (e.g. the customer of a revised proposal). */
  fixedData?: Record<string, unknown>;
  context?: Record<string, unknown>;
  sla?: TaskSla;
  priority?: number;
  /** Approval actions its assignee may take (none by default). */
  actions?: TaskAction[];
}

/** What the API sends with the `completeTask` update. */
export interface CompleteTaskInput {
  taskId: string;
  actor: Actor;
  data: Record<string, unknown>;
  outcome?: string;
  requestId: string;
}

/** The result of a completed human step. */
export interface TaskCompletion {
  taskId: string;
  stepKey: string;
  outcome: string | null;
  data: Record<string, unknown>;
  recordId: string;
  completedBy: number;
  /** The roles the decider acted with (e.g. a dept head deciding an escalated review). */
  completedByRoles: string[];
}

/** Reasons a completion is refused; the API maps them to HTTP statuses. */
export const TASK_REJECTIONS = {
  closed: 'TaskClosed',
  notAllowed: 'TaskNotAllowed',
  badOutcome: 'TaskBadOutcome',
  badData: 'TaskBadData',
  /** Waiting for a signer added before (前加签): the task cannot be completed yet. */
  held: 'TaskHeld',
  /**
   * The workflow does not know the task (yet): after a worker died before its first workflow task was
   * recorded, an update can arrive while the workflow re-runs up to the task. Ask again shortly.
   */
  unknown: 'TaskUnknown',
} as const;

/** What the API sends with the `withdraw` update. */
export interface WithdrawInput {
  actor: Actor;
  reason: string;
  requestId: string;
}

/** Final states of a process run. */
export type ProcessEnd = 'completed' | 'rejected' | 'cancelled';
