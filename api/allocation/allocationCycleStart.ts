import { randomUUID } from 'node:crypto';
import { cycleBusinessKey } from '../../activities/allocationMonth.js';
import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { ProcessInstanceSchema, ProductAvailabilitySchema, type ProcessInstance } from '../../db/entities/index.js';
import { appendAudit } from '../../db/audit.js';
import { allocationCycleStartForm, type AllocationCycleStart } from '../../forms/allocationReview.js';
import type { Locale } from '../../forms/formDefinition.js';
import type { AllocationCycleInput } from '../../workflows/allocationCycle.js';
import { allocationCycleSettings } from '../../worker/allocationSchedule.js';
import { readMonth } from './availabilityService.js';
import type { SessionUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { ConflictError, ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import { ensureWorkflow, startOnce } from '../processes/processStart.js';

const PROCESS_KEY = 'allocation-cycle';

function cycleInput(deps: ApiDeps, instanceId: string, month: string): AllocationCycleInput {
  return { instanceId, month, ...allocationCycleSettings(deps.config.allocation) };
}

/**
 * 月度货源投放 for `data.month` (YYYY-MM), by an admin or the dept head (the route checks the role):
 * 422 without that month's availability, 409 while another cycle of the month runs. The month's
 * configuration (bound, cap, SLAs) goes into the workflow's input. The same requestId again returns
 * the same instance.
 */
export async function startAllocationCycle(deps: ApiDeps, user: SessionUser, locale: Locale, data: unknown, requestId: string):
  Promise<{ instance: ProcessInstance; created: boolean }> {
  return startOnce(deps, user, requestId, PROCESS_KEY, {
    create: () => createCycle(deps, user, locale, data, requestId),
    async resume(instance) {
      await ensureWorkflow(deps, instance, 'allocationCycle', cycleInput(deps, instance.id, String(instance.summary.month)));
    },
  });
}

async function createCycle(deps: ApiDeps, user: SessionUser, locale: Locale, data: unknown, requestId: string): Promise<ProcessInstance> {
  const checked = deps.forms.validate<AllocationCycleStart>(allocationCycleStartForm.key, data, locale);
  if (!checked.ok) throw new ValidationError(checked.errors);
  const { month, start } = readMonth(checked.data.month, locale);
  const em = deps.orm.em.fork();
  if ((await em.count(ProductAvailabilitySchema, { month: start })) === 0) {
    throw new ValidationError([{ path: '/month', message: t(locale, 'allocationNoAvailability') }]);
  }
  const id = randomUUID();
  const businessKey = cycleBusinessKey(month);
  let instance: ProcessInstance;
  try {
    instance = await em.transactional(async (tx) => {
      const created = tx.create(ProcessInstanceSchema, {
        id, processKey: PROCESS_KEY, businessKey, status: 'running', startedBy: user.id, startRequestId: requestId,
        title: `${month} 月度货源投放`, summary: { month, planStatus: 'drafting' },
      });
      appendAudit(tx, { type: 'instance.started', actorId: user.id, instanceId: id, data: { processKey: PROCESS_KEY, month } });
      return created;
    });
  } catch (err) {
    if (!(err instanceof UniqueConstraintViolationException)) throw err;
    // The same request at once: startOnce finds it. Else another cycle of the month runs.
    if (await deps.orm.em.fork().findOne(ProcessInstanceSchema, { startedBy: user.id, startRequestId: requestId })) throw err;
    const open = await deps.orm.em.fork().findOne(ProcessInstanceSchema, { processKey: PROCESS_KEY, businessKey, status: 'running' });
    throw new ConflictError('allocationCycleOpen', { month }, open ? { instanceId: open.id } : undefined);
  }
  await ensureWorkflow(deps, instance, 'allocationCycle', cycleInput(deps, id, month));
  return instance;
}
