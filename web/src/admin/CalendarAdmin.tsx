import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useRef, useState, type FormEvent } from 'react';
import type { CalendarDayBody } from '../../../api/calendar/calendarContract';
import { api, ApiError, queryString } from '../api';
import { LazyDateField } from '../components/LazyDateField';
import { ResponsiveList } from '../components/ResponsiveList';
import { Spinner } from '../components/Spinner';
import { usePhone } from '../responsive';
import { useSession } from '../session';
import { useApi } from '../useApi';

type DayKind = CalendarDayBody['kind'];

/** One day of `GET /api/admin/calendar`. */
interface CalendarDay {
  date: string;
  kind: DayKind;
  name: string;
  updatedBy: number | null;
  updatedAt: string;
}

interface Draft {
  date: string | undefined;
  kind: DayKind;
  name: string;
  /** The day being changed (its date may not change: a new date is a new day). */
  editing?: string;
}

const EMPTY: Draft = { date: undefined, kind: 'holiday', name: '' };
const KINDS: DayKind[] = ['holiday', 'workday'];

const dayOfWeek = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const isWeekend = (date: string) => [0, 6].includes(dayOfWeek(date));

/** 工作日历: a year's holidays and 调休 working days, added, renamed and removed by an admin. */
export default function CalendarAdmin() {
  const { t, locale } = useSession();
  const phone = usePhone();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const days = useApi<{ items: CalendarDay[] }>(`/admin/calendar${queryString({ year })}`);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ severity: 'success' | 'error'; text: string }>();
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<CalendarDay>();
  const formRef = useRef<HTMLFormElement>(null);
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  const dayText = (date: string) => `${date} ${weekday.format(new Date(`${date}T00:00:00Z`))}`;
  const years = [...new Set([...Array.from({ length: 7 }, (_, i) => thisYear - 3 + i), year])].sort();
  const items = days.data?.items ?? [];

  const edit = (change: Partial<Draft>, ...fields: string[]) => {
    setDraft({ ...draft, ...change });
    setErrors(Object.fromEntries(Object.entries(errors).filter(([path]) => !fields.includes(path))));
  };
  /** A weekday can only be a holiday, a weekend day only a working day: the kind follows the date. */
  const pickDate = (date: string | undefined) =>
    edit({ date, ...(date ? { kind: isWeekend(date) ? 'workday' : 'holiday' } : {}) }, '/date', '/kind');

  const run = async (request: () => Promise<void>) => {
    setBusy(true);
    setNotice(undefined);
    try {
      await request();
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) setErrors(Object.fromEntries(err.fieldErrors.map((e) => [e.path, e.message])));
      setNotice({ severity: 'error', text: err instanceof ApiError ? err.message : t('common.error') });
    } finally {
      setBusy(false);
    }
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!draft.date) missing['/date'] = t('adminTools.calendar.dateRequired');
    if (!draft.name.trim()) missing['/name'] = t('adminTools.calendar.nameRequired');
    if (!draft.date || Object.keys(missing).length) {
      setErrors(missing);
      return;
    }
    const { date, kind } = draft;
    const name = draft.name.trim();
    void run(async () => {
      const body: CalendarDayBody = { kind, name };
      await api<CalendarDay>(`/admin/calendar/${date}`, { method: 'PUT', body });
      setDraft(EMPTY);
      setErrors({});
      setNotice({ severity: 'success', text: t('adminTools.calendar.saved', { date: dayText(date), name }) });
      const dateYear = Number(date.slice(0, 4));
      if (dateYear === year) days.reload();
      else setYear(dateYear);
    });
  };

  const remove = (day: CalendarDay) => void run(async () => {
    setRemoving(undefined);
    await api(`/admin/calendar/${day.date}`, { method: 'DELETE' });
    if (draft.editing === day.date) setDraft(EMPTY);
    setNotice({ severity: 'success', text: t('adminTools.calendar.removed', { date: dayText(day.date) }) });
    days.reload();
  });

  const startEdit = (day: CalendarDay) => {
    setDraft({ date: day.date, kind: day.kind, name: day.name, editing: day.date });
    setErrors({});
    setNotice(undefined);
    formRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  const holidays = items.filter((d) => d.kind === 'holiday').length;
  return (
    <Stack spacing={2}>
      <Typography variant="body2" color="text.secondary">{t('adminTools.calendar.intro')}</Typography>
      <Paper variant="outlined" component="form" noValidate ref={formRef} onSubmit={save} data-testid="calendar-form"
        aria-label={draft.editing ? t('adminTools.calendar.edit', { date: draft.editing }) : t('adminTools.calendar.add')} sx={{ p: { xs: 1.5, sm: 2 } }}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1.5 }}>
          {draft.editing ? t('adminTools.calendar.edit', { date: dayText(draft.editing) }) : t('adminTools.calendar.add')}
        </Typography>
        <Stack direction={phone ? 'column' : 'row'} spacing={1.5} useFlexGap sx={{ alignItems: phone ? 'stretch' : 'flex-start', flexWrap: 'wrap' }}>
          <Stack spacing={0.5} sx={{ minWidth: 0 }}>
            {draft.editing
              ? <TextField size="small" label={t('adminTools.calendar.date')} value={dayText(draft.editing)} disabled fullWidth={phone} sx={{ width: phone ? undefined : 190 }} />
              : <LazyDateField label={t('adminTools.calendar.date')} value={draft.date} onChange={pickDate} fullWidth={phone} testId="calendar-date" />}
            {errors['/date'] && <Typography variant="caption" color="error" sx={{ mx: 1.75 }}>{errors['/date']}</Typography>}
          </Stack>
          <TextField size="small" select label={t('adminTools.calendar.kind')} value={draft.kind} fullWidth={phone} sx={{ width: phone ? undefined : 170 }}
            onChange={(e) => edit({ kind: e.target.value as DayKind }, '/kind')} error={!!errors['/kind']}
            helperText={errors['/kind'] ?? t(`adminTools.calendar.kindHint.${draft.kind}`)}>
            {KINDS.map((k) => <MenuItem key={k} value={k}>{t(`adminTools.calendar.kind.${k}`)}</MenuItem>)}
          </TextField>
          <TextField size="small" label={t('adminTools.calendar.name')} placeholder={t('adminTools.calendar.namePlaceholder')} value={draft.name}
            fullWidth={phone} sx={{ width: phone ? undefined : 220 }} onChange={(e) => edit({ name: e.target.value }, '/name')}
            error={!!errors['/name']} helperText={errors['/name']} slotProps={{ htmlInput: { maxLength: 40 } }} />
          <Stack direction="row" spacing={1} sx={{ '& > button': { minHeight: 40, flex: phone ? 1 : '0 0 auto' } }}>
            <Button type="submit" variant="contained" disabled={busy}>{t('common.save')}</Button>
            {(draft.editing || draft.date || draft.name) && (
              <Button disabled={busy} onClick={() => { setDraft(EMPTY); setErrors({}); }}>{t('common.cancel')}</Button>
            )}
          </Stack>
        </Stack>
      </Paper>
      {notice && <Alert severity={notice.severity} data-testid="calendar-notice" onClose={() => setNotice(undefined)}>{notice.text}</Alert>}
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <TextField size="small" select label={t('adminTools.calendar.year')} value={year} sx={{ width: 120 }}
          onChange={(e) => setYear(Number(e.target.value))} slotProps={{ htmlInput: { 'data-testid': 'calendar-year' } }}>
          {years.map((y) => <MenuItem key={y} value={y}>{y}</MenuItem>)}
        </TextField>
        {days.data && (
          <Typography variant="body2" color="text.secondary">
            {t('adminTools.calendar.count', { holidays, workdays: items.length - holidays })}
          </Typography>
        )}
      </Stack>
      {days.error && <Alert severity="error">{days.error.message}</Alert>}
      {!days.data ? !days.error && <Spinner /> : (
        <>
          <ResponsiveList testId="calendar-list" rowTestId="calendar-row" label={t('admin.tab.calendar')} rows={items} rowKey={(d) => d.date}
            selected={(d) => d.date === draft.editing} columns={[
              { head: 'adminTools.calendar.date', card: 'title', cell: (d) => dayText(d.date) },
              {
                head: 'adminTools.calendar.kind', card: 'aside',
                cell: (d) => <Chip size="small" color={d.kind === 'holiday' ? 'success' : 'warning'} variant="outlined" label={t(`adminTools.calendar.kind.${d.kind}`)} />,
              },
              { head: 'adminTools.calendar.name', cell: (d) => d.name },
              {
                head: 'common.actions', card: 'full',
                cell: (d) => (
                  <Stack direction="row" spacing={1} sx={{ '& > button': { minHeight: phone ? 44 : 30, minWidth: phone ? 64 : undefined } }}>
                    <Button size="small" disabled={busy} onClick={() => startEdit(d)}>{t('adminTools.calendar.edit.action')}</Button>
                    <Button size="small" color="error" disabled={busy} onClick={() => setRemoving(d)}>{t('common.remove')}</Button>
                  </Stack>
                ),
              },
            ]} />
          {items.length === 0 && <Typography sx={{ p: 2 }} color="text.secondary">{t('adminTools.calendar.empty', { year })}</Typography>}
        </>
      )}
      <Dialog open={!!removing} onClose={() => setRemoving(undefined)} fullWidth maxWidth="xs">
        <DialogContent>{removing && t('adminTools.calendar.removeConfirm', { date: dayText(removing.date), name: removing.name })}</DialogContent>
        <DialogActions>
          <Button onClick={() => setRemoving(undefined)}>{t('common.cancel')}</Button>
          <Button color="error" variant="contained" onClick={() => removing && remove(removing)}>{t('common.remove')}</Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
