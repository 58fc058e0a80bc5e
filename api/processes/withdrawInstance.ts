import { OPEN_INSTANCE_STATUSES } from '../../db/entities/index.js';
import { withdrawUpdate } from '../../workflows/definitions.js';
import type { SessionUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { ConflictError, ForbiddenError } from '../http/errors.js';
import { instanceJson, visibleInstance } from './instanceService.js';
import type { WithdrawBody } from './processContract.js';
import { sendUpdate } from '../http/temporalUpdates.js';

/**
 * The starter withdraws a running request before it is decided: its open tasks are cancelled and
 * the instance ends `cancelled`, which frees the customer for a new proposal. Answers the ended instance.
 */
export async function withdrawInstance(deps: ApiDeps, id: string, user: SessionUser, { requestId, reason = '' }: WithdrawBody) {
  const em = deps.orm.em.fork();
  // Whoever may not see it learns nothing of it, as GET /api/instances/:id.
  const instance = await visibleInstance(deps.orm, em, id, user);
  if (instance.startedBy !== user.id) throw new ForbiddenError('notStarter');
  const earlier = (instance.summary.withdrawal as { requestId?: string } | undefined)?.requestId;
  if (instance.status === 'cancelled' && earlier === requestId) return instanceJson(instance); // the same request again
  if (!(OPEN_INSTANCE_STATUSES as readonly string[]).includes(instance.status)) throw new ConflictError('alreadyDecided');
  // The workflow ends right after the update: wait for that, and answer with the final state.
  await sendUpdate(deps.temporal, instance.id, withdrawUpdate, [{ actor: { id: user.id, roles: user.roles }, reason, requestId }],
    `withdraw:${user.id}:${requestId}`, { closedKey: 'alreadyDecided', untilEnded: true });
  await em.refresh(instance);
  return instanceJson(instance);
}
