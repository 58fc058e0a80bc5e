import { getForm } from '../../forms/registry.js';
import type { SessionUser } from '../http/auth.js';
import type { ApiDeps } from '../http/deps.js';
import { ForbiddenError, NotFoundError } from '../http/errors.js';
import { formJson } from '../platform/formContract.js';
import { createInstanceService } from '../processes/instanceService.js';
import { createTaskService } from './taskService.js';

/**
 * A task with its form and its process, in one answer: a task's page needs all three before it draws,
 * and asked one by one they cost a phone two round trips (the form and process wait for the task).
 * Each part is read with the caller's own rights, as its own route would; a process the caller may not
 * read (while they may work its task) is left out rather than failing the task.
 */
export function createTaskInFull(deps: ApiDeps) {
  const tasks = createTaskService(deps);
  const instances = createInstanceService(deps.orm);
  return async (id: string, user: SessionUser) => {
    const task = await tasks.get(id, user);
    const form = getForm(task.formKey);
    if (!form) throw new NotFoundError('form');
    const instance = await instances.get(task.instanceId, user).catch((err: unknown) => {
      if (err instanceof ForbiddenError || err instanceof NotFoundError) return undefined;
      throw err;
    });
    return { task, form: formJson(form), ...(instance && { instance }) };
  };
}
