import { matchPath } from 'react-router';
import { inboxPaths } from './inboxQuery';
import { LAZY_PAGES } from './pageRoutes';
import { prefetch } from './prefetch';
import type { Task } from './types';

/**
 * What the page being opened needs, asked for as the app's script starts: before React and the pages'
 * modules are evaluated and the first screen is drawn (on a phone's CPU, half a second). The session
 * and set-up checks; the page's code when it loads on demand; its data — a task with its form and
 * instance, the inbox's lists. The hooks that need them take these answers instead of asking again.
 */
function askForFirstPage({ pathname, search }: Location): void {
  prefetch('/me');
  prefetch('/setup');
  void LAZY_PAGES.find(({ paths }) => paths.some((path) => matchPath(path, pathname)))?.load().catch(() => undefined);
  const task = matchPath('/tasks/:id', pathname);
  // The same paths the task page asks for, each as soon as the one before it is in.
  if (task?.params.id) prefetch<Task>(`/tasks/${task.params.id}`, (data) => [`/forms/${data.formKey}`, `/instances/${data.instanceId}`]);
  if (pathname === '/') for (const path of Object.values(inboxPaths(new URLSearchParams(search)))) if (path) prefetch(path);
}

askForFirstPage(window.location);
