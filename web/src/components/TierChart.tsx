import Box from '@mui/material/Box';
import { ChartLegend } from './ChartLegend';
import type { ChartSeries } from './MonthlyChart';

/** D30 … D1, as tiers are read on paper. */
export const TIERS_DOWN = Array.from({ length: 30 }, (_, i) => 30 - i);

/**
 * Cartons per customer by tier, D30 at the left: one bar per series (a market, or last month) in each
 * tier. `values` of each series are D1 first, as the API sends them. A small SVG that scales to its
 * box, so it fits a phone's width without scrolling.
 */
export function TierChart({ title, series }: { title: string; series: ChartSeries[] }) {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const band = 20;
  const width = 30 * band;
  const height = 140;
  const bar = (band - 4) / Math.max(1, series.length);
  return (
    <Box data-testid="tier-chart">
      <svg viewBox={`0 0 ${width} ${height + 22}`} width="100%" role="img" aria-label={title} style={{ display: 'block' }}>
        {TIERS_DOWN.map((tier, i) => (
          <g key={tier} transform={`translate(${i * band + 2}, 0)`}>
            {series.map((s, j) => {
              const value = s.values[tier - 1] ?? 0;
              const h = (value / max) * (height - 14);
              return (
                <rect key={s.label} x={j * bar} y={height - h} width={Math.max(bar - 1, 1)} height={h} fill={s.color} data-tier={tier} data-value={value}>
                  <title>{`D${tier} ${s.label}: ${value}`}</title>
                </rect>
              );
            })}
            {(tier % 5 === 0 || tier === 1) && <text x={(band - 4) / 2} y={height + 14} fontSize="10" textAnchor="middle">D{tier}</text>}
          </g>
        ))}
        <text x={2} y={10} fontSize="10" fill="#666">{max}</text>
      </svg>
      <ChartLegend series={series} />
    </Box>
  );
}
