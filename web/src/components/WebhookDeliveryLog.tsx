import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { codeLabel } from '../labels';
import { useSession } from '../session';
import type { Page } from '../types';
import { ResponsiveList } from './ResponsiveList';

/** One entry of `GET /api/me/webhook/deliveries`. */
export interface WebhookDelivery {
  id: string;
  notificationId: string;
  kind: string | null;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  outcome: string | null;
  /** Why the last attempt failed, in the user's language. */
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

const STATUS_COLORS = { pending: 'info', delivered: 'success', failed: 'error' } as const;

/** The webhook's delivery log, newest first: a table on wide screens, cards on phones; a pager when it runs over a page. */
export function WebhookDeliveryLog({ log, onPage }: { log: Page<WebhookDelivery>; onPage(page: number): void }) {
  const { t, formatDateTime } = useSession();
  const pages = Math.max(1, Math.ceil(log.total / log.size));
  if (log.total === 0) return <Typography variant="body2" color="text.secondary" data-testid="webhook-deliveries-empty">{t('settings.deliveriesEmpty')}</Typography>;
  return (
    <>
      <ResponsiveList testId="webhook-deliveries" rowTestId="webhook-delivery" label={t('settings.deliveries')} rows={log.items} rowKey={(d) => d.id}
        columns={[
          { head: 'settings.col.time', card: 'title', cell: (d) => formatDateTime(d.createdAt) },
          { head: 'settings.col.kind', cell: (d) => (d.kind ? codeLabel(t, 'notifyKind', d.kind) : '') },
          {
            head: 'settings.col.status', card: 'aside',
            cell: (d) => <Chip size="small" color={STATUS_COLORS[d.status]} label={codeLabel(t, 'delivery', d.status)} data-testid="delivery-status" data-status={d.status} />,
          },
          { head: 'settings.col.attempts', align: 'right', cell: (d) => d.attempts },
          { head: 'settings.col.error', cell: (d) => d.lastError ?? '' },
        ]} />
      {pages > 1 && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', justifyContent: 'flex-end', mt: 1 }}>
          <Button disabled={log.page <= 1} onClick={() => onPage(log.page - 1)} sx={{ minHeight: 44 }}>{t('settings.prev')}</Button>
          <Typography variant="body2">{t('settings.pageOf', { page: log.page, pages })}</Typography>
          <Button disabled={log.page >= pages} onClick={() => onPage(log.page + 1)} sx={{ minHeight: 44 }}>{t('settings.next')}</Button>
        </Stack>
      )}
    </>
  );
}
