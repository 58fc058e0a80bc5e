import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutline';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useSession } from '../session';

const FREQUENCIES = ['week', 'twoWeeks', 'month'] as const;

/** The props of a 差异化服务 rule list as a setting's field: each row's draft text. */
export interface VisitRuleListProps {
  label: string; value: string[]; onChange(v: string[]): void; disabled: boolean; error: boolean;
}

/**
 * 差异化服务's rule rows (the tier bands, the business types): each row its own fields, then how often and 删除 (together:
 * on a phone they share a line); rows may be added and removed. A row is its draft text (`format`/`parse`).
 */
export function VisitRuleRows<R extends { every: string }>({
  label, value, onChange, disabled, error, parse, format, blank, minRows, name, addLabel, testId, fields, children,
}: VisitRuleListProps & {
  parse(text: string): R; format(row: R): string; blank: R; minRows: number;
  /** The row's name for screen readers: 第 1 档. */
  name(i: number): string;
  addLabel: string;
  /** The list's test id; each row's is the same without the plural `s`. */
  testId: string;
  fields(row: R, i: number, change: (part: Partial<R>) => void): ReactNode;
  /** Anything the rows' fields refer to (a datalist). */
  children?: ReactNode;
}) {
  const { t } = useSession();
  const rows = value.map(parse);
  const change = (i: number) => (part: Partial<R>) => onChange(rows.map((row, j) => format(j === i ? { ...row, ...part } : row)));
  return (
    <Box sx={{ flexGrow: 1, minWidth: 0 }} data-testid={testId}>
      <Typography variant="body2" color={error ? 'error' : 'text.secondary'} sx={{ mb: 1 }}>{label}</Typography>
      {children}
      <Stack spacing={1}>
        {rows.map((row, i) => (
          <Stack key={i} direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }} data-testid={testId.replace(/s$/, '')}>
            {fields(row, i, change(i))}
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <TextField size="small" select label={t('visitPlan.band.every')} value={row.every} disabled={disabled} error={error}
                sx={{ width: 120, flexShrink: 0 }} onChange={(e) => change(i)({ every: e.target.value } as Partial<R>)}
                slotProps={{ htmlInput: { 'aria-label': `${name(i)} ${t('visitPlan.band.every')}` } }}>
                {FREQUENCIES.map((f) => <MenuItem key={f} value={f}>{t(`visitPlan.every.${f}`)}</MenuItem>)}
              </TextField>
              {!disabled && rows.length > minRows && (
                <IconButton aria-label={`${t('visitPlan.band.remove')}：${name(i)}`} sx={{ width: 44, height: 44 }}
                  onClick={() => onChange(value.filter((_, j) => j !== i))}>
                  <DeleteOutlineIcon />
                </IconButton>
              )}
            </Stack>
          </Stack>
        ))}
      </Stack>
      {!disabled && (
        <Button startIcon={<AddIcon />} sx={{ mt: rows.length ? 1 : 0, minHeight: 40 }} onClick={() => onChange([...value, format(blank)])}>
          {addLabel}
        </Button>
      )}
    </Box>
  );
}
