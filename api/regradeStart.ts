import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { WorkflowIdConflictPolicy } from '@temporalio/client';
import {
  AuditEventSchema, CustomerSchema, FormRecordSchema, ProcessInstanceSchema, type ProcessInstance,
} from '../db/entities/index.js';
import type { Locale } from '../forms/formDefinition.js';
import { regradeProposalForm, type RegradeProposal } from '../forms/regradeProposal.js';
import type { RegradeInput } from '../workflows/regrade.js';
import type { SessionUser } from './auth.js';
import type { ApiDeps } from './deps.js';
import { ConflictError, ForbiddenError, UnavailableError, ValidationError } from './errors.js';
import { t } from './messages.js';

/**
 * Starts a 客户分档调整 for one of the caller's own customers. The instance row is written first,
 * in one transaction with the proposal record and the audit event: its partial unique index keeps
 * one running regrade per customer (409), its (startedBy, requestId) key makes a repeated start
 * return the same instance.
 */
export async function startRegrade(deps: ApiDeps, user: SessionUser, locale: Locale, data: unknown, requestId: string):
  Promise<{ instance: ProcessInstance; created: boolean }> {
  if (!user.roles.includes('customer_manager')) throw new ForbiddenError();
  const em = deps.orm.em.fork();
  const repeated = await em.findOne(ProcessInstanceSchema, { startedBy: user.id, startRequestId: requestId });
  if (repeated) return { instance: repeated, created: false };

  const checked = deps.forms.validate<RegradeProposal>(regradeProposalForm.key, data, locale);
  if (!checked.ok) throw new ValidationError(checked.errors);
  const proposal = checked.data;
  const customer = await em.findOne(CustomerSchema, { id: proposal.customerId });
  if (!customer) throw new ValidationError([{ path: '/customerId', message: t(locale, 'customerMissing') }]);
  if (customer.managerId !== user.id) throw new ForbiddenError('notYourCustomer');
  if (customer.tier === proposal.proposedTier) {
    throw new ValidationError([{ path: '/proposedTier', message: t(locale, 'sameTier') }]);
  }
  if (user.supervisorId == null) throw new ConflictError('noSupervisor');

  const id = randomUUID();
  const businessKey = `customer:${customer.id}`;
  let instance: ProcessInstance;
  try {
    instance = await em.transactional(async (tx) => {
      const created = tx.create(ProcessInstanceSchema, {
        id, processKey: 'regrade', businessKey, status: 'running', startedBy: user.id, startRequestId: requestId,
        title: `${customer.name} D${customer.tier} → D${proposal.proposedTier}`,
        summary: { customerId: customer.id, customerName: customer.name, fromTier: customer.tier, proposedTier: proposal.proposedTier },
      });
      tx.create(FormRecordSchema, {
        id: randomUUID(), formKey: regradeProposalForm.key, formVersion: regradeProposalForm.version,
        data: proposal as Record<string, unknown>, instanceId: id, requestId, createdBy: user.id,
      });
      tx.create(AuditEventSchema, { type: 'instance.started', actorId: user.id, instanceId: id, data: { processKey: 'regrade', businessKey } });
      return created;
    });
  } catch (err) {
    if (!(err instanceof UniqueConstraintViolationException)) throw err;
    const again = await deps.orm.em.fork().findOne(ProcessInstanceSchema, { startedBy: user.id, startRequestId: requestId });
    if (again) return { instance: again, created: false };
    const open = await deps.orm.em.fork().findOne(ProcessInstanceSchema, { processKey: 'regrade', businessKey, status: 'running' });
    throw new ConflictError('regradeOpen', {}, open ? { instanceId: open.id } : undefined);
  }

  const input: RegradeInput = {
    instanceId: id,
    customer: { id: customer.id, code: customer.code, name: customer.name, tier: customer.tier },
    proposerId: user.id,
    supervisorId: user.supervisorId,
    proposal: proposal as RegradeInput['proposal'],
    headApprovalAbove: deps.config.regrade.headApprovalAbove,
    decisionSla: { due: deps.config.regrade.decisionDue, remindAfter: deps.config.regrade.remindAfter },
  };
  try {
    await deps.temporal.workflow.start('regrade', {
      workflowId: id, taskQueue: deps.config.temporal.taskQueue, args: [input],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    });
  } catch (err) {
    deps.log.error({ err, instanceId: id }, 'could not start regrade workflow');
    // Frees the customer for a new attempt: nothing runs for this instance.
    await deps.orm.em.fork().nativeUpdate(ProcessInstanceSchema, { id }, { status: 'failed', endedAt: new Date() });
    throw new UnavailableError();
  }
  return { instance, created: true };
}
