import MenuIcon from '@mui/icons-material/Menu';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { useState, type ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router';
import { useCompactNav } from '../responsive';
import { useSession, useUser } from '../session';
import type { ProcessEntry } from '../types';
import { useApi } from '../useApi';
import { NotificationBell } from './NotificationBell';
import { codeLabel } from '../labels';

/** Roles that work with customer records. */
const CUSTOMER_ROLES = ['customer_manager', 'supervisor', 'dept_head', 'leader', 'admin'];
/** Roles that keep the hazard ledger. */
const HAZARD_ROLES = ['safety_officer', 'leader', 'dept_head', 'admin'];
/** Roles that oversee the monthly allocation plans (the API's own rule for reading whole plans). */
const ALLOCATION_ROLES = ['supervisor', 'dept_head', 'leader', 'admin'];
/** Roles that use the admin console (the dept head its read-only parts). */
const ADMIN_ROLES = ['admin', 'dept_head'];
/** Roles that read the complaint ledger (the API's own rule), and the visit records. */
const COMPLAINT_ROLES = ['supervisor', 'dept_head', 'leader', 'admin'];
const VISIT_ROLES = ['customer_manager', 'supervisor', 'dept_head', 'leader', 'admin'];

function NavButton({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Button
      component={NavLink}
      to={to}
      end={to === '/'}
      color="inherit"
      sx={{ whiteSpace: 'nowrap', flexShrink: 0, '&.active': { bgcolor: 'rgba(255,255,255,0.18)' } }}
    >
      {children}
    </Button>
  );
}

/** The pages this user's roles may use, in the order of the top bar. */
function useNavItems(): { to: string; label: string }[] {
  const { t } = useSession();
  const user = useUser();
  const processes = useApi<{ items: ProcessEntry[] }>('/processes');
  // Shown until the list says otherwise: links that appear late move the others under a finger about to tap.
  const mayStart = processes.data === undefined || processes.data.items.length > 0;
  const sees = (roles: string[]) => user.roles.some((r) => roles.includes(r));
  return [
    { to: '/', label: t('nav.inbox') },
    ...(mayStart ? [{ to: '/start', label: t('nav.start') }] : []),
    { to: '/instances', label: t('nav.instances') },
    { to: '/assignments', label: t('nav.assignments') },
    ...(sees(CUSTOMER_ROLES) ? [{ to: '/customers', label: t('nav.customers') }] : []),
    ...(sees(HAZARD_ROLES) ? [{ to: '/hazards', label: t('nav.hazards') }] : []),
    ...(sees(ALLOCATION_ROLES) ? [{ to: '/allocation', label: t('nav.allocation') }, { to: '/products', label: t('nav.products') }] : []),
    ...(sees(VISIT_ROLES) ? [{ to: '/visits', label: t('nav.visits') }] : []),
    ...(sees(COMPLAINT_ROLES) ? [{ to: '/complaints', label: t('nav.complaints') }] : []),
    { to: '/learning', label: t('nav.learning') },
    ...(sees(ADMIN_ROLES) ? [{ to: '/admin', label: t('nav.admin') }] : []),
  ];
}

/** Who is logged in, with their roles. */
function CurrentUser() {
  const { t } = useSession();
  const user = useUser();
  return <>{user.displayName}（{user.roles.map((r) => codeLabel(t, 'role', r)).join('、')}）</>;
}

/** The wide screen's bar: every link in a row, the language, the user and 退出登录 at the right. */
function WideBar({ items }: { items: { to: string; label: string }[] }) {
  const { t, locale, setLocale, logout } = useSession();
  return (
    <Toolbar variant="dense" sx={{ gap: 1 }} component="nav">
      {/* The title and the user give way (…) before any link does: the links must stay whole. */}
      <Typography variant="h6" noWrap sx={{ mr: 2, fontSize: 17, minWidth: 80, flexShrink: 1 }}>{t('appName')}</Typography>
      {items.map((item) => <NavButton key={item.to} to={item.to}>{item.label}</NavButton>)}
      <Box sx={{ flexGrow: 1 }} />
      <NotificationBell />
      <Button color="inherit" onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')} lang={locale === 'en' ? 'zh-CN' : 'en'} sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
        {t('nav.language')}
      </Button>
      {/* The user's own name opens their 个人设置 (password, language, webhook). */}
      <Button color="inherit" component={NavLink} to="/settings" title={t('nav.settings')} data-testid="current-user"
        sx={{ minWidth: 48, flexShrink: 1, textTransform: 'none', '&.active': { bgcolor: 'rgba(255,255,255,0.18)' } }}>
        <Typography variant="body2" component="span" noWrap sx={{ minWidth: 0 }}><CurrentUser /></Typography>
      </Button>
      <Button color="inherit" onClick={() => void logout()} sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}>{t('nav.logout')}</Button>
    </Toolbar>
  );
}

/** Phones and narrow windows: the menu button, the title and the bell; the rest in a drawer. */
function CompactBar({ items }: { items: { to: string; label: string }[] }) {
  const { t, locale, setLocale, logout } = useSession();
  const [open, setOpen] = useState(false);
  // A link tapped in the drawer closes it; so does any other navigation (a notification, the back button).
  const { pathname } = useLocation();
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }
  return (
    <>
      <Toolbar sx={{ gap: 0.5, px: { xs: 0.5, sm: 1 } }}>
        <IconButton color="inherit" aria-label={t('nav.menu')} data-testid="nav-menu" onClick={() => setOpen(true)}>
          <MenuIcon />
        </IconButton>
        <Typography variant="h6" noWrap sx={{ flexGrow: 1, fontSize: 17 }}>{t('appName')}</Typography>
        <NotificationBell />
      </Toolbar>
      <Drawer open={open} onClose={() => setOpen(false)} slotProps={{ paper: { sx: { width: 280, maxWidth: '85vw' } } }}>
        <Box sx={{ px: 2, py: 1.5, bgcolor: 'primary.main', color: 'primary.contrastText' }}>
          <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>{t('appName')}</Typography>
          <Typography variant="body2" data-testid="current-user"><CurrentUser /></Typography>
        </Box>
        <List component="nav" aria-label={t('nav.menu')}>
          {items.map((item) => (
            <ListItemButton key={item.to} component={NavLink} to={item.to} end={item.to === '/'}
              sx={{ '&.active': { bgcolor: 'action.selected', color: 'primary.main', fontWeight: 600 } }}>
              <ListItemText primary={item.label} />
            </ListItemButton>
          ))}
        </List>
        <Divider />
        <List>
          <ListItemButton component={NavLink} to="/settings" sx={{ '&.active': { bgcolor: 'action.selected', color: 'primary.main', fontWeight: 600 } }}>
            <ListItemText primary={t('nav.settings')} />
          </ListItemButton>
          <ListItemButton onClick={() => { setOpen(false); setLocale(locale === 'en' ? 'zh-CN' : 'en'); }} lang={locale === 'en' ? 'zh-CN' : 'en'}>
            <ListItemText primary={t('nav.language')} />
          </ListItemButton>
          <ListItemButton onClick={() => void logout()}>
            <ListItemText primary={t('nav.logout')} />
          </ListItemButton>
        </List>
      </Drawer>
    </>
  );
}

/** The frame of every page behind the login: navigation for what the user's roles may use. */
export function Layout({ children }: { children: ReactNode }) {
  const compact = useCompactNav();
  const items = useNavItems();
  return (
    <Box sx={{ minHeight: '100vh', bgcolor: '#f5f7fa' }}>
      <AppBar position={compact ? 'sticky' : 'static'} elevation={1}>
        {compact ? <CompactBar items={items} /> : <WideBar items={items} />}
      </AppBar>
      <Box component="main" sx={{ p: { xs: 1, md: 3 }, maxWidth: 1400, mx: 'auto' }}>{children}</Box>
    </Box>
  );
}
