import { CustomerSchema } from '../../db/entities/index.js';
import { customerBusinessKey, regradeTitle } from '../../domain/regradeRules.js';
import { regradeProposalForm, type RegradeProposal } from '../../forms/regradeProposal.js';
import { ConflictError, ForbiddenError, ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import { defineProcess } from '../processes/processDefinition.js';
import { regradeProposalErrors } from '../tasks/taskDataRules.js';
import { currentConfig } from '../../activities/businessSettings.js';

/**
 * 客户分档调整, proposed by a customer manager for one of their own customers. The instance's partial
 * unique index on its business key keeps one running regrade per customer (409).
 */
export const regradeProcess = defineProcess<RegradeProposal, 'regrade'>({
  key: 'regrade',
  title: { 'zh-CN': '客户分档调整', en: 'Customer regrade' },
  startForm: regradeProposalForm,
  startRoles: ['customer_manager'],
  workflow: 'regrade',
  busy: 'regradeOpen',
  async check(deps, user, proposal, locale) {
    const customer = await deps.orm.em.fork().findOne(CustomerSchema, { id: proposal.customerId });
    if (!customer) throw new ValidationError([{ path: '/customerId', message: t(locale, 'customerMissing') }]);
    if (customer.managerId !== user.id) throw new ForbiddenError('notYourCustomer');
    const sameTier = regradeProposalErrors(customer.tier, proposal, locale);
    if (sameTier.length) throw new ValidationError(sameTier);
    if (user.supervisorId == null) throw new ConflictError('noSupervisor');
  },
  async describe(proposal, { tx }) {
    const customer = await tx.findOneOrFail(CustomerSchema, { id: proposal.customerId });
    const businessKey = customerBusinessKey(customer.id);
    return {
      businessKey,
      title: regradeTitle(customer.name, customer.tier, proposal.proposedTier),
      summary: { customerId: customer.id, customerName: customer.name, fromTier: customer.tier, proposedTier: proposal.proposedTier },
      audit: { businessKey },
    };
  },
  // The same requestId for another customer is another start.
  sameStart: (instance, data) =>
    instance.businessKey === customerBusinessKey(String(typeof data === 'object' && data ? (data as { customerId?: unknown }).customerId : '')),
  async input(deps, instance, proposal, user) {
    const customer = await deps.orm.em.fork().findOneOrFail(CustomerSchema, { id: proposal.customerId });
    const { regrade } = await currentConfig(deps.orm, deps.config);
    return {
      instanceId: instance.id,
      customer: { id: customer.id, code: customer.code, name: customer.name, tier: customer.tier },
      proposerId: instance.startedBy,
      supervisorId: user.supervisorId!,
      proposal,
      headApprovalAbove: regrade.headApprovalAbove,
      decisionSla: { due: regrade.decisionDue, remindAfter: regrade.remindAfter },
    };
  },
});
