import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router';
import type { VisitDay } from '../../../api/service/visitPlanContract';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { Spinner } from './Spinner';

/**
 * 今日拜访: the manager's planned visits still to make, one card each in route order (the order they are walked),
 * with the customer's address and the button that opens the visit record. Phone first: cards, big buttons.
 */
export function VisitDayList() {
  const { t, formatDateTime } = useSession();
  const day = useApi<VisitDay>('/visit-plan/today', { everyMs: 60_000 });
  return (
    <Paper component="section" aria-label={t('visitPlan.today')} data-testid="visit-day" sx={{ p: { xs: 1.5, sm: 3 } }}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'baseline', flexWrap: 'wrap', mb: 1.5 }}>
        <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>{t('visitPlan.today')}</Typography>
        {day.data && (
          <Typography variant="body2" color="text.secondary" data-testid="visit-day-week">
            {t('visitPlan.week', { planned: day.data.weekPlanned, done: day.data.weekDone })}
          </Typography>
        )}
      </Stack>
      {day.error && <Alert severity="error">{day.error.message}</Alert>}
      {!day.data ? <Spinner /> : day.data.items.length === 0 ? (
        <Typography color="text.secondary">{t('visitPlan.none')}</Typography>
      ) : (
        <Stack spacing={1}>
          <Typography variant="body2" color="text.secondary">{t('visitPlan.todayHint')}</Typography>
          {day.data.items.map((visit, i) => (
            <Paper key={visit.taskId} variant="outlined" data-testid="visit-day-item" sx={{ p: 1.5 }}>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
                <Chip label={i + 1} size="small" color="primary" variant="outlined" sx={{ minWidth: 32 }} />
                <Stack sx={{ flexGrow: 1, minWidth: 0 }} spacing={0.25}>
                  <Link component={RouterLink} to={`/customers/${visit.customer.id}`} sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
                    {visit.customer.name}
                  </Link>
                  <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
                    {[visit.customer.address, `D${visit.customer.tier}`, t(`visitPlan.every.${visit.every}`),
                      visit.customer.routeOrder ? t('visitPlan.route', { n: visit.customer.routeOrder }) : null].filter(Boolean).join(' · ')}
                  </Typography>
                  <Chip size="small" color={visit.overdue ? 'error' : 'default'} sx={{ alignSelf: 'flex-start' }}
                    label={visit.overdue ? t('visitPlan.overdue') : t('visitPlan.dueAt', { at: formatDateTime(visit.dueAt) })} />
                </Stack>
              </Stack>
              <Button variant="contained" component={RouterLink} to={`/tasks/${visit.taskId}`} fullWidth sx={{ mt: 1, minHeight: 44 }}>
                {t('visitPlan.record')}
              </Button>
            </Paper>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
