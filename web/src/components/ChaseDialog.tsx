import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useRef, useState } from 'react';
import { api, errorText, newRequestId } from '../api';
import { usePhone } from '../responsive';
import { useSession } from '../session';
import type { ChaseBody, ChaseResult } from '../types';

/** The longest 催办 message the API takes. */
const CHASE_COMMENT_MAX = 500;

/**
 * 催办: a short message (optional) posted to `endpoint` (the starter's chase of a process, the dept head's
 * of a manager's allocation review). The API allows one chase an hour per task and says when: the
 * dialog shows its refusal. One request id per opening, so a double tap is one chase.
 */
export function ChaseDialog({ endpoint, title, onClose, onDone }: { endpoint: string; title: string; onClose(): void; onDone(result: ChaseResult): void }) {
  const { t } = useSession();
  const phone = usePhone();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const requestId = useRef(newRequestId());
  const send = async () => {
    setBusy(true);
    try {
      const body: ChaseBody = { requestId: requestId.current, ...(comment.trim() ? { comment: comment.trim() } : {}) };
      onDone(await api<ChaseResult>(endpoint, { body }));
    } catch (err) {
      setError(errorText(err, t('common.error')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs" fullScreen={phone}>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        {error && <Alert severity="error" sx={{ mb: 1 }} data-testid="chase-error">{error}</Alert>}
        <TextField fullWidth margin="dense" multiline minRows={3} label={t('instance.chase.comment')} value={comment}
          onChange={(e) => setComment(e.target.value)} slotProps={{ htmlInput: { maxLength: CHASE_COMMENT_MAX, 'data-testid': 'chase-comment' } }} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} sx={{ minHeight: 44 }}>{t('common.cancel')}</Button>
        <Button variant="contained" disabled={busy} onClick={() => void send()} sx={{ minHeight: 44 }}>{t('instance.chase.send')}</Button>
      </DialogActions>
    </Dialog>
  );
}
