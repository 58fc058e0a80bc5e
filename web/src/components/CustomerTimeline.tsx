import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router';
import type { CustomerEvent, CustomerTimeline as Timeline } from '../../../api/service/serviceContract';
import { codeLabel } from '../labels';
import { useSession } from '../session';
import { useApi } from '../useApi';

/** An event's state in words: a request's or complaint's state, a regrade's instance status, a visit's lateness. */
function stateOf(t: (key: string, vars?: Record<string, string | number>) => string, event: CustomerEvent): string | null {
  if (event.status === null) return null;
  switch (event.kind) {
    case 'request': return codeLabel(t, 'serviceStatus', event.status);
    case 'complaint': return codeLabel(t, 'complaintStatus', event.status);
    case 'regrade': return codeLabel(t, 'status', event.status);
    case 'visit': return Number(event.status) > 0 ? t('service.late', { minutes: event.status }) : t('service.onTime');
    case 'allocation': return t('customer360.cartons', { cartons: event.text });
    default: return null;
  }
}

/** Customer 360: everything that happened at the customer, from every process, newest first. */
export function CustomerTimeline({ customerId }: { customerId: number }) {
  const { t, formatDateTime } = useSession();
  const timeline = useApi<Timeline>(`/customers/${customerId}/timeline`);
  if (!timeline.data) return null;
  if (timeline.data.items.length === 0) return <Typography color="text.secondary">{t('customer360.empty')}</Typography>;
  return (
    <List dense data-testid="customer-timeline">
      {timeline.data.items.map((event, i) => {
        const state = stateOf(t, event);
        const title = `${codeLabel(t, 'customerEvent', event.kind)}${event.code ? ` ${event.code}` : ''}`;
        return (
          <ListItem key={i} divider alignItems="flex-start" data-testid="customer-event">
            <ListItemText
              primary={<>
                {event.instanceId ? <Link component={RouterLink} to={`/instances/${event.instanceId}`}>{title}</Link> : title}
                {state && <Chip size="small" label={state} sx={{ ml: 1 }} />}
              </>}
              secondary={<>
                {formatDateTime(event.at)}{event.person ? ` · ${event.person.name}` : ''}
                {event.kind !== 'allocation' && event.kind !== 'tierChange' && event.kind !== 'regrade' && (
                  <Typography component="span" display="block" variant="body2" color="text.primary">{event.text}</Typography>
                )}
              </>}
            />
          </ListItem>
        );
      })}
    </List>
  );
}
