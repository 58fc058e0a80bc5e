import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';

/** One coloured square and label per series, under a chart. */
export function ChartLegend({ series }: { series: { label: string; color: string }[] }) {
  return (
    <Box sx={{ display: 'flex', gap: 2 }}>
      {series.map((s) => (
        <Typography key={s.label} variant="caption" sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
          <Box component="span" sx={{ width: 10, height: 10, bgcolor: s.color, display: 'inline-block' }} />{s.label}
        </Typography>
      ))}
    </Box>
  );
}
