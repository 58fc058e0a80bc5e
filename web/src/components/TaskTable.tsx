import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import { Link as RouterLink } from 'react-router';
import { codeLabel, outcomeLabel, stepLabel, urgency } from '../labels';
import { usePhone } from '../responsive';
import { useSession } from '../session';
import type { Task } from '../types';
import { useUserName } from '../users';
import { ResponsiveList, type ListColumn } from './ResponsiveList';

function subject(task: Task): string {
  const { customerName, customerCode, title } = task.context as Record<string, string | undefined>;
  if (customerName) return customerCode ? `${customerName}（${customerCode}）` : customerName;
  return title ?? '';
}

/** One page of tasks; overdue and due-soon rows are marked at a glance. */
export function TaskTable({ tasks, done }: { tasks: Task[]; done: boolean }) {
  const { t, formatDateTime } = useSession();
  const userName = useUserName();
  const phone = usePhone();
  const mark = (task: Task, sx?: object) => {
    const level = urgency(task);
    return level && (
      <Chip size="small" sx={sx} color={level === 'overdue' ? 'error' : 'warning'}
        label={t(level === 'overdue' ? 'inbox.overdue' : 'inbox.dueSoon')} />
    );
  };
  const columns: ListColumn<Task>[] = [
    { head: 'inbox.col.task', card: 'title', cell: (task) => <Link component={RouterLink} to={`/tasks/${task.id}`}>{stepLabel(t, task.name)}</Link> },
    { head: 'inbox.col.mark', card: 'aside', phoneOnly: true, cell: (task) => mark(task) },
    { head: 'inbox.col.subject', cell: subject },
    { head: 'inbox.col.process', cell: (task) => codeLabel(t, 'process', task.processKey) },
    {
      head: 'inbox.col.assignee',
      cell: (task) => (task.claimedBy ?? task.assigneeId
        ? userName(task.claimedBy ?? task.assigneeId)
        : task.candidateRoles.map((r) => codeLabel(t, 'role', r)).join('、')),
    },
    { head: done ? 'inbox.col.completed' : 'inbox.col.created', cell: (task) => formatDateTime(done ? task.completedAt : task.createdAt) },
    done
      ? { head: 'inbox.col.outcome', cell: (task) => outcomeLabel(t, task.outcome) }
      : { head: 'inbox.col.due', cell: (task) => (phone ? formatDateTime(task.dueAt) : <>{formatDateTime(task.dueAt)}{mark(task, { ml: 1 })}</>) },
  ];
  return (
    <ResponsiveList rows={tasks} columns={columns} rowKey={(task) => task.id} rowTestId="task-row" label={t('nav.inbox')}
      rowSx={(task) => (urgency(task) === 'overdue' ? { bgcolor: '#fff1f0' } : undefined)} />
  );
}
