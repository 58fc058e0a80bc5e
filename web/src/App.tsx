import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation, useSearchParams } from 'react-router';
import { Layout } from './components/Layout';
import { Spinner } from './components/Spinner';
import { LoginPage } from './pages/LoginPage';
import { InboxPage } from './pages/InboxPage';
import { useSession } from './session';
import { UsersProvider } from './users';
import { ChangePasswordPage } from './admin/ChangePasswordPage';
import { SetupPage } from './admin/SetupPage';
import { useSetupNeeded } from './admin/setupStatus';

// Pages that carry the form renderer (JSON Forms, date pickers) load on demand.
const TaskPage = lazy(() => import('./pages/TaskPage'));
const StartPage = lazy(() => import('./pages/StartPage'));
const InstancePage = lazy(() => import('./pages/InstancePage'));
const InstancesPage = lazy(() => import('./pages/InstancesPage'));
const CustomerPage = lazy(() => import('./pages/CustomerPage'));
const CustomersPage = lazy(() => import('./pages/CustomersPage'));
const HazardsPage = lazy(() => import('./pages/HazardsPage'));
const ProductsPage = lazy(() => import('./pages/ProductsPage'));
const AllocationStrategyPage = lazy(() => import('./pages/AllocationStrategyPage'));
const AssignmentsPage = lazy(() => import('./pages/AssignmentsPage'));
const LearningPage = lazy(() => import('./pages/LearningPage'));
const AllocationPage = lazy(() => import('./pages/AllocationPage'));
const ComplaintsPage = lazy(() => import('./pages/ComplaintsPage'));
const VisitsPage = lazy(() => import('./pages/VisitsPage'));
const ServiceReportPage = lazy(() => import('./pages/ServiceReportPage'));
const PersonalSettingsPage = lazy(() => import('./pages/PersonalSettingsPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));
const AdminPage = lazy(() => import('./admin/AdminPage'));

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
            <Route path="/tasks/:id" element={<TaskPage />} />
            <Route path="/start" element={<StartPage />} />
            <Route path="/start/:processKey" element={<StartPage />} />
            <Route path="/instances" element={<InstancesPage />} />
            <Route path="/instances/:id" element={<InstancePage />} />
            <Route path="/customers" element={<CustomersPage />} />
            <Route path="/customers/:id" element={<CustomerPage />} />
            <Route path="/hazards" element={<HazardsPage />} />
            <Route path="/products" element={<ProductsPage />} />
            <Route path="/assignments" element={<AssignmentsPage />} />
            <Route path="/learning" element={<LearningPage />} />
            <Route path="/allocation" element={<AllocationPage />} />
            <Route path="/allocation/strategies" element={<AllocationStrategyPage />} />
            <Route path="/complaints" element={<ComplaintsPage />} />
            <Route path="/visits" element={<VisitsPage />} />
            <Route path="/service-report" element={<ServiceReportPage />} />
            <Route path="/admin" element={<AdminPage />} />
            <Route path="/admin/:tab" element={<AdminPage />} />
            <Route path="/settings" element={<PersonalSettingsPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </Layout>
    </UsersProvider>
  );
}
