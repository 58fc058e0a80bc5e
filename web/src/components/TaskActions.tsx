import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useRef, useState, type ReactNode } from 'react';
import { api, errorText, newRequestId } from '../api';
import { codeLabel } from '../labels';
import { usePhone } from '../responsive';
import { useSession } from '../session';
import type { Task, TaskActionBody } from '../types';
import { useUsers } from '../users';

type Action = TaskActionBody['action'];
type SignerPosition = NonNullable<TaskActionBody['position']>;

/** One thing a task page offers besides the outcomes (claim, 转交…): its label and what a tap on it does. */
export interface TaskActionItem {
  key: string;
  label: string;
  run(): void;
}

/** What an action did: which, and to whom (their names, joined). */
export interface TaskActionDone {
  action: Action;
  names: string;
}

/**
 * 转交 / 加签 / 抄送 for a task whose step allows them (none until the task is loaded): the actions (buttons
 * on a wide screen, under 更多 on a phone) and the dialog each opens: a user (or users), where, and why.
 */
export function useTaskActions(task: Task | undefined, onDone: (done: TaskActionDone, after: Task) => void):
  { items: TaskActionItem[]; dialog: ReactNode } {
  const { t } = useSession();
  const users = useUsers();
  const phone = usePhone();
  const [action, setAction] = useState<Action>();
  const [userIds, setUserIds] = useState<number[]>([]);
  const [position, setPosition] = useState<SignerPosition>('parallel');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const requestId = useRef(newRequestId());
  if (!task?.canAct || task.actions.length === 0) return { items: [], dialog: null };

  const open = (next: Action) => {
    requestId.current = newRequestId();
    setUserIds([]);
    setReason('');
    setError(undefined);
    setAction(next);
  };
  const submit = async () => {
    if (!action) return;
    try {
      const after = await api<Task>(`/tasks/${task.id}/actions`, {
        body: {
          action, reason, requestId: requestId.current,
          ...(action === 'cc' ? { userIds } : { userId: userIds[0] }),
          ...(action === 'addSigner' ? { position } : {}),
        } satisfies TaskActionBody,
      });
      setAction(undefined);
      const names = userIds.map((userId) => users.find((u) => u.id === userId)?.displayName ?? String(userId)).join('、');
      onDone({ action, names }, after);
    } catch (err) {
      setError(errorText(err, t('common.error')));
    }
  };
  const candidates = users.filter((u) => !task.assigneeId || u.id !== task.assigneeId);

  const dialog = (
    <Dialog open={action !== undefined} onClose={() => setAction(undefined)} fullWidth maxWidth="xs" fullScreen={phone}>
      <DialogTitle>{action && codeLabel(t, 'action', action)}</DialogTitle>
      <DialogContent>
        {error && <Alert severity="error" sx={{ mb: 1 }}>{error}</Alert>}
        <TextField select fullWidth margin="dense" label={t('action.user')} value={action === 'cc' ? userIds : (userIds[0] ?? '')}
          slotProps={{ select: { multiple: action === 'cc' } }}
          onChange={(e) => {
            const value = e.target.value as unknown;
            setUserIds(Array.isArray(value) ? value.map(Number) : [Number(value)]);
          }}>
          {candidates.map((u) => <MenuItem key={u.id} value={u.id}>{u.displayName}（{u.roles.map((r) => codeLabel(t, 'role', r)).join('、')}）</MenuItem>)}
        </TextField>
        {action === 'addSigner' && (
          <TextField select fullWidth margin="dense" label={t('action.position')} value={position} onChange={(e) => setPosition(e.target.value as SignerPosition)}>
            {['before', 'after', 'parallel'].map((p) => <MenuItem key={p} value={p}>{codeLabel(t, 'action.position', p)}</MenuItem>)}
          </TextField>
        )}
        <TextField fullWidth margin="dense" multiline minRows={2} label={t('action.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      </DialogContent>
      <DialogActions>
        <Button onClick={() => setAction(undefined)}>{t('common.cancel')}</Button>
        <Button variant="contained" disabled={userIds.length === 0} onClick={() => void submit()}>{t('task.submit')}</Button>
      </DialogActions>
    </Dialog>
  );
  return {
    items: task.actions.map((a) => ({ key: a, label: codeLabel(t, 'action', a), run: () => open(a as Action) })),
    dialog,
  };
}

