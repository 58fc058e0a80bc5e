import type { EntityManager } from '@mikro-orm/postgresql';
import { CustomerSchema, ROLES, ServiceRequestSchema, UserSchema } from '../../db/entities/index.js';
import { CHINA_TIME_ZONE } from '../../domain/chinaTime.js';
import { serviceRequestForm, type ServiceRequest } from '../../forms/serviceRequest.js';
import { ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import { currentConfig } from '../../activities/businessSettings.js';
import { defineProcess } from '../processes/processDefinition.js';

/** A code of `prefix` + the month (China time) + a number of `sequence`, e.g. FW202612-0003. */
export async function nextCode(tx: EntityManager, prefix: string, sequence: string): Promise<string> {
  const sql = `select '${prefix}' || to_char(now() at time zone '${CHINA_TIME_ZONE}', 'YYYYMM') || '-' || lpad(nextval('${sequence}')::text, 4, '0') as code`;
  const [{ code }] = (await tx.getConnection().execute(sql, [], 'all', tx.getTransactionContext())) as [{ code: string }];
  return code;
}

/** The active supervisor of `managerId`, or null (then the dept head, as a role, takes what a supervisor would). */
export async function activeSupervisorOf(em: EntityManager, managerId: number | null): Promise<number | null> {
  if (managerId === null) return null;
  const manager = await em.findOne(UserSchema, { id: managerId });
  if (manager?.supervisorId == null || manager.supervisorId === manager.id) return null;
  const supervisor = await em.findOne(UserSchema, { id: manager.supervisorId, active: true });
  return supervisor?.id ?? null;
}

/**
 * 客户服务需求, recorded by the customer's manager, a supervisor, or anyone on the customer's behalf: the
 * instance, its ledger row, the request record and the audit event in one transaction, then the workflow.
 * The customer's manager answers and visits; their supervisor oversees missed deadlines.
 */
export const serviceRequestProcess = defineProcess<ServiceRequest, 'serviceRequest'>({
  key: 'service-request',
  title: { 'zh-CN': '客户服务需求', en: 'Customer service request' },
  startForm: serviceRequestForm,
  startRoles: [...ROLES],
  workflow: 'serviceRequest',
  async check(deps, _user, request, locale) {
    const customer = await deps.orm.em.fork().findOne(CustomerSchema, { id: request.customerId });
    if (!customer) throw new ValidationError([{ path: '/customerId', message: t(locale, 'customerMissing') }]);
  },
  async describe(request, { tx }) {
    const customer = await tx.findOneOrFail(CustomerSchema, { id: request.customerId });
    const code = await nextCode(tx, 'FW', 'service_request_code_seq');
    return {
      businessKey: `service:${code}`,
      title: `${code} ${customer.name}`,
      summary: {
        code, customerId: customer.id, customerName: customer.name, managerId: customer.managerId, channel: request.channel,
        category: request.category, serviceStatus: 'replying',
      },
      audit: { code },
    };
  },
  writeRows(tx, request, instance, user) {
    tx.create(ServiceRequestSchema, {
      instanceId: instance.id, code: String(instance.summary.code), customerId: request.customerId, managerId: Number(instance.summary.managerId),
      requestedBy: user.id, channel: request.channel, category: request.category, content: request.content, status: 'replying',
    });
  },
  async input(deps, instance, request) {
    const em = deps.orm.em.fork();
    const customer = await em.findOneOrFail(CustomerSchema, { id: request.customerId });
    const managerId = Number(instance.summary.managerId);
    // The deadlines as the installation has them now (business settings over the env defaults); the run keeps them.
    const sla = (await currentConfig(deps.orm, deps.config)).service;
    return {
      instanceId: instance.id, code: String(instance.summary.code),
      customer: { id: customer.id, code: customer.code, name: customer.name },
      managerId, supervisorId: await activeSupervisorOf(em, managerId),
      request: { channel: request.channel, category: request.category, content: request.content },
      sla: { reply: sla.replyDue, visit: sla.visitDue, remindBefore: sla.remindBefore },
    };
  },
});
