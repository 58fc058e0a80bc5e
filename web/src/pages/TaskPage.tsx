import MoreIcon from '@mui/icons-material/ExpandLess';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { AfterFirstFrame } from '../components/AfterFirstFrame';
import { Spinner } from '../components/Spinner';
import { api, ApiError, queryString } from '../api';
import { FlowToast, type FlowState } from '../components/FlowToast';
import { RecordList } from '../components/RecordList';
import { useTaskActions, type TaskActionItem } from '../components/TaskActions';
import { Timeline } from '../components/Timeline';
import { CommentThread } from '../components/CommentThread';
import FormView, { validateForm } from '../forms/FormView';
import { useFormDraft } from '../forms/formDraft';
import { useFormData } from '../forms/useFormData';
import { codeLabel, customerLabel, outcomeLabel, stepLabel, urgency } from '../labels';
import { hasMessage } from '../messages';
import { usePhone } from '../responsive';
import { useSession, useUser } from '../session';
import type { CompleteTaskBody, CompleteTaskResult, Page, Task, TaskInFull } from '../types';
import { useApi } from '../useApi';
import { taskInFullPath } from '../taskQuery';
import { useUserName } from '../users';

// The allocation review is a grid of the manager's whole part, not a JSON Forms form (see AllocationReview).
const AllocationReview = lazy(() => import('./AllocationReview'));

const OUTCOME_COLORS: Record<string, 'primary' | 'error' | 'warning'> = {
  approve: 'primary', reject: 'error', return: 'warning', confirm: 'primary', dismiss: 'warning', pass: 'primary', fail: 'error',
};
/** The outcome that moves the work forward gets the filled button. */
const FORWARD = ['approve', 'confirm', 'pass'];

/** A button that decides the task: an outcome, or none for a plain 提交. */
interface Decision {
  outcome: string | undefined;
  label: string;
  forward: boolean;
  color: 'primary' | 'error' | 'warning';
}

/**
 * A phone's task page keeps its decisions under the thumb: a bar fixed at the bottom with the outcomes
 * (同意 / 不同意 / 退回…, at most three) and 更多 for the rest (claim, 转交, 加签, 抄送).
 */
function BottomBar({ decisions, onDecide, others, busy }: {
  decisions: Decision[]; onDecide(outcome: string | undefined): void; others: TaskActionItem[]; busy: boolean;
}) {
  const { t } = useSession();
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const shown = decisions.slice(0, 3);
  const more = [...decisions.slice(3).map((d) => ({ key: d.outcome ?? 'submit', label: d.label, run: () => onDecide(d.outcome) })), ...others];
  return (
    <Paper square elevation={8} data-testid="task-bottom-bar"
      sx={{ position: 'fixed', left: 0, right: 0, bottom: 0, zIndex: 'appBar', px: 1, pt: 1, pb: 'calc(8px + env(safe-area-inset-bottom))' }}>
      <Stack direction="row" spacing={1}>
        {shown.map((d) => (
          <Button key={d.outcome ?? 'submit'} variant={d.forward ? 'contained' : 'outlined'} color={d.color} disabled={busy} onClick={() => onDecide(d.outcome)}
            sx={{ flex: '1 1 0', minWidth: 0, minHeight: 48, lineHeight: 1.2 }}>{d.label}</Button>
        ))}
        {more.length > 0 && (
          <Button variant="text" disabled={busy} onClick={(e) => setMenu(e.currentTarget)} aria-haspopup="menu" endIcon={<MoreIcon />}
            sx={{ flex: shown.length ? '0 0 auto' : '1 1 0', minHeight: 48 }}>{t('common.more')}</Button>
        )}
      </Stack>
      <Menu anchorEl={menu} open={menu !== null} onClose={() => setMenu(null)}
        anchorOrigin={{ vertical: 'top', horizontal: 'right' }} transformOrigin={{ vertical: 'bottom', horizontal: 'right' }}>
        {more.map((item) => (
          <MenuItem key={item.key} sx={{ minHeight: 48 }} onClick={() => { setMenu(null); item.run(); }}>{item.label}</MenuItem>
        ))}
      </Menu>
    </Paper>
  );
}

/** A completion's answer, with the loaded task it answered and the data submitted. */
interface Answer {
  from: Task | undefined;
  task: Task;
  data: Record<string, unknown>;
}

/** Who or what a task is about, for a toast: the customer (name and code), else the process's title. */
function subjectOf(task: Task, title: string | undefined): string {
  const { customerName, customerCode } = task.context as Record<string, unknown>;
  if (typeof customerName === 'string') return customerLabel({ name: customerName, code: typeof customerCode === 'string' ? customerCode : null });
  return title ?? '';
}

/**
 * The next open task of the same kind (same process and step) in the user's inbox, theirs first, then
 * their groups'; undefined when there is none (or the inbox cannot be read now: the inbox is the way on).
 */
async function nextOfKind(task: Task): Promise<Task | undefined> {
  for (const view of ['mine', 'group']) {
    try {
      const page = await api<Page<Task>>(`/tasks${queryString({ view, status: 'open', process: task.processKey, step: task.name, sort: 'due', size: 5 })}`);
      const next = page.items.find((other) => other.id !== task.id);
      if (next) return next;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * A task page; a new task (the next one after a decision) is a new page: its own request id, no answer
 * or message of the one before.
 */
export default function TaskPage() {
  const { id = '' } = useParams();
  return <TaskPageOf key={id} id={id} />;
}

/** A task: its form (prefilled), claim/unclaim, the outcomes as buttons, and the instance's history beside it. */
function TaskPageOf({ id }: { id: string }) {
  const navigate = useNavigate();
  const { t, locale, formatDateTime } = useSession();
  const user = useUser();
  const userName = useUserName();
  // The task, its form and its process in one answer, reloaded together after a claim or an action.
  const opened = useApi<TaskInFull>(taskInFullPath(id));
  const { task: loaded, instance, forms } = opened.data ?? {};
  const form = forms?.find((candidate) => candidate.key === loaded?.formKey);
  const { data, reset, onChange, settled, showErrors, errorsShown, fieldErrors } = useFormData();
  const [message, setMessage] = useState<{ severity: 'error' | 'success' | 'warning'; text: string }>();
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<Answer>();
  // What was typed into the task's form survives a reload or a lost connection, and so does its one
  // requestId: a double click, a retry or a resend after a reload is one completion.
  const draft = useFormDraft(`task:${user.id}:${id}`, {});

  const record = instance?.records.find((r) => r.taskId === id);
  // The completion's answer is the task, until the task is loaded again (another page, a later reload).
  const answered = answer && answer.from === loaded ? answer : undefined;
  const current = answered?.task ?? loaded;
  const { latest: draftNow, clear: dropDraft } = draft;
  // The form's data follows the task as loaded: its prefill and the draft, or once closed what was submitted
  // (until the instance is loaded again with the new record). Set in the render that draws the form, not in
  // an effect after it: drawn empty and filled a frame later, the fields flashed, and JSON Forms drew twice.
  const [filledFrom, setFilledFrom] = useState<{ current?: Task; record?: unknown; answered?: Answer }>({});
  if (current && (filledFrom.current !== current || filledFrom.record !== record || filledFrom.answered !== answered)) {
    setFilledFrom({ current, record, answered });
    reset(current.status === 'open' ? { ...(current.prefill ?? {}), ...draftNow() } : { ...(record?.data ?? answered?.data ?? {}) });
  }
  useEffect(() => {
    if (current && current.status !== 'open') dropDraft(); // decided (here, elsewhere or by someone else): nothing left to send
  }, [current, dropDraft]);

  const phone = usePhone();
  // What the toast names: the process and who or what it is about (已同意：客户分档调整 · 东风便利店).
  const what = current ? `${codeLabel(t, 'process', current.processKey)} · ${subjectOf(current, instance?.title)}` : '';
  const actions = useTaskActions(current, (done, after) => {
    const text = t(`flow.${done.action}`, { name: done.names, what });
    // A task the user no longer holds (转交, or a 加签 they now wait for) is left for the inbox.
    if (after.status !== 'open' || !after.canAct) {
      void navigate('/', { state: { toast: text } satisfies FlowState });
      return;
    }
    void navigate('.', { replace: true, state: { toast: text } satisfies FlowState });
    opened.reload();
  });

  const hidden = useMemo(() => {
    const props = (form?.schema.properties ?? {}) as Record<string, unknown>;
    return current?.allowedOutcomes.length && 'outcome' in props ? ['outcome'] : [];
  }, [form, current]);

  if (opened.error) return <Alert severity="error">{opened.error.message}</Alert>;
  // Drawn whole, with the process's earlier records above the buttons: were they added later, the buttons
  // would move down under a finger already on its way to them.
  if (!current || !form) return <Spinner />;

  const groupTask = current.assigneeId == null && current.candidateRoles.some((r) => user.roles.includes(r));
  const mark = urgency(current);

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) {
        showErrors(err.fieldErrors);
        setMessage({ severity: 'error', text: t('task.fixErrors') });
      } else {
        setMessage({ severity: 'error', text: err instanceof ApiError ? err.message : t('common.error') });
        opened.reload();
      }
    } finally {
      setBusy(false);
    }
  };

  const submit = (outcome?: string) => run(async () => {
    const settledData = await settled();
    const candidate = outcome && hidden.length ? { ...settledData, outcome } : settledData;
    reset(candidate);
    if (validateForm(form.schema, candidate).length) {
      showErrors();
      setMessage({ severity: 'error', text: t('task.fixErrors') });
      return;
    }
    // The outcome goes once, at the top level; the server stores it inside the record.
    const body: CompleteTaskBody = { data: settledData, outcome, requestId: draft.requestId };
    const done = await api<CompleteTaskResult>(`/tasks/${id}/complete`, { body });
    draft.clear();
    setAnswer({ from: loaded, task: done.task, data: candidate });
    // On to the next task of the same kind, else the inbox, with a toast naming what was done.
    const verb = outcome && hasMessage(`flow.verb.${outcome}`) ? t(`flow.verb.${outcome}`) : outcome ? outcomeLabel(t, outcome) : t('flow.verb.submit');
    const next = await nextOfKind(done.task);
    void navigate(next ? `/tasks/${next.id}` : '/', { state: { toast: t('flow.done', { verb, what }) } satisfies FlowState });
  });

  const claim = (action: 'claim' | 'unclaim') => run(async () => {
    await api(`/tasks/${id}/${action}`, { method: 'POST' });
    setMessage(undefined);
    opened.reload();
  });

  const open = current.status === 'open';
  // Only what the user may still submit is kept as a draft.
  const edited = (next: Record<string, unknown>) => {
    onChange(next);
    if (open && current.canAct) draft.save(next);
  };
  // The outcomes decide the task (同意 / 不同意 / 退回…); the rest (claim, 转交, 加签, 抄送) only moves it.
  const decisions: Decision[] = !current.canAct ? [] : current.allowedOutcomes.length
    ? current.allowedOutcomes.map((outcome) => ({
      outcome, label: outcomeLabel(t, outcome), forward: FORWARD.includes(outcome), color: OUTCOME_COLORS[outcome] ?? 'primary',
    }))
    : [{ outcome: undefined, label: t('task.submit'), forward: true, color: 'primary' }];
  const others: TaskActionItem[] = [
    ...(open && groupTask && !current.claimedBy && current.canAct ? [{ key: 'claim', label: t('task.claim'), run: () => void claim('claim') }] : []),
    ...(open && current.claimedBy === user.id && current.assigneeId !== user.id ? [{ key: 'unclaim', label: t('task.unclaim'), run: () => void claim('unclaim') }] : []),
    ...actions.items,
  ];

  const bar = phone && (decisions.length > 0 || others.length > 0);

  return (
    // With the bar, the page ends above it: its last lines stay readable.
    <Grid container spacing={2} sx={bar ? { pb: 10 } : undefined}>
      {actions.dialog}
      <FlowToast />
      {bar && <BottomBar decisions={decisions} onDecide={(outcome) => void submit(outcome)} others={others} busy={busy} />}
      <Grid size={{ xs: 12, md: current.formKey === 'allocation-review' ? 12 : 8 }}>
        <Paper sx={{ p: { xs: 2, sm: 3 } }}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography variant="h5" component="h1">{stepLabel(t, current.name)}</Typography>
            <Chip size="small" label={codeLabel(t, 'status', current.status)} />
            {mark && <Chip size="small" color={mark === 'overdue' ? 'error' : 'warning'} label={t(mark === 'overdue' ? 'inbox.overdue' : 'inbox.dueSoon')} />}
          </Stack>
          <Typography color="text.secondary" sx={{ mt: 1 }}>
            {codeLabel(t, 'process', current.processKey)} · {instance?.title}
            {current.dueAt && ` · ${t('task.due', { date: formatDateTime(current.dueAt) })}`}
            {' · '}<Link component={RouterLink} to={`/instances/${current.instanceId}`}>{t('task.instance')}</Link>
          </Typography>
          {current.claimedBy && current.claimedBy !== user.id && <Alert severity="info" sx={{ mt: 2 }}>{t('task.claimedBy', { name: userName(current.claimedBy) })}</Alert>}
          {current.status === 'open' && !current.canAct && !current.claimedBy && <Alert severity="info" sx={{ mt: 2 }}>{t('task.notYours')}</Alert>}
          {current.status !== 'open' && <Alert severity="success" sx={{ mt: 2 }}>{t('task.closed')} {outcomeLabel(t, current.outcome)} · {userName(current.completedBy)} · {formatDateTime(current.completedAt)}</Alert>}
          {current.status === 'open' && groupTask && !current.claimedBy && current.canAct && <Alert severity="info" sx={{ mt: 2 }}>{t('task.claimFirst')}</Alert>}
          {message && <Alert severity={message.severity} sx={{ mt: 2 }} role="alert">{message.text}</Alert>}
          {open && current.canAct && draft.restoredAt && (
            <Alert severity="info" sx={{ mt: 2 }} data-testid="draft-restored">{t('draft.restored', { at: formatDateTime(draft.restoredAt) })}</Alert>
          )}
          {/* A revision after 退回 starts from what was asked for (e.g. photos of the vouchers). */}
          {open && typeof current.context.comment === 'string' && typeof current.context.returnedBy === 'number' && (
            <Alert severity="warning" sx={{ mt: 2 }} data-testid="returned-comment">
              {t('task.returnedWith', { name: userName(current.context.returnedBy), comment: current.context.comment })}
            </Alert>
          )}
          {instance && instance.records.some((r) => r.taskId !== id) && (
            <Box sx={{ mt: 2 }}>
              <Typography variant="subtitle2" color="text.secondary" sx={{ mb: 1 }}>{t('task.earlierRecords')}</Typography>
              <RecordList instance={instance} except={id} expandLast forms={forms} />
            </Box>
          )}
          <Box sx={{ mt: 2 }} data-testid="task-form">
            <Typography variant="subtitle2" color="text.secondary" sx={{ mb: 1 }}>{form.title[locale]}</Typography>
            {current.formKey === 'allocation-review'
              ? <Suspense fallback={<Spinner />}><AllocationReview task={current} data={data} onChange={onChange} fieldErrors={fieldErrors} readonly={!current.canAct} /></Suspense>
              : <FormView form={form} locale={locale} data={data} onChange={edited} showErrors={errorsShown}
                fieldErrors={fieldErrors} readonly={!current.canAct} hiddenFields={hidden} taskId={current.id} />}
          </Box>
          {!phone && (
            <Stack direction="row" spacing={1} useFlexGap sx={{ mt: 3, flexWrap: 'wrap' }}>
              {others.map((item) => (
                <Button key={item.key} variant={item.key === 'claim' || item.key === 'unclaim' ? 'outlined' : 'text'}
                  size={item.key === 'claim' || item.key === 'unclaim' ? 'medium' : 'small'} disabled={busy} onClick={item.run}>{item.label}</Button>
              ))}
              <Box sx={{ flexGrow: 1 }} />
              {decisions.map((d) => (
                <Button key={d.outcome ?? 'submit'} variant={d.forward ? 'contained' : 'outlined'} color={d.color} disabled={busy} onClick={() => void submit(d.outcome)}>{d.label}</Button>
              ))}
            </Stack>
          )}
        </Paper>
      </Grid>
      {/* A process the user may not read (while they may work its task) has no history here. */}
      {instance && (
        <Grid size={{ xs: 12, md: current.formKey === 'allocation-review' ? 12 : 4 }}>
          <AfterFirstFrame>
            <Paper sx={{ p: 2 }}>
              <Typography variant="h6">{t('task.history')}</Typography>
              <Timeline instance={instance} />
            </Paper>
            <CommentThread instance={instance} />
          </AfterFirstFrame>
        </Grid>
      )}
    </Grid>
  );
}
