import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { queryString } from '../api';
import { HeaderRow } from '../components/HeaderRow';
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
    <Paper sx={{ p: 3 }}>
      <Stack direction="row" sx={{ alignItems: 'center', mb: 2 }} spacing={2}>
        <Typography variant="h5" component="h1" sx={{ flexGrow: 1 }}>{t('learning.title')}</Typography>
        <Button variant="contained" component={RouterLink} to="/start/learning-record">{t('learning.add')}</Button>
      </Stack>
      <Stack direction="row" spacing={2} sx={{ mb: 2, alignItems: 'center' }}>
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
        <Typography sx={{ flexGrow: 1, textAlign: 'right' }} data-testid="learning-total">
          {records.data ? t('learning.total', { name: records.data.user.name, year: records.data.year, hours: records.data.totalHours }) : ''}
        </Typography>
      </Stack>
      {records.error && <Alert severity="error">{records.error.message}</Alert>}
      {!records.data ? (!records.error && <Spinner />) : (
        <>
          <Table size="small" data-testid="learning-table">
            <HeaderRow keys={['date', 'course', 'kind', 'hours', 'status', 'acknowledgedBy'].map((col) => `learning.${col}`)} />
            <TableBody>
              {records.data.items.map((r) => (
                <TableRow key={r.instanceId} hover data-testid="learning-row">
                  <TableCell>{r.date}</TableCell>
                  <TableCell><Link component={RouterLink} to={`/instances/${r.instanceId}`}>{r.title}</Link></TableCell>
                  <TableCell>{codeLabel(t, 'learningKind', r.kind)}</TableCell>
                  <TableCell>{r.hours}</TableCell>
                  <TableCell>
                    <Chip size="small" color={r.status === 'acknowledged' ? 'success' : 'default'} label={t(`learningStatus.${r.status}`)} />
                  </TableCell>
                  <TableCell>{r.acknowledgedBy?.name ?? ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {records.data.items.length === 0 && <Typography sx={{ p: 2 }} color="text.secondary">{t('learning.empty')}</Typography>}
        </>
      )}
    </Paper>
  );
}
