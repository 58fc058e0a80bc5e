import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { hasMessage } from '../messages';
import { useSession } from '../session';
import { useUserName } from '../users';
import { splitDuration } from './settingsDraft';

type Translate = (key: string, vars?: Record<string, string | number>) => string;
type Data = Record<string, unknown>;

/** One changed field of an audit event: what it was and what it became. */
export interface ChangeRow {
  field: string;
  before: unknown;
  after: unknown;
}

const isObject = (value: unknown): value is Data => typeof value === 'object' && value !== null && !Array.isArray(value);
const differs = (a: unknown, b: unknown) => JSON.stringify(a ?? null) !== JSON.stringify(b ?? null);

/** The fields that differ between two snapshots (either may be null: created, removed), or the value itself. */
function diff(field: string, before: unknown, after: unknown): ChangeRow[] {
  if ((isObject(before) || before == null) && (isObject(after) || after == null) && (isObject(before) || isObject(after))) {
    const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
    return keys
      .filter((key) => differs((before as Data | null)?.[key], (after as Data | null)?.[key]))
      .map((key) => ({ field: field ? `${field} · ${key}` : key, before: (before as Data | null)?.[key], after: (after as Data | null)?.[key] }));
  }
  return differs(before, after) ? [{ field, before, after }] : [];
}

/**
 * What changed in an event's `data`, as the services record it: `before`/`after` snapshots (users), a list
 * of `{setting|username, before, after}` (settings, imports), a map of `{from, to}` (customers), or a
 * `before` beside the new values (calendar days). The rest of `data` is returned as it is.
 */
export function changesOf(data: Data): { rows: ChangeRow[]; rest: [string, unknown][] } {
  const used = new Set<string>();
  const rows: ChangeRow[] = [];
  if (Array.isArray(data.changes)) {
    used.add('changes');
    data.changes.forEach((change: unknown, i) => {
      if (!isObject(change) || !('before' in change || 'after' in change)) return;
      const label = [change.setting, change.field, change.username, change.code].find((x) => typeof x === 'string') as string | undefined;
      rows.push(...diff(label ?? String(i + 1), change.before, change.after));
    });
  } else if (isObject(data.changes)) {
    used.add('changes');
    for (const [key, change] of Object.entries(data.changes)) {
      if (isObject(change) && ('from' in change || 'to' in change)) rows.push({ field: key, before: change.from, after: change.to });
      else if (isObject(change) && ('before' in change || 'after' in change)) rows.push({ field: key, before: change.before, after: change.after });
    }
  }
  if ('before' in data || 'after' in data) {
    used.add('before').add('after');
    let after = data.after;
    if (!('after' in data)) {
      // The new values sit beside `before` (a calendar day): compare the fields `before` has.
      const fields = isObject(data.before) ? Object.keys(data.before) : Object.keys(data).filter((k) => k !== 'before');
      after = Object.fromEntries(fields.filter((k) => k in data).map((k) => [k, data[k]]));
      fields.forEach((k) => used.add(k));
    }
    rows.push(...diff('', data.before, after));
  }
  return { rows, rest: Object.entries(data).filter(([key]) => !used.has(key)) };
}

const DURATION = /^\d+(\.\d+)?(wd|d|h|m|s)$/;

/** A field's name: a setting's label, a known field's word, else the key. */
function fieldLabel(t: Translate, field: string): string {
  if (hasMessage(`adminTools.settings.${field}`)) {
    return `${t(`adminTools.settings.section.${field.split('.')[0]}`)} · ${t(`adminTools.settings.${field}`)}`;
  }
  return field.split(' · ').map((part) => (hasMessage(`adminTools.audit.field.${part}`) ? t(`adminTools.audit.field.${part}`) : part)).join(' · ');
}

/** The words of a coded value, by its field: a role, a market, a calendar day's kind. */
const CODE_GROUPS: Record<string, string> = { roles: 'role', marketType: 'market', kind: 'adminTools.calendar.kind' };

/** Fields that hold a user's id: shown as the user's name. */
const USER_FIELDS = new Set(['userId', 'supervisorId', 'managerId', 'toManagerId', 'fromManagerId', 'assigneeId']);

function valueLabel(t: Translate, value: unknown, field = '', userName?: (id: number) => string): string {
  const key = field.split(' · ').pop() ?? '';
  if (userName && USER_FIELDS.has(key) && typeof value === 'number') return userName(value);
  const group = CODE_GROUPS[key];
  if (group) {
    const word = (code: unknown) => (hasMessage(`${group}.${String(code)}`) ? t(`${group}.${String(code)}`) : String(code));
    if (typeof value === 'string') return word(value);
    if (Array.isArray(value)) return value.map(word).join('、');
  }
  if (value === null || value === undefined || value === '') return t('adminTools.audit.none');
  if (typeof value === 'boolean') return t(value ? 'adminTools.audit.yes' : 'adminTools.audit.no');
  if (typeof value === 'string' && DURATION.test(value)) {
    const [n, unit] = splitDuration(value);
    return `${n} ${t(`adminTools.settings.unit.${unit}`)}`;
  }
  if (Array.isArray(value) && value.every((x) => typeof x !== 'object')) return value.join('、');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** An audit event's `data`: the changed fields as a small before/after table, and what else it records. */
export function AuditChanges({ data }: { data: Data }) {
  const { t } = useSession();
  const userName = useUserName();
  const { rows, rest } = changesOf(data);
  const cell = { overflowWrap: 'anywhere', verticalAlign: 'top', px: 1 } as const;
  return (
    <Box sx={{ mt: 1, minWidth: 0, width: '100%' }} data-testid="audit-details">
      {rows.length > 0 && (
        <Table size="small" sx={{ tableLayout: 'fixed', width: '100%', bgcolor: 'action.hover', borderRadius: 1 }} data-testid="audit-changes">
          <TableHead>
            <TableRow>
              <TableCell sx={cell}>{t('adminTools.audit.field')}</TableCell>
              <TableCell sx={cell}>{t('adminTools.audit.before')}</TableCell>
              <TableCell sx={cell}>{t('adminTools.audit.after')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row, i) => (
              <TableRow key={i}>
                <TableCell sx={cell}>{fieldLabel(t, row.field)}</TableCell>
                <TableCell sx={cell}>{valueLabel(t, row.before, row.field, userName)}</TableCell>
                <TableCell sx={cell}>{valueLabel(t, row.after, row.field, userName)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {rest.length > 0 && (
        <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'auto minmax(0, 1fr)', columnGap: 1.5, rowGap: 0.25, m: 0, mt: 1, fontSize: 13 }}>
          {rest.map(([key, value]) => (
            <Typography key={key} component="div" variant="body2" sx={{ display: 'contents' }}>
              <Box component="dt" sx={{ color: 'text.secondary' }}>{fieldLabel(t, key)}</Box>
              <Box component="dd" sx={{ m: 0, overflowWrap: 'anywhere', fontFamily: typeof value === 'object' && value !== null ? 'monospace' : undefined }}>
                {valueLabel(t, value, key, userName)}
              </Box>
            </Typography>
          ))}
        </Box>
      )}
    </Box>
  );
}
