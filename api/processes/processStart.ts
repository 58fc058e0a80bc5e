import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import { appendAudit } from '../../db/audit.js';
import { FormRecordSchema, OPEN_INSTANCE_STATUSES, ProcessInstanceSchema, type ProcessInstance } from '../../db/entities/index.js';
import { markStarted, resolveStart, workflowExists } from '../../activities/instanceStarts.js';
import { attachmentRefs } from '../../forms/attachmentFields.js';
import type { Locale } from '../../forms/formDefinition.js';
import { instanceSearchAttributes } from '../../runtime/searchAttributes.js';
import { linkAttachments } from '../attachments/attachmentLinks.js';
import type { SessionUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { ConflictError, UnavailableError, ValidationError } from '../http/errors.js';
import type { InstanceDescription, ProcessDefinition } from './processDefinition.js';

/**
 * Starts `process` for `user` with the start form's `data`, once per (user, requestId): a repeat
 * returns the instance the first call made (200, its workflow ensured) without validating again; the
 * same requestId for another process, or with other data where the process says so, is 409. Two
 * identical calls at once: the loser of the unique key finds the winner's instance.
 */
export async function startProcess(deps: ApiDeps, process: ProcessDefinition, user: SessionUser, locale: Locale, data: unknown,
  requestId: string): Promise<{ instance: ProcessInstance; created: boolean }> {
  const find = () => deps.orm.em.fork().findOne(ProcessInstanceSchema, { startedBy: user.id, startRequestId: requestId });
  const repeat = async (instance: ProcessInstance) => {
    if (instance.processKey !== process.key || (process.sameStart && !process.sameStart(instance, data))) {
      throw new ConflictError('requestIdReused');
    }
    const resumable = isOpen(instance) ? instance : await reviveNeverStarted(deps, instance);
    if (!resumable) return { instance, created: false };
    return { instance: await ensureWorkflow(deps, process, resumable, await startData(deps, process, resumable), user), created: false };
  };
  const repeated = await find();
  if (repeated) return repeat(repeated);
  try {
    return { instance: await create(deps, process, user, locale, data, requestId), created: true };
  } catch (err) {
    if (!(err instanceof UniqueConstraintViolationException)) throw err;
    const again = await find();
    if (again) return repeat(again);
    throw err;
  }
}

/**
 * Validates, writes the instance (`starting`) with everything that belongs to it in one transaction, then
 * starts its workflow: the row says `running` only once Temporal has the workflow.
 */
async function create(deps: ApiDeps, process: ProcessDefinition, user: SessionUser, locale: Locale, data: unknown, requestId: string,
  retried = false): Promise<ProcessInstance> {
  const checked = deps.forms.validate(process.startForm.key, data, locale);
  if (!checked.ok) throw new ValidationError(checked.errors);
  await process.check?.(deps, user, checked.data, locale);
  const id = randomUUID();
  let described: InstanceDescription | undefined;
  let instance: ProcessInstance;
  try {
    instance = await deps.orm.em.fork().transactional(async (tx) => {
      described = await process.describe(checked.data, { instanceId: id, user, tx });
      const created = tx.create(ProcessInstanceSchema, {
        id, processKey: process.key, businessKey: described.businessKey, status: 'starting', startedBy: user.id, startRequestId: requestId,
        title: described.title, summary: described.summary,
      });
      process.writeRows?.(tx, checked.data, created, user);
      if (process.keepsStartRecord !== false) {
        tx.create(FormRecordSchema, {
          id: randomUUID(), formKey: process.startForm.key, formVersion: process.startForm.version,
          data: checked.data as Record<string, unknown>, instanceId: id, requestId, createdBy: user.id,
        });
      }
      appendAudit(tx, { type: 'instance.started', actorId: user.id, instanceId: id, data: { processKey: process.key, ...described.audit } });
      const files = attachmentRefs(process.startForm.schema, checked.data);
      if (files.length) {
        await tx.flush(); // the instance row exists before files are linked to it
        await linkAttachments(tx, files, id, user.id, locale);
      }
      return created;
    });
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException && process.busy && described) {
      const freed = await refuseBusy(deps, process, described, requestId, user, retried);
      if (freed) return create(deps, process, user, locale, data, requestId, true);
    }
    throw err;
  }
  return ensureWorkflow(deps, process, instance, checked.data, user);
}

/**
 * A unique key refused the instance: the same request made at once (its caller finds that one), or
 * another open instance of the business key, which is the process's 409 — unless that one is a start
 * that never reached Temporal: then it is failed now and true says to try again (once).
 */
async function refuseBusy(deps: ApiDeps, process: ProcessDefinition, described: InstanceDescription, requestId: string, user: SessionUser,
  retried: boolean): Promise<boolean> {
  const em = deps.orm.em.fork();
  if (await em.findOne(ProcessInstanceSchema, { startedBy: user.id, startRequestId: requestId })) return false;
  const open = await em.findOne(ProcessInstanceSchema, { processKey: process.key, businessKey: described.businessKey, status: { $in: [...OPEN_INSTANCE_STATUSES] } });
  const stale = open?.status === 'starting' && open.startedAt.getTime() < Date.now() - deps.config.reconcile.startGraceMs;
  if (stale && !retried && (await resolveStart(deps.orm, deps.temporal, open)) === 'failed') return true;
  // The message names what is busy (the month…), from the summary the refused start would have had.
  const params = Object.fromEntries(Object.entries(described.summary).filter(([, v]) => typeof v === 'string' || typeof v === 'number'));
  throw new ConflictError(process.busy!, params as Record<string, string | number>, open ? { instanceId: open.id } : undefined);
}

/** What an instance was started with: its start record, or what the process keeps of it elsewhere. */
async function startData(deps: ApiDeps, process: ProcessDefinition, instance: ProcessInstance): Promise<unknown> {
  if (process.keepsStartRecord === false) return process.storedData!(instance);
  const record = await deps.orm.em.fork().findOneOrFail(FormRecordSchema, { instanceId: instance.id, taskId: null, formKey: process.startForm.key });
  return record.data;
}

/** How long a start waits for Temporal before answering 503 (the row stays `starting`; a retry or the sweep resolves it). */
const START_DEADLINE_MS = 10_000;

/**
 * Starts the instance's workflow unless it exists (running or ended: the id is never reused), and marks
 * the row running; the row as it is then. When Temporal cannot be reached the row stays `starting`
 * and the answer is 503: the same requestId again resumes it, and the worker's sweep fails it (freeing
 * its business key) if its workflow never started.
 */
async function ensureWorkflow(deps: ApiDeps, process: ProcessDefinition, instance: ProcessInstance, data: unknown, user: SessionUser):
  Promise<ProcessInstance> {
  const input = await process.input(deps, instance, data, user);
  try {
    await deps.temporal.connection.withDeadline(Date.now() + START_DEADLINE_MS, () => deps.temporal.workflow.start(process.workflow, {
      workflowId: instance.id, taskQueue: deps.config.temporal.taskQueue, args: [input],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      // Operators find the run in the Temporal UI by these (runtime/searchAttributes.ts).
      typedSearchAttributes: instanceSearchAttributes({
        processKey: process.key, businessKey: instance.businessKey, starter: user.username,
        ...(typeof instance.summary.customerId === 'number' ? { customerId: instance.summary.customerId } : {}),
      }),
    }));
  } catch (err) {
    // An ended workflow of this id refuses a new start: it did exist.
    if (!(await workflowExists(deps.temporal, instance.id))) {
      deps.log.error({ err, instanceId: instance.id, workflowType: process.workflow }, 'could not start workflow');
      throw new UnavailableError();
    }
  }
  await markStarted(deps.orm, instance.id);
  return deps.orm.em.fork().findOneOrFail(ProcessInstanceSchema, { id: instance.id });
}

/**
 * A start the sweep failed because its workflow had not begun (Temporal down longer than the grace),
 * asked again with the same requestId: it is `starting` once more, so the repeat resumes it as promised
 * — unless its business key was taken meanwhile, or its workflow exists (then it failed for real).
 */
async function reviveNeverStarted(deps: ApiDeps, instance: ProcessInstance): Promise<ProcessInstance | undefined> {
  if (instance.status !== 'failed' || (await workflowExists(deps.temporal, instance.id)) !== false) return undefined;
  try {
    return await deps.orm.em.fork().transactional(async (tx) => {
      const changed = await tx.nativeUpdate(ProcessInstanceSchema, { id: instance.id, status: 'failed' },
        { status: 'starting', startedAt: new Date(), endedAt: null });
      if (!changed) return undefined;
      appendAudit(tx, { type: 'instance.startResumed', instanceId: instance.id, actorId: instance.startedBy });
      return tx.findOneOrFail(ProcessInstanceSchema, { id: instance.id });
    });
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) return undefined; // another start holds the key now
    throw err;
  }
}

function isOpen(instance: ProcessInstance): boolean {
  return (OPEN_INSTANCE_STATUSES as readonly string[]).includes(instance.status);
}
