import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import { appendAudit } from '../../db/audit.js';
import { FormRecordSchema, ProcessInstanceSchema, type ProcessInstance } from '../../db/entities/index.js';
import { attachmentRefs } from '../../forms/attachmentFields.js';
import type { Locale } from '../../forms/formDefinition.js';
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
    if (instance.status === 'running') await ensureWorkflow(deps, process, instance, await startData(deps, process, instance), user);
    return { instance, created: false };
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

/** Validates, writes the instance with everything that belongs to it in one transaction, then starts its workflow. */
async function create(deps: ApiDeps, process: ProcessDefinition, user: SessionUser, locale: Locale, data: unknown, requestId: string):
  Promise<ProcessInstance> {
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
        id, processKey: process.key, businessKey: described.businessKey, status: 'running', startedBy: user.id, startRequestId: requestId,
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
    if (err instanceof UniqueConstraintViolationException && process.busy && described) await refuseBusy(deps, process, described, requestId, user);
    throw err;
  }
  await ensureWorkflow(deps, process, instance, checked.data, user);
  return instance;
}

/**
 * A unique key refused the instance: the same request made at once (its caller finds that one), or
 * another running instance of the business key, which is the process's 409.
 */
async function refuseBusy(deps: ApiDeps, process: ProcessDefinition, described: InstanceDescription, requestId: string, user: SessionUser) {
  const em = deps.orm.em.fork();
  if (await em.findOne(ProcessInstanceSchema, { startedBy: user.id, startRequestId: requestId })) return;
  const open = await em.findOne(ProcessInstanceSchema, { processKey: process.key, businessKey: described.businessKey, status: 'running' });
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

/**
 * Starts the instance's workflow unless it exists (running or ended: the id is never reused).
 * If Temporal cannot be reached the instance is marked failed, which frees its business key.
 */
async function ensureWorkflow(deps: ApiDeps, process: ProcessDefinition, instance: ProcessInstance, data: unknown, user: SessionUser):
  Promise<void> {
  const input = await process.input(deps, instance, data, user);
  try {
    await deps.temporal.workflow.start(process.workflow, {
      workflowId: instance.id, taskQueue: deps.config.temporal.taskQueue, args: [input],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
  } catch (err) {
    const exists = await deps.temporal.workflow.getHandle(instance.id).describe().then(() => true, () => false);
    if (exists) return;
    deps.log.error({ err, instanceId: instance.id, workflowType: process.workflow }, 'could not start workflow');
    await deps.orm.em.fork().nativeUpdate(ProcessInstanceSchema, { id: instance.id, status: 'running' }, { status: 'failed', endedAt: new Date() });
    throw new UnavailableError();
  }
}
