import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import {
  CustomerSchema, FormRecordSchema, ProcessInstanceSchema, type Customer, type ProcessInstance,
} from '../../db/entities/index.js';
import { appendAudit } from '../../db/audit.js';
import type { Locale } from '../../forms/formDefinition.js';
import { regradeProposalForm, type RegradeProposal } from '../../forms/regradeProposal.js';
import type { RegradeInput } from '../../workflows/regrade.js';
import { customerBusinessKey, regradeTitle } from '../../domain/regradeRules.js';
import type { SessionUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { ConflictError, ForbiddenError, ValidationError } from '../http/errors.js';
import { ensureWorkflow } from '../processes/processStart.js';
import { t } from '../http/messages.js';
import { regradeProposalErrors } from '../tasks/taskDataRules.js';

/**
 * Starts a 客户分档调整 for one of the caller's own customers (the route has checked the role). The instance row is written first,
 * in one transaction with the proposal record and the audit event: its partial unique index keeps
 * one running regrade per customer (409), its (startedBy, requestId) key makes a repeated start
 * return the same instance.
 */
export async function startRegrade(deps: ApiDeps, user: SessionUser, locale: Locale, data: unknown, requestId: string):
  Promise<{ instance: ProcessInstance; created: boolean }> {
  const em = deps.orm.em.fork();
  const repeated = await em.findOne(ProcessInstanceSchema, { startedBy: user.id, startRequestId: requestId });
  if (repeated) return repeatStart(deps, user, repeated, data);

  const checked = deps.forms.validate<RegradeProposal>(regradeProposalForm.key, data, locale);
  if (!checked.ok) throw new ValidationError(checked.errors);
  const proposal = checked.data;
  const customer = await em.findOne(CustomerSchema, { id: proposal.customerId });
  if (!customer) throw new ValidationError([{ path: '/customerId', message: t(locale, 'customerMissing') }]);
  if (customer.managerId !== user.id) throw new ForbiddenError('notYourCustomer');
  const sameTier = regradeProposalErrors(customer.tier, proposal, locale);
  if (sameTier.length) throw new ValidationError(sameTier);
  if (user.supervisorId == null) throw new ConflictError('noSupervisor');

  const id = randomUUID();
  const businessKey = customerBusinessKey(customer.id);
  let instance: ProcessInstance;
  try {
    instance = await em.transactional(async (tx) => {
      const created = tx.create(ProcessInstanceSchema, {
        id, processKey: 'regrade', businessKey, status: 'running', startedBy: user.id, startRequestId: requestId,
        title: regradeTitle(customer.name, customer.tier, proposal.proposedTier),
        summary: { customerId: customer.id, customerName: customer.name, fromTier: customer.tier, proposedTier: proposal.proposedTier },
      });
      tx.create(FormRecordSchema, {
        id: randomUUID(), formKey: regradeProposalForm.key, formVersion: regradeProposalForm.version,
        data: proposal as Record<string, unknown>, instanceId: id, requestId, createdBy: user.id,
      });
      appendAudit(tx, { type: 'instance.started', actorId: user.id, instanceId: id, data: { processKey: 'regrade', businessKey } });
      return created;
    });
  } catch (err) {
    if (!(err instanceof UniqueConstraintViolationException)) throw err;
    const again = await deps.orm.em.fork().findOne(ProcessInstanceSchema, { startedBy: user.id, startRequestId: requestId });
    if (again) return repeatStart(deps, user, again, data);
    const open = await deps.orm.em.fork().findOne(ProcessInstanceSchema, { processKey: 'regrade', businessKey, status: 'running' });
    throw new ConflictError('regradeOpen', {}, open ? { instanceId: open.id } : undefined);
  }

  await ensureWorkflow(deps, instance, 'regrade', regradeInput(deps, instance.id, customer, user.id, user.supervisorId, proposal));
  return { instance, created: true };
}

function regradeInput(deps: ApiDeps, instanceId: string, customer: Customer, proposerId: number, supervisorId: number,
  proposal: RegradeProposal): RegradeInput {
  return {
    instanceId,
    customer: { id: customer.id, code: customer.code, name: customer.name, tier: customer.tier },
    proposerId,
    supervisorId,
    proposal,
    headApprovalAbove: deps.config.regrade.headApprovalAbove,
    decisionSla: { due: deps.config.regrade.decisionDue, remindAfter: deps.config.regrade.remindAfter },
  };
}

/**
 * A start repeated with the same requestId: the same instance, and its workflow started if the
 * first call died between the database and Temporal. The same requestId for another customer is 409.
 */
async function repeatStart(deps: ApiDeps, user: SessionUser, instance: ProcessInstance, data: unknown) {
  const customerId = typeof data === 'object' && data !== null ? (data as { customerId?: unknown }).customerId : undefined;
  if (instance.businessKey !== customerBusinessKey(String(customerId))) throw new ConflictError('requestIdReused');
  if (instance.status === 'running') {
    const em = deps.orm.em.fork();
    const customer = await em.findOneOrFail(CustomerSchema, { id: Number(customerId) });
    const record = await em.findOneOrFail(FormRecordSchema, { instanceId: instance.id, taskId: null });
    const proposal = record.data as RegradeProposal;
    await ensureWorkflow(deps, instance, 'regrade', regradeInput(deps, instance.id, customer, instance.startedBy, user.supervisorId!, proposal));
  }
  return { instance, created: false };
}
