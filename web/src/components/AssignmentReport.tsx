import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { queryString } from '../api';
import { codeLabel } from '../labels';
import { LazyDateField } from './LazyDateField';
import { usePhone } from '../responsive';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { MonthlyChart } from './MonthlyChart';
import { ResponsiveList } from './ResponsiveList';
import { Spinner } from './Spinner';
import { chinaMonth } from '../chinaTime';

interface Person { id: number; name: string }

/** `GET /api/assigned-tasks/report?month=`: the same figures the xlsx export writes (one function computes both). */
interface AssignmentReportData {
  month: string;
  asOf: string;
  people: {
    assignee: Person; assigned: number; closedOnTime: number; closedLate: number; openOverdue: number; overdueDays: number; averageRating: number | null;
  }[];
  overdue: {
    instanceId: string; title: string; assignee: Person; leader: Person; originalDeadline: string; deadline: string; daysOverdue: number; status: string;
  }[];
}

/** A name under its bars: whole while the groups are few, its first characters when the chart is crowded (640 units wide). */
function shortName(name: string, groups: number): string {
  const room = Math.max(2, Math.floor(640 / Math.max(groups, 1) / 12));
  return name.length > room ? name.slice(0, room) : name;
}

/**
 * 督办通报 on screen: per assignee (the export's sheet 通报, same columns and order), a chart of each one's
 * on-time, late and still-overdue tasks, and the overdue items (sheet 超期明细); the export beside it.
 */
export function AssignmentReport() {
  const { t } = useSession();
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? chinaMonth();
  // The picker shows what is typed; while a year is typed digit by digit (0002, 0020, 0202…) only a month the API takes moves the 通报 (and the URL).
  const [typed, setTyped] = useState<string | undefined>(month);
  const setMonth = (next: string | undefined) => {
    setTyped(next);
    if (next && next >= '1970-01' && next <= '2999-12') setParams({ view: 'report', month: next }, { replace: true });
  };
  const valid = /^\d{4}-\d{2}$/.test(month);
  const report = useApi<AssignmentReportData>(valid ? `/assigned-tasks/report${queryString({ month })}` : null);
  const data = report.data?.month === month ? report.data : undefined;

  return (
    <Stack spacing={2} data-testid="assignment-report">
      <Stack direction="row" spacing={{ xs: 1, sm: 2 }} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="h6" sx={{ flexGrow: 1 }}>{t('assignment.reportTitle', { month })}</Typography>
        <LazyDateField kind="month" label={t('assignment.reportMonth')} value={typed} onChange={setMonth} width={190} fullWidth={phone} testId="report-month" />
        <Button href={`/api/assigned-tasks/report${queryString({ month, format: 'xlsx' })}`} disabled={!valid} sx={{ minHeight: 44 }}
          data-testid="assignment-report-export">
          {t('assignment.exportReport')}
        </Button>
      </Stack>
      {report.error && <Alert severity="error">{report.error.message}</Alert>}
      {valid && !data && !report.error ? <Spinner /> : data && (
        <>
          <Typography variant="body2" color="text.secondary">{t('assignment.asOf', { date: data.asOf })}</Typography>
          {data.people.length === 0 ? <Typography color="text.secondary" data-testid="assignment-report-empty">{t('assignment.reportEmpty')}</Typography> : (
            <>
              <ResponsiveList testId="report-people" rowTestId="report-person" rows={data.people} rowKey={(p) => p.assignee.id} columns={[
                { head: 'assignment.assignee', card: 'title', cell: (p) => p.assignee.name },
                { head: 'assignment.assignedCount', cell: (p) => p.assigned },
                { head: 'assignment.closedOnTime', cell: (p) => p.closedOnTime },
                { head: 'assignment.closedLate', cell: (p) => p.closedLate },
                { head: 'assignment.openOverdue', cell: (p) => p.openOverdue },
                { head: 'assignment.overdueDaysTotal', cell: (p) => p.overdueDays },
                { head: 'assignment.averageRating', cell: (p) => (p.averageRating === null ? '' : p.averageRating.toFixed(2)) },
              ]} />
              <MonthlyChart title={t('assignment.reportChart')} periods={data.people.map((p) => p.assignee.name)} label={(name) => shortName(name, data.people.length)} series={[
                { label: t('assignment.closedOnTime'), color: '#2e7d32', values: data.people.map((p) => p.closedOnTime) },
                { label: t('assignment.closedLate'), color: '#ed6c02', values: data.people.map((p) => p.closedLate) },
                { label: t('assignment.openOverdue'), color: '#d32f2f', values: data.people.map((p) => p.openOverdue) },
              ]} />
            </>
          )}
          {data.overdue.length > 0 && (
            <>
              <Typography variant="subtitle1">{t('assignment.overdueItems')}</Typography>
              <ResponsiveList testId="report-overdue" rowTestId="report-overdue-item" rows={data.overdue} rowKey={(o) => `${o.instanceId}-${o.assignee.id}`} columns={[
                { head: 'assignment.title', card: 'title', cell: (o) => <Link component={RouterLink} to={`/instances/${o.instanceId}`}>{o.title}</Link> },
                { head: 'assignment.assignee', cell: (o) => o.assignee.name },
                { head: 'assignment.leader', cell: (o) => o.leader.name },
                { head: 'assignment.original', cell: (o) => o.originalDeadline },
                { head: 'assignment.currentDeadline', cell: (o) => o.deadline },
                { head: 'assignment.daysOverdue', cell: (o) => o.daysOverdue },
                { head: 'assignment.status', cell: (o) => codeLabel(t, 'trackStatus', o.status) },
              ]} />
            </>
          )}
        </>
      )}
    </Stack>
  );
}
