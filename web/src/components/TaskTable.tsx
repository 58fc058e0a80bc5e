import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router';
import { batchable, type BatchApproval, type BatchResult } from '../batchApproval';
import { codeLabel, outcomeLabel, stepLabel, urgency } from '../labels';
import { usePhone } from '../responsive';
import { useSession } from '../session';
import type { Task } from '../types';
import { useUserName } from '../users';
import { ResponsiveList, type ListColumn } from './ResponsiveList';

/** Who or what a task is about: the customer (name and code), else the process's title. */
export function taskSubject(task: Task): string {
  const { customerName, customerCode, title } = task.context as Record<string, string | undefined>;
  if (customerName) return customerCode ? `${customerName}（${customerCode}）` : customerName;
  return title ?? '';
}

/** A batch's result for a row, in words: sent, approved, or the server's reason. */
export function BatchResultText({ result }: { result: BatchResult | undefined }) {
  const { t } = useSession();
  if (!result) return null;
  if (result.state === 'failed') return <Typography component="span" variant="body2" color="error" data-testid="batch-result">{result.message}</Typography>;
  return (
    <Typography component="span" variant="body2" color={result.state === 'done' ? 'success.main' : 'text.secondary'} data-testid="batch-result">
      {t(result.state === 'done' ? 'batch.done' : 'batch.sending')}
    </Typography>
  );
}

/**
 * One page of tasks; overdue and due-soon rows are marked at a glance. In 已办 a task handed on (转交, 加签)
 * says to whom and how it stands, and opens its process (the task itself is its new holder's). With `batch`,
 * the regrade reviews the user may decide can be selected (a checkbox column; on a phone, in select mode,
 * a tap on the card), and each shows what the batch did to it.
 */
export function TaskTable({ tasks, done, batch }: { tasks: Task[]; done: boolean; batch?: BatchApproval }) {
  const { t, formatDateTime } = useSession();
  const userName = useUserName();
  const phone = usePhone();
  // The batch while rows can be selected: always on a wide screen, in select mode on a phone.
  const select = batch && batch.selectable.length > 0 && (!phone || batch.selecting) ? batch : undefined;
  const mark = (task: Task, sx?: object) => {
    const level = urgency(task);
    return level && (
      <Chip size="small" sx={sx} color={level === 'overdue' ? 'error' : 'warning'}
        label={t(level === 'overdue' ? 'inbox.overdue' : 'inbox.dueSoon')} />
    );
  };
  const doneAs = (task: Task) => {
    if (!task.handedOn) return outcomeLabel(t, task.outcome);
    const state = task.status === 'done' ? outcomeLabel(t, task.outcome) : t(`inbox.handedOn.${task.status}`);
    return `${t(`inbox.handedOn.${task.handedOn.action}`, { name: userName(task.handedOn.to) })} · ${state}`;
  };
  const title = (task: Task) => {
    // In select mode a phone's card is the checkbox: a tap selects it rather than opening the task.
    if (phone && select && batchable(task)) return stepLabel(t, task.name);
    return <Link component={RouterLink} to={task.handedOn ? `/instances/${task.instanceId}` : `/tasks/${task.id}`}>{stepLabel(t, task.name)}</Link>;
  };
  const columns: ListColumn<Task>[] = [
    ...(select ? [{
      head: 'batch.col.select', card: 'aside' as const,
      cell: (task: Task) => batchable(task) && (
        <Checkbox checked={select.isSelected(task)} onChange={() => select.toggle(task)} disabled={select.busy}
          slotProps={{ input: { 'aria-label': t('batch.select', { what: taskSubject(task) }) } }} data-testid="batch-select" />
      ),
    }] : []),
    { head: 'inbox.col.task', card: 'title', cell: title },
    { head: 'inbox.col.mark', card: 'aside', phoneOnly: true, cell: (task) => mark(task) },
    { head: 'inbox.col.subject', cell: taskSubject },
    { head: 'inbox.col.process', cell: (task) => codeLabel(t, 'process', task.processKey) },
    {
      head: 'inbox.col.assignee',
      cell: (task) => (task.claimedBy ?? task.assigneeId
        ? userName(task.claimedBy ?? task.assigneeId)
        : task.candidateRoles.map((r) => codeLabel(t, 'role', r)).join('、')),
    },
    {
      head: done ? 'inbox.col.completed' : 'inbox.col.created',
      cell: (task) => formatDateTime(done ? (task.handedOn?.at ?? task.completedAt) : task.createdAt),
    },
    done
      ? { head: 'inbox.col.outcome', cell: doneAs }
      : { head: 'inbox.col.due', cell: (task) => (phone ? formatDateTime(task.dueAt) : <>{formatDateTime(task.dueAt)}{mark(task, { ml: 1 })}</>) },
    ...(batch && tasks.some((task) => batch.result(task)) ? [{ head: 'batch.col.result', cell: (task: Task) => <BatchResultText result={batch.result(task)} /> }] : []),
  ];
  return (
    <ResponsiveList rows={tasks} columns={columns} rowKey={(task) => task.id} rowTestId="task-row" label={t('nav.inbox')}
      rowSx={(task) => (urgency(task) === 'overdue' ? { bgcolor: '#fff1f0' } : undefined)}
      selected={select?.isSelected}
      onRowClick={phone && select ? (task) => { if (batchable(task) && !select.busy) select.toggle(task); } : undefined} />
  );
}
