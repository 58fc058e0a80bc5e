import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation, useSearchParams } from 'react-router';
import { Layout } from './components/Layout';
import { Spinner } from './components/Spinner';
import { LoginPage } from './pages/LoginPage';
import { InboxPage } from './pages/InboxPage';
import { LAZY_PAGES } from './pageRoutes';
import { useSession } from './session';
import { UsersProvider } from './users';
import { ChangePasswordPage } from './admin/ChangePasswordPage';
import { SetupPage } from './admin/SetupPage';
import { useSetupNeeded } from './admin/setupStatus';

const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));
const lazyPages = LAZY_PAGES.map(({ paths, load }) => ({ paths, Page: lazy(load) }));

/** Back to the page that asked for the login (same-site paths only). */
function AfterLogin() {
  const [params] = useSearchParams();
  const next = params.get('next') ?? '/';
  return <Navigate to={next.startsWith('/') && !next.startsWith('//') ? next : '/'} replace />;
}

export function App() {
  const { user } = useSession();
  const location = useLocation();
  // Asked while the session is still being restored too: a signed-out phone then waits one round trip, not two.
  const setupNeeded = useSetupNeeded(user == null);
  if (!user && setupNeeded) return <SetupPage />;
  // The sign-in page is shown at once, not after the session check: a phone types while it is answered
  // (a session still good sends it on to where it was going, and the page takes its form away).
  if (!user && location.pathname === '/login') return <LoginPage />;
  if (user === undefined || (user === null && setupNeeded === undefined)) return <Spinner />;
  if (user === null) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
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
