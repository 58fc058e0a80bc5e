import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { useSession, useUser } from '../session';
import type { ProcessEntry } from '../types';
import { useApi } from '../useApi';
import { NotificationBell } from './NotificationBell';

/** Roles that work with customer records. */
const CUSTOMER_ROLES = ['customer_manager', 'supervisor', 'dept_head', 'leader', 'admin'];
/** Roles that keep the hazard ledger. */
const HAZARD_ROLES = ['safety_officer', 'leader', 'dept_head', 'admin'];
/** Roles that oversee the monthly allocation plans (the API's own rule for reading whole plans). */
const ALLOCATION_ROLES = ['supervisor', 'dept_head', 'leader', 'admin'];

function NavButton({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Button
      component={NavLink}
      to={to}
      end={to === '/'}
      color="inherit"
      sx={{ '&.active': { bgcolor: 'rgba(255,255,255,0.18)' } }}
    >
      {children}
    </Button>
  );
}

/** The frame of every page behind the login: navigation for what the user's roles may use. */
export function Layout({ children }: { children: ReactNode }) {
  const { t, locale, setLocale, logout } = useSession();
  const user = useUser();
  const processes = useApi<{ items: ProcessEntry[] }>('/processes');
  // Shown until the list says otherwise: links that appear late move the others under a finger about to tap.
  const mayStart = processes.data === undefined || processes.data.items.length > 0;
  const seesCustomers = user.roles.some((r) => CUSTOMER_ROLES.includes(r));
  const seesHazards = user.roles.some((r) => HAZARD_ROLES.includes(r));
  const seesAllocation = user.roles.some((r) => ALLOCATION_ROLES.includes(r));
  return (
    <Box sx={{ minHeight: '100vh', bgcolor: '#f5f7fa' }}>
      <AppBar position="static" elevation={1}>
        <Toolbar variant="dense" sx={{ gap: 1 }} component="nav">
          <Typography variant="h6" sx={{ mr: 2, fontSize: 17 }}>{t('appName')}</Typography>
          <NavButton to="/">{t('nav.inbox')}</NavButton>
          {mayStart && <NavButton to="/start">{t('nav.start')}</NavButton>}
          <NavButton to="/instances">{t('nav.instances')}</NavButton>
          <NavButton to="/assignments">{t('nav.assignments')}</NavButton>
          {seesCustomers && <NavButton to="/customers">{t('nav.customers')}</NavButton>}
          {seesHazards && <NavButton to="/hazards">{t('nav.hazards')}</NavButton>}
          {seesAllocation && <NavButton to="/allocation">{t('nav.allocation')}</NavButton>}
          {seesAllocation && <NavButton to="/products">{t('nav.products')}</NavButton>}
          <NavButton to="/learning">{t('nav.learning')}</NavButton>
          <Box sx={{ flexGrow: 1 }} />
          <NotificationBell />
          <Button color="inherit" onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')} lang={locale === 'en' ? 'zh-CN' : 'en'}>
            {t('nav.language')}
          </Button>
          <Typography variant="body2" data-testid="current-user">
            {user.displayName}（{user.roles.map((r) => t(`role.${r}`)).join('、')}）
          </Typography>
          <Button color="inherit" onClick={() => void logout()}>{t('nav.logout')}</Button>
        </Toolbar>
      </AppBar>
      <Box component="main" sx={{ p: { xs: 1, md: 3 }, maxWidth: 1400, mx: 'auto' }}>{children}</Box>
    </Box>
  );
}
