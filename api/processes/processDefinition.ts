import type { EntityManager } from '@mikro-orm/postgresql';
import type { ProcessInstance, Role } from '../../db/entities/index.js';
import type { FormDefinition, Locale } from '../../forms/formDefinition.js';
import type * as workflows from '../../workflows/index.js';
import type { SessionUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import type { MessageKey } from '../http/messages.js';

/** A workflow the worker runs, by its exported name. */
export type WorkflowName = keyof typeof workflows;
/** The input a workflow starts with. */
export type WorkflowInput<W extends WorkflowName> = Parameters<(typeof workflows)[W]>[0];

/** What the instance row of a new start says: its business key, title and summary, and what the audit event adds. */
export interface InstanceDescription {
  businessKey: string;
  title: string;
  summary: Record<string, unknown>;
  audit?: Record<string, unknown>;
}

/**
 * One process a user can start: its catalog entry (key, title, start form, who starts it, who
 * oversees it), what a start writes besides the instance, and the workflow it runs. `startProcess`
 * (processStart.ts) does the rest the same way for every process: the form check, one transaction
 * (instance, rows, start record, audit event, linked attachments), the workflow, and a repeated
 * `requestId` answered with the first start.
 */
export interface ProcessDefinition<Data = any, W extends WorkflowName = WorkflowName> {
  key: string;
  title: Record<Locale, string>;
  /** The form whose data starts it (validated with the same schema as in the browser). */
  startForm: FormDefinition;
  startRoles: readonly Role[];
  /** Roles that see every instance of the process (beyond the managing roles that see everything). */
  overseenBy?: readonly Role[];
  workflow: W;
  /** Checks beyond the form's schema (the caller's own customer, a date not in the future…): throws the ApiError. */
  check?(deps: ApiDeps, user: SessionUser, data: Data, locale: Locale): Promise<void>;
  /** The new instance's row, inside the start's transaction (e.g. to draw a number). */
  describe(data: Data, start: { instanceId: string; user: SessionUser; tx: EntityManager }): Promise<InstanceDescription>;
  /** The process's own rows (a ledger row, board rows), in the start's transaction. */
  writeRows?(tx: EntityManager, data: Data, instance: ProcessInstance, user: SessionUser): void;
  /** False: the start form is not kept as the instance's first record; resuming reads `storedData` instead. */
  keepsStartRecord?: false;
  /** The start data of a running instance whose start record is not kept. */
  storedData?(instance: ProcessInstance): Data;
  /** A second running instance of the same business key is refused with this 409 (params: the summary). */
  busy?: MessageKey;
  /** A repeated `requestId` with different data (another customer…) is 409 when this says so. */
  sameStart?(instance: ProcessInstance, data: unknown): boolean;
  /** The workflow's input, at the start or when a repeated start resumes one that never reached Temporal. */
  input(deps: ApiDeps, instance: ProcessInstance, data: Data, user: SessionUser): Promise<WorkflowInput<W>>;
}

/** A definition with its types checked: the input fits the workflow it names. */
export function defineProcess<Data, W extends WorkflowName>(definition: ProcessDefinition<Data, W>): ProcessDefinition<Data, W> {
  return definition;
}
