import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useSession } from '../session';
import { parseRule, ruleText } from './settingsDraft';
import { VisitFrequencySelect } from './VisitBandsInput';

/** The business types of the demo and the import's examples, offered as the field is typed (any other may be typed). */
const KNOWN_BUSINESS_TYPES = ['convenience', 'supermarket', 'tobacco_liquor', 'grocery', 'other'] as const;

/** 差异化服务's business-type rules as rows: the 业态 and how often, over the tier band; rows may be added and removed. */
export function VisitBusinessTypesInput({ label, value, onChange, disabled, error }: {
  label: string; value: string[]; onChange(v: string[]): void; disabled: boolean; error: boolean;
}) {
  const { t } = useSession();
  const rules = value.map(parseRule);
  const change = (i: number, part: Partial<ReturnType<typeof parseRule>>) =>
    onChange(rules.map((rule, j) => ruleText(j === i ? { ...rule, ...part } : rule)));
  return (
    <Box sx={{ flexGrow: 1, minWidth: 0 }} data-testid="visit-business-types">
      <Typography variant="body2" color={error ? 'error' : 'text.secondary'} sx={{ mb: 1 }}>{label}</Typography>
      <datalist id="visit-business-types">
        {KNOWN_BUSINESS_TYPES.map((type) => <option key={type} value={type}>{t(`business.${type}`)}</option>)}
      </datalist>
      <Stack spacing={1}>
        {rules.map((rule, i) => (
          <Stack key={i} direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }} data-testid="visit-business-type">
            <TextField size="small" label={t('visitPlan.rule.businessType')} value={rule.businessType} disabled={disabled} error={error}
              sx={{ flex: '1 1 120px', minWidth: 0 }} onChange={(e) => change(i, { businessType: e.target.value })}
              slotProps={{ htmlInput: {
                list: 'visit-business-types', autoCapitalize: 'none', spellCheck: false,
                'aria-label': `${t('visitPlan.rule', { n: i + 1 })} ${t('visitPlan.rule.businessType')}`,
              } }} />
            {/* How often and 删除 stay together: on a phone they share the line under the business type. */}
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <VisitFrequencySelect value={rule.every} disabled={disabled} error={error} onChange={(every) => change(i, { every })}
                ariaLabel={`${t('visitPlan.rule', { n: i + 1 })} ${t('visitPlan.band.every')}`} />
              {!disabled && (
                <IconButton aria-label={`${t('visitPlan.band.remove')}：${t('visitPlan.rule', { n: i + 1 })}`} sx={{ width: 44, height: 44 }}
                  onClick={() => onChange(value.filter((_, j) => j !== i))}>
                  <DeleteOutlineIcon />
                </IconButton>
              )}
            </Stack>
          </Stack>
        ))}
      </Stack>
      {!disabled && (
        <Button startIcon={<AddIcon />} sx={{ mt: rules.length ? 1 : 0, minHeight: 40 }} onClick={() => onChange([...value, ruleText({ businessType: '', every: 'week' })])}>
          {t('visitPlan.rule.add')}
        </Button>
      )}
    </Box>
  );
}
