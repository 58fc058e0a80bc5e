import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { queryString } from '../api';
import { ResponsiveList } from '../components/ResponsiveList';
import { Spinner } from '../components/Spinner';
import { codeLabel } from '../labels';
import { useSession, useUser } from '../session';
import { useUsers } from '../users';
import { useApi } from '../useApi';

interface LearningItem {
  instanceId: string;
  title: string;
  kind: string;
  date: string;
  hours: number;
  status: 'submitted' | 'acknowledged';
  acknowledgedBy: { id: number; name: string } | null;
}

interface LearningYear {
  user: { id: number; name: string };
  year: number;
  items: LearningItem[];
  totalHours: number;
  /** Whose lists the caller may open; null: everyone's. */
  people: number[] | null;
}

/** This year in China, where the company works. */
function chinaYear(): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
}

/** How many past years the selector offers. */
const YEARS_BACK = 5;

/** 学习记录: one person's learning of a year (the caller's own by default) and its hours. */
export default function LearningPage() {
  const { t } = useSession();
  const me = useUser();
  const users = useUsers();
  const thisYear = chinaYear();
  const [year, setYear] = useState(thisYear);
  const [userId, setUserId] = useState(me.id);
  const records = useApi<LearningYear>(`/learning-records${queryString({ userId, year })}`);
  const people = records.data?.people;
  // The picker offers whoever the caller may read; it only appears when that is more than themselves.
  const choices = people === undefined ? [] : users.filter((u) => people === null || people.includes(u.id));
  const years = Array.from({ length: YEARS_BACK + 1 }, (_, i) => thisYear - i);

  return (
    <Paper sx={{ p: { xs: 1.5, sm: 3 } }}>
      <Stack direction="row" sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap' }} spacing={{ xs: 1, sm: 2 }} useFlexGap>
        <Typography variant="h5" component="h1" sx={{ flexGrow: 1, width: { xs: '100%', sm: 'auto' } }}>{t('learning.title')}</Typography>
        <Button variant="contained" component={RouterLink} to="/start/learning-record">{t('learning.add')}</Button>
      </Stack>
      <Stack direction="row" spacing={2} sx={{ mb: 2, alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <TextField size="small" select label={t('learning.year')} value={year} sx={{ minWidth: 120 }}
          onChange={(e) => setYear(Number(e.target.value))} slotProps={{ htmlInput: { 'data-testid': 'learning-year' } }}>
          {years.map((y) => <MenuItem key={y} value={y}>{y}</MenuItem>)}
        </TextField>
        {choices.length > 1 && (
          <TextField size="small" select label={t('learning.person')} value={userId} sx={{ minWidth: 200 }}
            onChange={(e) => setUserId(Number(e.target.value))} slotProps={{ htmlInput: { 'data-testid': 'learning-person' } }}>
            {choices.map((u) => <MenuItem key={u.id} value={u.id}>{u.displayName}</MenuItem>)}
          </TextField>
        )}
        <Typography sx={{ flexGrow: 1, textAlign: { xs: 'left', sm: 'right' } }} data-testid="learning-total">
          {records.data ? t('learning.total', { name: records.data.user.name, year: records.data.year, hours: records.data.totalHours }) : ''}
        </Typography>
      </Stack>
      {records.error && <Alert severity="error">{records.error.message}</Alert>}
      {!records.data ? (!records.error && <Spinner />) : (
        <>
          <ResponsiveList testId="learning-table" rowTestId="learning-row" rows={records.data.items} rowKey={(r) => r.instanceId} columns={[
            { head: 'learning.date', cell: (r) => r.date },
            { head: 'learning.course', card: 'title', cell: (r) => <Link component={RouterLink} to={`/instances/${r.instanceId}`}>{r.title}</Link> },
            { head: 'learning.kind', cell: (r) => codeLabel(t, 'learningKind', r.kind) },
            { head: 'learning.hours', cell: (r) => r.hours },
            {
              head: 'learning.status', card: 'aside',
              cell: (r) => <Chip size="small" color={r.status === 'acknowledged' ? 'success' : 'default'} label={codeLabel(t, 'learningStatus', r.status)} />,
            },
            { head: 'learning.acknowledgedBy', cell: (r) => r.acknowledgedBy?.name ?? '' },
          ]} />
          {records.data.items.length === 0 && <Typography sx={{ p: 2 }} color="text.secondary">{t('learning.empty')}</Typography>}
        </>
      )}
    </Paper>
  );
}
