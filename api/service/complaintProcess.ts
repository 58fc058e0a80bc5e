import { ComplaintSchema, CustomerSchema, ROLES, UserSchema } from '../../db/entities/index.js';
import { complaintRecordForm, type ComplaintRecord } from '../../forms/complaint.js';
import { ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import { currentConfig } from '../../activities/businessSettings.js';
import { defineProcess } from '../processes/processDefinition.js';
import { activeSupervisorOf, nextCode } from './serviceRequestProcess.js';

/** The customer a complaint names: none when it is anonymous (a customer id sent with it is not kept). */
function customerIdOf(record: ComplaintRecord): number | null {
  return record.anonymous === true || record.customerId === undefined ? null : record.customerId;
}

/**
 * 投诉登记 by anyone: the instance, its ledger row (投诉台账), the record and the audit event in one
 * transaction, then the workflow. The supervisor of the customer's manager (for an anonymous complaint,
 * of the manager complained about; else the dept head) assigns the handler.
 */
export const complaintProcess = defineProcess<ComplaintRecord, 'complaint'>({
  key: 'complaint',
  title: { 'zh-CN': '客户投诉', en: 'Customer complaint' },
  startForm: complaintRecordForm,
  startRoles: [...ROLES],
  workflow: 'complaint',
  async check(deps, _user, record, locale) {
    const em = deps.orm.em.fork();
    const customerId = customerIdOf(record);
    const errors = [];
    if (customerId !== null && !(await em.findOne(CustomerSchema, { id: customerId }))) {
      errors.push({ path: '/customerId', message: t(locale, 'customerMissing') });
    }
    if (record.complainedManagerId !== undefined
      && !(await em.findOne(UserSchema, { id: record.complainedManagerId, active: true, roles: { $contains: ['customer_manager'] } }))) {
      errors.push({ path: '/complainedManagerId', message: t(locale, 'userMissing') });
    }
    if (errors.length) throw new ValidationError(errors);
  },
  async describe(record, { tx }) {
    const customerId = customerIdOf(record);
    const customer = customerId === null ? null : await tx.findOneOrFail(CustomerSchema, { id: customerId });
    const managerId = customer?.managerId ?? null;
    const supervisorId = await activeSupervisorOf(tx, managerId ?? record.complainedManagerId ?? null);
    const code = await nextCode(tx, 'TS', 'complaint_code_seq');
    return {
      businessKey: `complaint:${code}`,
      title: `${code} ${customer?.name ?? '匿名投诉'}`,
      summary: {
        code, customerId, customerName: customer?.name ?? null, managerId, supervisorId, complainedManagerId: record.complainedManagerId ?? null,
        category: record.category, urgency: record.urgency, complaintStatus: 'assigning',
      },
      audit: { code },
    };
  },
  writeRows(tx, record, instance, user) {
    const summary = instance.summary as { code: string; customerId: number | null; managerId: number | null; supervisorId: number | null };
    tx.create(ComplaintSchema, {
      instanceId: instance.id, code: summary.code, customerId: summary.customerId, managerId: summary.managerId, supervisorId: summary.supervisorId,
      complainedManagerId: record.complainedManagerId ?? null, recordedBy: user.id, channel: record.channel, category: record.category,
      urgency: record.urgency, content: record.content, status: 'assigning',
    });
  },
  async input(deps, instance, record) {
    const summary = instance.summary as { code: string; customerId: number | null; managerId: number | null; supervisorId: number | null };
    const customer = summary.customerId === null ? null : await deps.orm.em.fork().findOneOrFail(CustomerSchema, { id: summary.customerId });
    // The deadlines as the installation has them now (business settings over the env defaults); the run keeps them.
    const sla = (await currentConfig(deps.orm, deps.config)).service;
    return {
      instanceId: instance.id, code: summary.code,
      customer: customer ? { id: customer.id, code: customer.code, name: customer.name } : null,
      managerId: summary.managerId, supervisorId: summary.supervisorId, complainedManagerId: record.complainedManagerId ?? null,
      complaint: { channel: record.channel, category: record.category, urgency: record.urgency, content: record.content },
      sla: { response: sla.complaintResponseDue, resolve: sla.complaintResolveDue, revisit: sla.complaintRevisitDue, remindBefore: sla.remindBefore },
    };
  },
});
