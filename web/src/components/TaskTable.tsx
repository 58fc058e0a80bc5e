import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { Link as RouterLink } from 'react-router';
import { outcomeLabel, stepLabel, urgency } from '../labels';
import { useSession } from '../session';
import type { Task } from '../types';
import { useUserName } from '../users';

function subject(task: Task): string {
  const { customerName, customerCode, title } = task.context as Record<string, string | undefined>;
  if (customerName) return customerCode ? `${customerName}（${customerCode}）` : customerName;
  return title ?? '';
}

/** One page of tasks; overdue and due-soon rows are marked at a glance. */
export function TaskTable({ tasks, done }: { tasks: Task[]; done: boolean }) {
  const { t, formatDateTime } = useSession();
  const userName = useUserName();
  return (
    <Table size="small" aria-label={t('nav.inbox')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('inbox.col.task')}</TableCell>
          <TableCell>{t('inbox.col.subject')}</TableCell>
          <TableCell>{t('inbox.col.process')}</TableCell>
          <TableCell>{t('inbox.col.assignee')}</TableCell>
          <TableCell>{t(done ? 'inbox.col.completed' : 'inbox.col.created')}</TableCell>
          <TableCell>{t(done ? 'inbox.col.outcome' : 'inbox.col.due')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {tasks.map((task) => {
          const mark = urgency(task);
          return (
            <TableRow key={task.id} hover data-testid="task-row" sx={mark === 'overdue' ? { bgcolor: '#fff1f0' } : undefined}>
              <TableCell>
                <Link component={RouterLink} to={`/tasks/${task.id}`}>{stepLabel(t, task.name)}</Link>
              </TableCell>
              <TableCell>{subject(task)}</TableCell>
              <TableCell>{t(`process.${task.processKey}`)}</TableCell>
              <TableCell>
                {task.claimedBy ?? task.assigneeId
                  ? userName(task.claimedBy ?? task.assigneeId)
                  : task.candidateRoles.map((r) => t(`role.${r}`)).join('、')}
              </TableCell>
              <TableCell>{formatDateTime(done ? task.completedAt : task.createdAt)}</TableCell>
              <TableCell>
                {done ? outcomeLabel(t, task.outcome) : formatDateTime(task.dueAt)}
                {mark && (
                  <Chip size="small" sx={{ ml: 1 }} color={mark === 'overdue' ? 'error' : 'warning'}
                    label={t(mark === 'overdue' ? 'inbox.overdue' : 'inbox.dueSoon')} />
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
