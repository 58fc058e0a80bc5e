import { getForm } from '../../forms/registry.js';
import type { SessionUser } from '../http/auth.js';
import { ForbiddenError, NotFoundError } from '../http/errors.js';
import { formJson } from '../platform/formContract.js';
import type { createInstanceService } from '../processes/instanceService.js';
import type { createTaskService } from './taskService.js';

/**
 * A task with its process and the forms its page draws (its own, and those of the process's earlier
 * records), in one answer: asked one by one, each waits for the one before it, a round trip apiece on
 * a phone. Each part is read with the caller's own rights, as its own route would; a process the caller
 * may not read (while they may work its task) is left out rather than failing the task.
 */
export function createTaskInFull(tasks: ReturnType<typeof createTaskService>, instances: ReturnType<typeof createInstanceService>) {
  return async (id: string, user: SessionUser) => {
    const task = await tasks.get(id, user);
    const instance = await instances.get(task.instanceId, user).catch((err: unknown) => {
      if (err instanceof ForbiddenError || err instanceof NotFoundError) return undefined;
      throw err;
    });
    const keys = new Set([task.formKey, ...(instance?.records ?? []).map((record) => record.formKey)]);
    const forms = [...keys].map((key) => {
      const form = getForm(key);
      if (!form) throw new NotFoundError('form');
      return formJson(form);
    });
    return { task, ...(instance && { instance }), forms };
  };
}
