import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { BatchApproval } from '../batchApproval';
import { stepLabel } from '../labels';
import { usePhone } from '../responsive';
import { useSession } from '../session';
import type { Task } from '../types';
import { BatchResultText, taskSubject } from './TaskTable';

/**
 * 批量同意 on the inbox: what is selected and the button (above the list on a wide screen; on a phone a
 * 批量审批 button enters select mode, and a bar at the bottom holds the rest), then a dialog with the
 * selected reviews, one comment for all, and each one's result as it comes.
 */
export function BatchApproveBar({ batch }: { batch: BatchApproval }) {
  const { t } = useSession();
  const phone = usePhone();
  // The batch as it was sent: approved tasks leave the list, their results stay here.
  const [sent, setSent] = useState<Task[]>();
  const [comment, setComment] = useState('');
  // Whether this dialog's batch was sent (a row may still show the result of an earlier one until then).
  const [ran, setRan] = useState(false);
  if (batch.selectable.length === 0 && !sent) return null;

  const count = batch.selectedTasks.length;
  const all = count > 0 && count === batch.selectable.length;
  const open = () => {
    setComment('');
    setRan(false);
    setSent(batch.selectedTasks);
  };
  const send = (tasks: Task[]) => {
    setRan(true);
    void batch.approve(tasks, comment);
  };
  const close = () => {
    setSent(undefined);
    if (sent?.every((task) => batch.result(task)?.state === 'done')) batch.setSelecting(false);
  };
  const failed = ran ? (sent ?? []).filter((task) => batch.result(task)?.state === 'failed') : [];
  // Worth another try: what failed and the list still offers (not what someone else closed meanwhile).
  const retryable = failed.filter((task) => batch.selectable.some((open) => open.id === task.id));
  const finished = ran && !batch.busy;

  const controls = (
    <>
      <FormControlLabel label={t('batch.selectAll')} sx={{ mr: 0 }} control={
        <Checkbox checked={all} indeterminate={count > 0 && !all} onChange={batch.toggleAll} disabled={batch.busy} data-testid="batch-select-all" />
      } />
      <Typography variant="body2" color="text.secondary" sx={{ flexGrow: 1 }} data-testid="batch-count">{t('batch.selected', { count })}</Typography>
      {phone && <Button onClick={() => batch.setSelecting(false)}>{t('common.cancel')}</Button>}
      <Button variant="contained" disabled={count === 0 || batch.busy} onClick={open} data-testid="batch-approve" sx={{ minHeight: 44 }}>
        {t('batch.approve')}
      </Button>
    </>
  );

  return (
    <>
      {!phone && <Stack direction="row" spacing={2} data-testid="batch-bar" sx={{ alignItems: 'center', px: 1, py: 0.5 }}>{controls}</Stack>}
      {phone && !batch.selecting && (
        <Button variant="outlined" size="small" onClick={() => batch.setSelecting(true)} data-testid="batch-mode" sx={{ my: 1, minHeight: 44 }}>
          {t('batch.mode')}
        </Button>
      )}
      {phone && batch.selecting && (
        <Paper square elevation={8} data-testid="batch-bar" sx={{
          position: 'fixed', left: 0, right: 0, bottom: 0, zIndex: 'appBar', px: 1, pt: 1, pb: 'calc(8px + env(safe-area-inset-bottom))',
        }}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>{controls}</Stack>
        </Paper>
      )}
      <Dialog open={sent !== undefined} onClose={batch.busy ? undefined : close} fullWidth maxWidth="sm" fullScreen={phone} data-testid="batch-dialog">
        <DialogTitle>{t('batch.title', { count: sent?.length ?? 0 })}</DialogTitle>
        <DialogContent>
          <List dense disablePadding>
            {sent?.map((task) => (
              <ListItem key={task.id} disableGutters data-testid="batch-item">
                <ListItemText primary={taskSubject(task)} secondary={stepLabel(t, task.name)} />
                {ran && batch.result(task)
                  ? <BatchResultText result={batch.result(task)} />
                  : <Typography variant="body2" color="text.secondary">{t('batch.waiting')}</Typography>}
              </ListItem>
            ))}
          </List>
          {finished && (
            <Alert severity={failed.length ? 'warning' : 'success'} sx={{ my: 1 }} data-testid="batch-summary">
              {t('batch.summary', { done: (sent?.length ?? 0) - failed.length, failed: failed.length })}
            </Alert>
          )}
          {!finished && (
            <TextField fullWidth margin="dense" multiline minRows={2} label={t('batch.comment')} value={comment} disabled={batch.busy}
              onChange={(e) => setComment(e.target.value)} slotProps={{ htmlInput: { maxLength: 1000 } }} />
          )}
        </DialogContent>
        <DialogActions>
          {!finished && <Button onClick={close} disabled={batch.busy}>{t('common.cancel')}</Button>}
          {finished && retryable.length > 0 && (
            <Button onClick={() => send(retryable)} disabled={batch.busy}>{t('batch.retry')}</Button>
          )}
          {finished
            ? <Button variant="contained" onClick={close} data-testid="batch-close">{t('batch.close')}</Button>
            : <Button variant="contained" disabled={batch.busy} onClick={() => send(sent ?? [])} data-testid="batch-confirm">{t('batch.confirm')}</Button>}
        </DialogActions>
      </Dialog>
    </>
  );
}
