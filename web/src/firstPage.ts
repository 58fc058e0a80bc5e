import { storedLocale } from './api';
import { prepareDateFormats } from './dateFormats';
import { prefetchInbox } from './inboxQuery';
import { LAZY_PAGES, matchRoute } from './pageRoutes';
import { prefetch } from './prefetch';
import { drawSignIn } from './signInForm';
import { taskInFullPath } from './taskQuery';

/**
 * What the page being opened needs, asked for by the page's first script (main.tsx), while the app's
 * code is still on its way: on a phone, about a second before the app could ask itself. The session
 * and set-up checks; the page's code when it loads on demand; its data — a task with its form and
 * instance, the inbox's lists. The hooks that need them take these answers instead of asking again.
 * And the sign-in form, drawn at once: a phone types into it while the app comes.
 */
function askForFirstPage({ pathname, search }: Location): void {
  // The data first: the browser opens six connections, and a page's code is a dozen files.
  const task = matchRoute('/tasks/:id', pathname);
  if (task?.id) prefetch(taskInFullPath(task.id));
  if (pathname === '/') prefetchInbox(new URLSearchParams(search));
  prefetch('/me');
  prefetch('/setup');
  void LAZY_PAGES.find(({ paths }) => paths.some((path) => matchRoute(path, pathname)))?.load().catch(() => undefined);
  if (pathname === '/login') drawSignIn();
}

try {
  askForFirstPage(window.location);
} catch {
  // Nothing asked early: the app asks for what it needs itself.
}
// After the next frame: the requests above are on their way and the sign-in form on screen first.
requestAnimationFrame(() => setTimeout(() => prepareDateFormats(storedLocale()), 0));
