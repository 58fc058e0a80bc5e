import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import { matchPath, Navigate, Route, Routes, useLocation, useSearchParams } from 'react-router';
import { Layout } from './components/Layout';
import { Spinner } from './components/Spinner';
import { LoginPage } from './pages/LoginPage';
import { InboxPage } from './pages/InboxPage';
import { prefetch } from './prefetch';
import type { Task } from './types';
import { useSession } from './session';
import { UsersProvider } from './users';
import { ChangePasswordPage } from './admin/ChangePasswordPage';
import { SetupPage } from './admin/SetupPage';
import { useSetupNeeded } from './admin/setupStatus';

// Pages that carry the form renderer (JSON Forms, date pickers) load on demand.
const LAZY_PAGES: { paths: string[]; load: () => Promise<{ default: ComponentType }> }[] = [
  { paths: ['/tasks/:id'], load: () => import('./pages/TaskPage') },
  { paths: ['/start', '/start/:processKey'], load: () => import('./pages/StartPage') },
  { paths: ['/instances'], load: () => import('./pages/InstancesPage') },
  { paths: ['/instances/:id'], load: () => import('./pages/InstancePage') },
  { paths: ['/customers'], load: () => import('./pages/CustomersPage') },
  { paths: ['/customers/:id'], load: () => import('./pages/CustomerPage') },
  { paths: ['/hazards'], load: () => import('./pages/HazardsPage') },
  { paths: ['/products'], load: () => import('./pages/ProductsPage') },
  { paths: ['/assignments'], load: () => import('./pages/AssignmentsPage') },
  { paths: ['/learning'], load: () => import('./pages/LearningPage') },
  { paths: ['/allocation'], load: () => import('./pages/AllocationPage') },
  { paths: ['/allocation/strategies'], load: () => import('./pages/AllocationStrategyPage') },
  { paths: ['/complaints'], load: () => import('./pages/ComplaintsPage') },
  { paths: ['/visits'], load: () => import('./pages/VisitsPage') },
  { paths: ['/service-report'], load: () => import('./pages/ServiceReportPage') },
  { paths: ['/admin', '/admin/:tab'], load: () => import('./admin/AdminPage') },
  { paths: ['/settings'], load: () => import('./pages/PersonalSettingsPage') },
];
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));
const lazyPages = LAZY_PAGES.map(({ paths, load }) => ({ paths, Page: lazy(load) }));

// A page opened from a link (a task in a notification) starts loading its code now, while the session is
// restored, instead of one round trip after it.
void LAZY_PAGES.find(({ paths }) => paths.some((path) => matchPath(path, window.location.pathname)))?.load().catch(() => undefined);

/** Back to the page that asked for the login (same-site paths only). */
function AfterLogin() {
  const [params] = useSearchParams();
  const next = params.get('next') ?? '/';
  return <Navigate to={next.startsWith('/') && !next.startsWith('//') ? next : '/'} replace />;
}

/** A task opened from a link: its data (the task, then its form and instance) is asked for while the session is restored. */
function usePrefetchedTask() {
  useEffect(() => {
    const task = matchPath('/tasks/:id', window.location.pathname);
    // The same paths the task page asks for: it takes these answers instead of asking again.
    if (task?.params.id) prefetch<Task>(`/tasks/${task.params.id}`, (data) => [`/forms/${data.formKey}`, `/instances/${data.instanceId}`]);
  }, []);
}

export function App() {
  const { user } = useSession();
  usePrefetchedTask();
  const location = useLocation();
  // Asked while the session is still being restored too: a signed-out phone then waits one round trip, not two.
  const setupNeeded = useSetupNeeded(user == null);
  if (user === undefined || (user === null && setupNeeded === undefined)) return <Spinner />;
  if (user === null && setupNeeded) return <SetupPage />;
  if (user === null) {
    if (location.pathname !== '/login') return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
    return <LoginPage />;
  }
  if (user.mustChangePassword) return <ChangePasswordPage />;
  return (
    <UsersProvider>
      <Layout>
        <Suspense fallback={<Spinner />}>
          <Routes>
            <Route path="/" element={<InboxPage />} />
            <Route path="/login" element={<AfterLogin />} />
            {lazyPages.flatMap(({ paths, Page }) => paths.map((path) => <Route key={path} path={path} element={<Page />} />))}
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </Layout>
    </UsersProvider>
  );
}
