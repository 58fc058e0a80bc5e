import RestartAltIcon from '@mui/icons-material/RestartAlt';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormHelperText from '@mui/material/FormHelperText';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState, type ReactNode } from 'react';
import { useSession } from '../session';
import { DURATION_UNITS, NATURAL_UNITS, parseBand, parseRule, sameValue, splitDuration, type SettingKind, type SettingValue } from './settingsDraft';
import { VisitBandsInput } from './VisitBandsInput';
import { VisitBusinessTypesInput } from './VisitBusinessTypesInput';

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** A value as the hint's 默认 shows it: 3 工作日, 20%, 不限, 20 MB. */
export function valueText(t: Translate, kind: SettingKind, value: SettingValue): string {
  if (kind === 'bands' && Array.isArray(value)) {
    return value.map(parseBand).map((b) => `D${b.fromTier}–D${b.toTier} ${t(`visitPlan.every.${b.every}`)}`).join('、');
  }
  if (kind === 'businessTypes' && Array.isArray(value)) {
    return value.length ? value.map(parseRule).map((r) => `${r.businessType} ${t(`visitPlan.every.${r.every}`)}`).join('、') : t('visitPlan.rule.none');
  }
  if (Array.isArray(value)) return value.join('、');
  switch (kind) {
    case 'periodDue':
      if (value === '') return t('visitPlan.periodEnd');
    // falls through: a duration
    case 'natural':
    case 'duration': {
      const [n, unit] = splitDuration(value);
      return `${n} ${t(`adminTools.settings.unit.${unit}`)}`;
    }
    case 'percent': return `${value}%`;
    case 'cap': return value === '' ? t('adminTools.settings.unlimited') : value;
    case 'choice': return t(`adminTools.settings.choice.${value}`);
    case 'megabytes': return `${value} MB`;
    default: return value;
  }
}

export interface SettingFieldProps {
  /** `regrade.decisionDue`: its messages and its test id. */
  name: string;
  kind: SettingKind;
  value: SettingValue;
  defaultValue: SettingValue;
  error?: string;
  readOnly: boolean;
  onChange(value: SettingValue): void;
}

/** The media types a file may have: chips, and a field to add one. */
function TypesInput({ label, value, onChange, disabled, error }: { label: string; value: string[]; onChange(v: string[]): void; disabled: boolean; error: boolean }) {
  const { t } = useSession();
  const [text, setText] = useState('');
  const add = () => {
    const type = text.trim().toLowerCase();
    if (type && !value.includes(type)) onChange([...value, type]);
    setText('');
  };
  return (
    <Box sx={{ flexGrow: 1, minWidth: 0 }}>
      <Typography variant="body2" color={error ? 'error' : 'text.secondary'} sx={{ mb: 0.5 }}>{label}</Typography>
      <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap', mb: disabled ? 0 : 1 }} role="list" aria-label={label}>
        {value.map((type) => (
          <Chip key={type} role="listitem" label={type} size="small" onDelete={disabled ? undefined : () => onChange(value.filter((x) => x !== type))} />
        ))}
      </Stack>
      {!disabled && (
        <Stack direction="row" spacing={1}>
          <TextField size="small" label={t('adminTools.settings.types.new')} placeholder={t('adminTools.settings.types.placeholder')} value={text}
            sx={{ flexGrow: 1, minWidth: 0 }} onChange={(e) => setText(e.target.value)}
            slotProps={{ htmlInput: { autoCapitalize: 'none', spellCheck: false } }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }} />
          <Button variant="outlined" onClick={add} disabled={!text.trim()} sx={{ minHeight: 40, flexShrink: 0 }}>{t('adminTools.settings.types.add')}</Button>
        </Stack>
      )}
    </Box>
  );
}

/** One setting: its input(s) by kind, 恢复默认 when it differs from the default, and a hint with the default (or the error). */
export function SettingField({ name, kind, value, defaultValue, error, readOnly, onChange }: SettingFieldProps) {
  const { t } = useSession();
  const label = t(`adminTools.settings.${name}`);
  const modified = !sameValue(value, defaultValue);
  const text = Array.isArray(value) ? '' : value;
  const number = (props: { adornment?: string; placeholder?: string; value?: string; onChange?(v: string): void }) => (
    <TextField size="small" label={label} value={props.value ?? text} disabled={readOnly} error={!!error} placeholder={props.placeholder}
      sx={{ flexGrow: 1, minWidth: 0 }} onChange={(e) => (props.onChange ?? onChange)(e.target.value)}
      slotProps={{
        htmlInput: { inputMode: 'decimal' },
        inputLabel: props.placeholder ? { shrink: true } : undefined,
        input: props.adornment ? { endAdornment: <InputAdornment position="end">{props.adornment}</InputAdornment> } : undefined,
      }} />
  );
  let input: ReactNode;
  switch (kind) {
    case 'duration':
    case 'natural':
    case 'periodDue': {
      const units = kind === 'duration' ? DURATION_UNITS : NATURAL_UNITS;
      const [n, unit] = splitDuration(text, units[0]);
      input = (
        <>
          {number({ value: n, placeholder: kind === 'periodDue' ? t('visitPlan.periodEnd') : undefined, onChange: (v) => onChange(`${v.trim()}${unit}`) })}
          <TextField size="small" select label={t('adminTools.settings.unit')} value={unit} disabled={readOnly} error={!!error} sx={{ width: 112, flexShrink: 0 }}
            onChange={(e) => onChange(`${n}${e.target.value}`)} slotProps={{ htmlInput: { 'aria-label': `${label} ${t('adminTools.settings.unit')}` } }}>
            {units.map((u) => <MenuItem key={u} value={u}>{t(`adminTools.settings.unit.${u}`)}</MenuItem>)}
          </TextField>
        </>
      );
      break;
    }
    case 'percent': input = number({ adornment: '%' }); break;
    case 'cap': input = number({ placeholder: t('adminTools.settings.unlimited') }); break;
    case 'megabytes': input = number({ adornment: 'MB' }); break;
    case 'choice':
      input = (
        <TextField size="small" select label={label} value={text} disabled={readOnly} error={!!error} sx={{ flexGrow: 1, minWidth: 0 }}
          onChange={(e) => onChange(e.target.value)}>
          {['any', 'all'].map((c) => <MenuItem key={c} value={c}>{t(`adminTools.settings.choice.${c}`)}</MenuItem>)}
        </TextField>
      );
      break;
    case 'types':
      input = <TypesInput label={label} value={Array.isArray(value) ? value : []} onChange={onChange} disabled={readOnly} error={!!error} />;
      break;
    case 'bands':
      input = <VisitBandsInput label={label} value={Array.isArray(value) ? value : []} onChange={onChange} disabled={readOnly} error={!!error} />;
      break;
    case 'businessTypes':
      input = <VisitBusinessTypesInput label={label} value={Array.isArray(value) ? value : []} onChange={onChange} disabled={readOnly} error={!!error} />;
      break;
    default: input = number({});
  }
  return (
    <Box data-testid={`setting-${name}`} data-modified={modified ? 'true' : undefined} sx={{ minWidth: 0, gridColumn: kind === 'bands' || kind === 'businessTypes' ? '1 / -1' : undefined }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
        {input}
        {!readOnly && modified && (
          <Tooltip title={t('adminTools.settings.restore')}>
            <IconButton aria-label={`${t('adminTools.settings.restore')}：${label}`} onClick={() => onChange(defaultValue)}
              sx={{ width: 44, height: 44, mt: -0.25, flexShrink: 0 }}>
              <RestartAltIcon />
            </IconButton>
          </Tooltip>
        )}
      </Stack>
      <FormHelperText error={!!error} sx={{ mx: 0 }}>
        {error ?? t(`adminTools.settings.${name}.hint`)}
        {' '}
        <Box component="span" sx={{ color: 'text.secondary', overflowWrap: 'anywhere' }}>
          {t('adminTools.settings.default', { value: valueText(t, kind, defaultValue) })}
        </Box>
      </FormHelperText>
    </Box>
  );
}
