import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { ChartLegend } from './ChartLegend';

export interface ChartSeries {
  label: string;
  color: string;
  values: number[];
}

/**
 * Grouped bars per period (a small SVG: no chart library in the bundle for one chart), as wide as its box.
 * `label` names a group under its bars (default: a YYYY-MM period's month); the 督办通报 groups by person.
 */
export function MonthlyChart({ title, periods, series, label = (period) => period.slice(5) }: {
  title: string; periods: string[]; series: ChartSeries[]; label?: (period: string) => string;
}) {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const width = 640;
  const height = 180;
  const band = width / Math.max(periods.length, 1);
  const bar = Math.min(18, (band - 8) / series.length);
  return (
    <Box data-testid="monthly-chart">
      <Typography variant="subtitle1">{title}</Typography>
      <svg viewBox={`0 0 ${width} ${height + 24}`} width="100%" role="img" aria-label={title}>
        {periods.map((period, i) => (
          <g key={period} transform={`translate(${i * band + (band - bar * series.length) / 2}, 0)`}>
            {series.map((s, j) => {
              const value = s.values[i] ?? 0;
              const h = (value / max) * (height - 16);
              return (
                <g key={s.label}>
                  <rect x={j * bar} y={height - h} width={bar - 2} height={h} fill={s.color}>
                    <title>{`${period} ${s.label}: ${value}`}</title>
                  </rect>
                  {value > 0 && <text x={j * bar + bar / 2 - 1} y={height - h - 3} fontSize="10" textAnchor="middle">{value}</text>}
                </g>
              );
            })}
            <text x={(bar * series.length) / 2} y={height + 16} fontSize="11" textAnchor="middle">{label(period)}</text>
          </g>
        ))}
      </svg>
      <ChartLegend series={series} />
    </Box>
  );
}
