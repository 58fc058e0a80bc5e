import Paper from '@mui/material/Paper';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { lazy, Suspense } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router';
import { Spinner } from '../components/Spinner';
import { useSession, useUser } from '../session';

const UsersAdmin = lazy(() => import('./UsersAdmin'));
const CustomersAdmin = lazy(() => import('./CustomersAdmin'));
const SettingsAdmin = lazy(() => import('./SettingsAdmin'));
const CalendarAdmin = lazy(() => import('./CalendarAdmin'));
const AuditAdmin = lazy(() => import('./AuditAdmin'));

/** The console's parts and who sees them: the dept head reads the customer master data and the settings. */
const TABS = [
  { key: 'users', roles: ['admin'], page: UsersAdmin },
  { key: 'customers', roles: ['admin', 'dept_head'], page: CustomersAdmin },
  { key: 'settings', roles: ['admin', 'dept_head'], page: SettingsAdmin },
  { key: 'calendar', roles: ['admin'], page: CalendarAdmin },
  { key: 'audit', roles: ['admin'], page: AuditAdmin },
] as const;

/** 系统管理: people, customers, settings, the work calendar and the audit log, one tab each (`/admin/:tab`). */
export default function AdminPage() {
  const { t } = useSession();
  const user = useUser();
  const navigate = useNavigate();
  const { tab } = useParams();
  const tabs = TABS.filter((x) => x.roles.some((r) => user.roles.includes(r)));
  const current = tabs.find((x) => x.key === tab);
  if (!tabs.length) return <Navigate to="/" replace />;
  if (!current) return <Navigate to={`/admin/${tabs[0]!.key}`} replace />;
  const Page = current.page;
  return (
    <Paper sx={{ p: { xs: 1.5, sm: 3 } }}>
      <Typography variant="h5" component="h1">{t('admin.title')}</Typography>
      <Tabs value={current.key} onChange={(_, key: string) => void navigate(`/admin/${key}`)} variant="scrollable" allowScrollButtonsMobile
        sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }}>
        {tabs.map((x) => <Tab key={x.key} value={x.key} label={t(`admin.tab.${x.key}`)} data-testid={`admin-tab-${x.key}`} />)}
      </Tabs>
      <Suspense fallback={<Spinner />}>
        <Page />
      </Suspense>
    </Paper>
  );
}
