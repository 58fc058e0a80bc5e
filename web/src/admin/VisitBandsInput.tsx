import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useSession } from '../session';
import { bandText, parseBand } from './settingsDraft';
import { VisitRuleRows, type VisitRuleListProps } from './VisitRuleRows';

/** 差异化服务's bands as rows: the first and last tier (D1–D30) and how often; rows may be added and removed (one stays). */
export function VisitBandsInput(props: VisitRuleListProps) {
  const { t } = useSession();
  const name = (i: number) => t('visitPlan.band', { n: i + 1 });
  return (
    <VisitRuleRows<ReturnType<typeof parseBand>> {...props} parse={parseBand} format={bandText} blank={{ fromTier: '', toTier: '', every: 'month' }} minRows={1} name={name}
      addLabel={t('visitPlan.band.add')} testId="visit-bands"
      fields={(band, i, change) => (
        <>
          <Typography variant="body2" sx={{ width: 44 }}>{name(i)}</Typography>
          {(['fromTier', 'toTier'] as const).map((key) => (
            <TextField key={key} size="small" label={t(`visitPlan.band.${key}`)} value={band[key]} disabled={props.disabled} error={props.error}
              sx={{ width: 96, flexShrink: 0 }} onChange={(e) => change({ [key]: e.target.value.trim() })}
              slotProps={{ htmlInput: { inputMode: 'numeric', 'aria-label': `${name(i)} ${t(`visitPlan.band.${key}`)}` },
                input: { startAdornment: <InputAdornment position="start">D</InputAdornment> } }} />
          ))}
        </>
      )} />
  );
}
