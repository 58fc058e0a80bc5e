import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ServiceReport, ServiceReportLine } from '../../../api/service/serviceContract';
import { queryString } from '../api';
import { ChartLegend } from '../components/ChartLegend';
import { ResponsiveList } from '../components/ResponsiveList';
import { Spinner } from '../components/Spinner';
import { codeLabel } from '../labels';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { chinaMonth } from '../chinaTime';

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);

const SERIES = [
  { key: 'replyOnTimeRate', label: 'report.replyRate', color: '#1d5fa7' },
  { key: 'visitOnTimeRate', label: 'report.visitRate', color: '#2e7d32' },
  { key: 'satisfactionRate', label: 'report.satisfaction', color: '#ed6c02' },
  { key: 'plannedCompletionRate', label: 'report.plannedRate', color: '#6a1b9a' },
] as const;

/** Each line's four rates as grouped bars (0–100 %), one group per manager: a small SVG, as the hazard chart. */
function RateChart({ lines, title }: { lines: { name: string; line: ServiceReportLine }[]; title: string }) {
  const { t } = useSession();
  const width = 640;
  const height = 160;
  const band = width / Math.max(lines.length, 1);
  const bar = Math.min(16, (band - 8) / SERIES.length);
  return (
    <Box data-testid="service-chart">
      <Typography variant="subtitle1">{title}</Typography>
      <svg viewBox={`0 0 ${width} ${height + 24}`} width="100%" role="img" aria-label={title}>
        {lines.map(({ name, line }, i) => (
          <g key={name} transform={`translate(${i * band + (band - bar * SERIES.length) / 2}, 0)`}>
            {SERIES.map((s, j) => {
              const rate = line[s.key] ?? 0;
              const h = rate * (height - 16);
              return (
                <rect key={s.key} x={j * bar} y={height - h} width={bar - 2} height={h} fill={s.color}>
                  <title>{`${name} ${t(s.label)}: ${percent(line[s.key])}`}</title>
                </rect>
              );
            })}
            <text x={(bar * SERIES.length) / 2} y={height + 16} fontSize="11" textAnchor="middle">{name.slice(0, 4)}</text>
          </g>
        ))}
      </svg>
      <ChartLegend series={SERIES.map((s) => ({ label: t(s.label), color: s.color }))} />
    </Box>
  );
}

/**
 * 服务月报: requests answered and visited on time, complaints, satisfaction and planned visits done per manager, team and
 * in all, with a chart.
 */
export default function ServiceReportPage() {
  const { t } = useSession();
  const [month, setMonth] = useState(() => chinaMonth());
  const report = useApi<ServiceReport>(`/service-report${queryString({ month })}`);
  const rows = report.data ? [
    ...report.data.people.map((line) => ({ key: `m${line.manager!.id}`, name: line.manager!.name, line })),
    ...report.data.teams.map((line) => ({ key: `t${line.supervisor?.id ?? 0}`, name: `${line.supervisor?.name ?? '—'} ${t('report.team')}`, line })),
    { key: 'total', name: t('report.total'), line: report.data.total },
  ] : [];
  const categories = (line: ServiceReportLine) => Object.entries(line.complaintsByCategory).filter(([, n]) => n > 0)
    .map(([c, n]) => `${codeLabel(t, 'complaintCategory', c)} ${n}`).join('、');

  return (
    <Stack spacing={2}>
      <Paper sx={{ p: { xs: 1.5, sm: 3 } }}>
        <Stack direction="row" sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap' }} spacing={2} useFlexGap>
          <Typography variant="h5" component="h1" sx={{ flexGrow: 1 }}>{t('report.title')}</Typography>
          <TextField size="small" type="month" label={t('report.month')} value={month} slotProps={{ inputLabel: { shrink: true } }}
            onChange={(e) => { if (e.target.value) setMonth(e.target.value); }} />
        </Stack>
        {report.error && <Alert severity="error">{report.error.message}</Alert>}
        {!report.data ? <Spinner /> : (
          <ResponsiveList testId="service-report" rowTestId="service-report-row" rows={rows} rowKey={(r) => r.key}
            rowSx={(r) => (r.key.startsWith('m') ? undefined : { bgcolor: '#f0f4fa' })} columns={[
              { head: 'service.manager', card: 'title', cell: (r) => r.name },
              { head: 'report.requests', cell: (r) => r.line.requests },
              { head: 'report.replyRate', cell: (r) => percent(r.line.replyOnTimeRate) },
              { head: 'report.visitRate', cell: (r) => percent(r.line.visitOnTimeRate) },
              { head: 'report.complaints', cell: (r) => (r.line.complaints ? `${r.line.complaints}（${categories(r.line)}）` : 0) },
              { head: 'report.meanHours', cell: (r) => r.line.meanHoursToResolve ?? '—' },
              { head: 'report.satisfaction', cell: (r) => percent(r.line.satisfactionRate) },
              {
                head: 'report.plannedRate',
                cell: (r) => (r.line.plannedJudged ? `${percent(r.line.plannedCompletionRate)}（${r.line.plannedDone}/${r.line.plannedJudged}）` : '—'),
              },
              { head: 'report.plannedOnTimeRate', cell: (r) => percent(r.line.plannedOnTimeRate) },
            ]} />
        )}
      </Paper>
      {report.data && report.data.people.length > 0 && (
        <Paper sx={{ p: { xs: 1.5, sm: 3 } }}>
          <RateChart title={t('report.chart', { month })} lines={report.data.people.map((line) => ({ name: line.manager!.name, line }))} />
        </Paper>
      )}
    </Stack>
  );
}
