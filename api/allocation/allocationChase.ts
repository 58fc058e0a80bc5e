import { ProcessInstanceSchema, UserSchema } from '../../db/entities/index.js';
import type { Locale } from '../../forms/formDefinition.js';
import { hasRole, type SessionUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { ForbiddenError } from '../http/errors.js';
import { positiveInt } from '../http/requestBody.js';
import { chaseTasks } from '../processes/chaseInstance.js';
import type { ChaseBody, ChaseResult } from '../processes/processContract.js';
import { userNotFound } from '../users/userAdminService.js';
import { findPlan } from './allocationCycles.js';

/**
 * `POST /api/allocation/cycles/:month/parts/:managerId/chase {requestId, comment?}`: from the overview
 * the dept head 催办 one customer manager whose part of the month's newest plan still waits for their
 * review. It is the chase of the starter's path (chaseTasks): a `task_chased` notification to the manager
 * and a `task.chased` event on the cycle's timeline, both with the dept head's words, and the same
 * hour between two chases of one review task (409 `chaseTooSoon`, whoever chased it). A manager with no
 * open review (submitted, approved, no part in the plan) is 409 `allocationChaseNotPending`; an id that names
 * no user (malformed, or nobody's) is 404 `userNotFound`, as on the admin's user page.
 */
export async function chaseAllocationPart(deps: ApiDeps, user: SessionUser, month: unknown, managerParam: unknown,
  body: ChaseBody, locale: Locale): Promise<ChaseResult> {
  if (!hasRole(user, 'dept_head')) throw new ForbiddenError();
  const plan = await findPlan(deps.orm, month, {}, locale);
  const managerId = positiveInt(managerParam);
  const em = deps.orm.em.fork();
  const [instance, manager] = await Promise.all([
    em.findOneOrFail(ProcessInstanceSchema, { id: plan.instanceId }),
    managerId ? em.findOne(UserSchema, { id: managerId }, { fields: ['displayName'] }) : null,
  ]);
  if (!manager) throw userNotFound();
  return chaseTasks(deps, instance, user, body,
    (open) => open.filter((task) => task.formKey === 'allocation-review' && task.assigneeId === managerId),
    { key: 'allocationChaseNotPending', params: { name: manager.displayName } });
}
