import NotificationsIcon from '@mui/icons-material/NotificationsNone';
import Badge from '@mui/material/Badge';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import IconButton from '@mui/material/IconButton';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api';
import { codeLabel, stepLabel } from '../labels';
import { hasMessage } from '../messages';
import { useSession } from '../session';
import { useApi } from '../useApi';

/** One entry of `GET /api/me/notifications`. */
interface AppNotification {
  id: string;
  kind: string;
  taskId: string | null;
  instanceId: string | null;
  /** `comment`: the words of a 催办 (the leader's, or the starter's). */
  data: { processKey?: string; step?: string; title?: string | null; actorName?: string | null; status?: string; comment?: string | null };
  createdAt: string;
  readAt: string | null;
}

const LATEST = 10;
const COUNT_REFRESH = { everyMs: 30_000 };

/** The bell of the top bar: the unread count, and a menu of the latest notifications that open their task or process. */
export function NotificationBell() {
  const { t, formatDateTime } = useSession();
  const navigate = useNavigate();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const count = useApi<{ unread: number }>('/me/notifications/count', COUNT_REFRESH);
  // Loaded each time the menu opens, so it is never older than the badge.
  const latest = useApi<{ items: AppNotification[] }>(anchor ? `/me/notifications?size=${LATEST}` : null);
  const unread = count.data?.unread ?? 0;

  // What happened and to which step (or, for a notification about a whole process, which process).
  const text = (n: AppNotification) => {
    const process = n.data.processKey ? codeLabel(t, 'process', n.data.processKey) : '';
    const step = n.data.step ? stepLabel(t, n.data.step) : process;
    if (!hasMessage(`notify.${n.kind}`)) return step || n.kind;
    return t(`notify.${n.kind}`, { step, process, status: n.data.status ? codeLabel(t, 'status', n.data.status) : '' });
  };
  const open = async (n: AppNotification) => {
    setAnchor(null);
    if (!n.readAt) await api(`/me/notifications/${n.id}/read`, { method: 'POST' }).catch(() => undefined);
    count.reload();
    if (n.taskId) void navigate(`/tasks/${n.taskId}`);
    else if (n.instanceId) void navigate(`/instances/${n.instanceId}`);
    else if (n.kind === 'webhook_test') void navigate('/settings');
  };
  const readAll = async () => {
    await api('/me/notifications/read-all', { method: 'POST' }).catch(() => undefined);
    count.reload();
    latest.reload();
  };

  return (
    <>
      <IconButton color="inherit" aria-label={t('notify.title')} data-testid="notification-bell" data-unread={unread} onClick={(e) => setAnchor(e.currentTarget)}>
        <Badge badgeContent={unread} color="error" max={99}>
          <NotificationsIcon />
        </Badge>
      </IconButton>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)} slotProps={{ paper: { sx: { width: 360, maxWidth: '90vw' } } }}>
        <Box sx={{ display: 'flex', alignItems: 'center', px: 2, py: 0.5 }}>
          <Typography variant="subtitle2" sx={{ flexGrow: 1 }}>{t('notify.title')}</Typography>
          <Button size="small" disabled={unread === 0} onClick={() => void readAll()}>{t('notify.readAll')}</Button>
        </Box>
        <Divider />
        {latest.data?.items.length === 0 && <MenuItem disabled>{t('notify.empty')}</MenuItem>}
        {latest.data?.items.map((n) => (
          <MenuItem key={n.id} onClick={() => void open(n)} sx={{ whiteSpace: 'normal', alignItems: 'flex-start' }}>
            <ListItemText
              primary={n.data.comment ? `${text(n)}「${n.data.comment}」` : text(n)}
              secondary={[n.data.title, n.data.actorName, formatDateTime(n.createdAt)].filter(Boolean).join(' · ')}
              slotProps={{ primary: { sx: { fontWeight: n.readAt ? 400 : 600 } } }}
            />
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}
