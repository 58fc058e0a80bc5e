import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { ChartLegend } from './ChartLegend';
import type { ChartSeries } from './MonthlyChart';

/**
 * Grouped bars per product (a small SVG like MonthlyChart, no chart library); wide enough for 150
 * products, scrolling sideways inside its box.
 */
export function ProductChart({ title, labels, series }: { title: string; labels: string[]; series: ChartSeries[] }) {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const band = Math.max(22, 8 + series.length * 8);
  const width = Math.max(640, labels.length * band);
  const height = 180;
  const bar = (band - 6) / series.length;
  return (
    <Box data-testid="product-chart">
      <Typography variant="subtitle1">{title}</Typography>
      <Box sx={{ overflowX: 'auto' }}>
        <svg viewBox={`0 0 ${width} ${height + 40}`} width={width} height={height + 40} role="img" aria-label={title}>
          {labels.map((label, i) => (
            <g key={label} transform={`translate(${i * band + 3}, 0)`}>
              {series.map((s, j) => {
                const value = s.values[i] ?? 0;
                const h = (value / max) * (height - 8);
                return (
                  <rect key={s.label} x={j * bar} y={height - h} width={Math.max(bar - 1, 1)} height={h} fill={s.color}>
                    <title>{`${label} ${s.label}: ${value}`}</title>
                  </rect>
                );
              })}
              <text x={(band - 6) / 2} y={height + 8} fontSize="9" textAnchor="end" transform={`rotate(-50 ${(band - 6) / 2} ${height + 8})`}>{label}</text>
            </g>
          ))}
        </svg>
      </Box>
      <ChartLegend series={series} />
    </Box>
  );
}
