import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useSession } from '../session';
import { bandText, parseBand } from './settingsDraft';

const FREQUENCIES = ['week', 'twoWeeks', 'month'] as const;

/** How often a row's customers are visited: 每周, 每两周, 每月. */
export function VisitFrequencySelect({ value, onChange, disabled, error, ariaLabel }: {
  value: string; onChange(every: string): void; disabled: boolean; error: boolean; ariaLabel?: string;
}) {
  const { t } = useSession();
  return (
    <TextField size="small" select label={t('visitPlan.band.every')} value={value} disabled={disabled} error={error}
      sx={{ width: 120, flexShrink: 0 }} onChange={(e) => onChange(e.target.value)} slotProps={{ htmlInput: { 'aria-label': ariaLabel } }}>
      {FREQUENCIES.map((f) => <MenuItem key={f} value={f}>{t(`visitPlan.every.${f}`)}</MenuItem>)}
    </TextField>
  );
}

/** 差异化服务's bands as rows: the first and last tier (D1–D30) and how often; rows may be added and removed. */
export function VisitBandsInput({ label, value, onChange, disabled, error }: {
  label: string; value: string[]; onChange(v: string[]): void; disabled: boolean; error: boolean;
}) {
  const { t } = useSession();
  const bands = value.map(parseBand);
  const change = (i: number, part: Partial<ReturnType<typeof parseBand>>) =>
    onChange(bands.map((band, j) => bandText(j === i ? { ...band, ...part } : band)));
  const tier = (i: number, key: 'fromTier' | 'toTier') => (
    <TextField size="small" label={t(`visitPlan.band.${key}`)} value={bands[i]![key]} disabled={disabled} error={error}
      sx={{ width: 96, flexShrink: 0 }} onChange={(e) => change(i, { [key]: e.target.value.trim() })}
      slotProps={{ htmlInput: { inputMode: 'numeric', 'aria-label': `${t('visitPlan.band', { n: i + 1 })} ${t(`visitPlan.band.${key}`)}` },
        input: { startAdornment: <InputAdornment position="start">D</InputAdornment> } }} />
  );
  return (
    <Box sx={{ flexGrow: 1, minWidth: 0 }} data-testid="visit-bands">
      <Typography variant="body2" color={error ? 'error' : 'text.secondary'} sx={{ mb: 1 }}>{label}</Typography>
      <Stack spacing={1}>
        {bands.map((band, i) => (
          <Stack key={i} direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }} data-testid="visit-band">
            <Typography variant="body2" sx={{ width: 44 }}>{t('visitPlan.band', { n: i + 1 })}</Typography>
            {tier(i, 'fromTier')}
            {tier(i, 'toTier')}
            <VisitFrequencySelect value={band.every} disabled={disabled} error={error} onChange={(every) => change(i, { every })} />
            {!disabled && bands.length > 1 && (
              <IconButton aria-label={`${t('visitPlan.band.remove')}：${t('visitPlan.band', { n: i + 1 })}`} sx={{ width: 44, height: 44 }}
                onClick={() => onChange(value.filter((_, j) => j !== i))}>
                <DeleteOutlineIcon />
              </IconButton>
            )}
          </Stack>
        ))}
      </Stack>
      {!disabled && (
        <Button startIcon={<AddIcon />} sx={{ mt: 1, minHeight: 40 }} onClick={() => onChange([...value, bandText({ fromTier: '', toTier: '', every: 'month' })])}>
          {t('visitPlan.band.add')}
        </Button>
      )}
    </Box>
  );
}
