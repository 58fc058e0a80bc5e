import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useRef, useState, type ReactNode } from 'react';
import { api, errorText, newRequestId } from '../api';
import { codeLabel } from '../labels';
import { usePhone } from '../responsive';
import { useSession, useUser } from '../session';
import type { Comment, CommentBody, CommentList, InstanceDetail, UserSummary } from '../types';
import { useApi } from '../useApi';
import { useUserName, useUsers } from '../users';

/** The longest comment the API takes. */
const COMMENT_TEXT_MAX = 2000;
/** New comments of others show up without a reload. */
const FOLLOW = { everyMs: 15_000 };

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A comment's text with each `@name` of a user it mentioned set off. */
function MentionedText({ comment, nameOf }: { comment: Comment; nameOf(id: number): string }) {
  const names = comment.mentions.map(nameOf).filter(Boolean);
  if (names.length === 0) return <>{comment.text}</>;
  const parts = comment.text.split(new RegExp(`(@(?:${names.map(escaped).join('|')}))`, 'g'));
  return (
    <>
      {parts.map((part, i) => (i % 2 === 1
        ? <Box key={i} component="span" data-testid="mention" sx={{ color: 'primary.main', fontWeight: 600 }}>{part}</Box>
        : part))}
    </>
  );
}

/** The people of the process first (starter, whoever had a task), then everyone else; never the writer. */
function mentionCandidates(instance: InstanceDetail, users: UserSummary[], me: number, query: string) {
  const involved = new Set<number>([instance.startedBy]);
  for (const task of instance.tasks) for (const id of [task.assigneeId, task.claimedBy, task.completedBy]) if (id != null) involved.add(id);
  const q = query.trim().toLowerCase();
  const matching = users.filter((u) => u.id !== me && (!q || u.displayName.toLowerCase().includes(q) || u.username.toLowerCase().includes(q)));
  return { involved: matching.filter((u) => involved.has(u.id)), others: matching.filter((u) => !involved.has(u.id)) };
}

/** The @ picker: a searchable list of people (the whole screen on a phone), rows tall enough for a thumb. */
function MentionPicker({ instance, onPick, onClose }: { instance: InstanceDetail; onPick(user: UserSummary): void; onClose(): void }) {
  const { t } = useSession();
  const phone = usePhone();
  const me = useUser();
  const [query, setQuery] = useState('');
  const { involved, others } = mentionCandidates(instance, useUsers(), me.id, query);
  const group = (head: string, people: UserSummary[]): ReactNode => people.length > 0 && (
    <li key={head}>
      <ul style={{ padding: 0 }}>
        <ListSubheader>{t(head)}</ListSubheader>
        {people.map((u) => (
          <ListItemButton key={u.id} onClick={() => onPick(u)} sx={{ minHeight: 48 }} data-testid="mention-option">
            <ListItemText primary={u.displayName} secondary={u.roles.map((r) => codeLabel(t, 'role', r)).join('、')} />
          </ListItemButton>
        ))}
      </ul>
    </li>
  );
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs" fullScreen={phone}>
      <DialogTitle>{t('comment.pick')}</DialogTitle>
      <DialogContent sx={{ px: { xs: 1, sm: 2 } }}>
        <TextField fullWidth autoFocus margin="dense" label={t('comment.search')} value={query} onChange={(e) => setQuery(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'mention-search' } }} />
        <List dense sx={{ '& ul': { padding: 0 } }}>
          {group('comment.involved', involved)}
          {group('comment.everyone', others)}
        </List>
        {involved.length + others.length === 0 && <Typography color="text.secondary">{t('comment.noMatch')}</Typography>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} sx={{ minHeight: 44 }}>{t('common.cancel')}</Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * The 评论 thread of a process (its page, and the page of each of its tasks): who said what when, the
 * mentions set off, and a box to write one with an @ picker. A comment keeps its request id until the
 * server has it, so a retry (or a send made offline, sent when the connection is back) stores it once.
 */
export function CommentThread({ instance }: { instance: InstanceDetail }) {
  const { t, formatDateTime } = useSession();
  const userName = useUserName();
  const thread = useApi<CommentList>(`/instances/${instance.id}/comments`, FOLLOW);
  const [text, setText] = useState('');
  const [mentioned, setMentioned] = useState<UserSummary[]>([]);
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const requestId = useRef(newRequestId());
  const input = useRef<HTMLTextAreaElement>(null);

  const edit = (next: string) => {
    // An @ typed at the end opens the picker, as in a chat.
    if (next.length === text.length + 1 && next.endsWith('@')) setPicking(true);
    setText(next);
  };
  const pick = (user: UserSummary) => {
    setPicking(false);
    const before = text.endsWith('@') ? text.slice(0, -1) : text;
    setText(`${before}${before && !/\s$/.test(before) ? ' ' : ''}@${user.displayName} `);
    setMentioned((current) => (current.some((u) => u.id === user.id) ? current : [...current, user]));
    input.current?.focus();
  };
  const send = async () => {
    // Only those whose @name is still in the text are mentioned.
    const mentions = mentioned.filter((u) => text.includes(`@${u.displayName}`)).map((u) => u.id);
    setBusy(true);
    setError(undefined);
    try {
      await api<Comment>(`/instances/${instance.id}/comments`, { body: { requestId: requestId.current, text, mentions } satisfies CommentBody });
      requestId.current = newRequestId();
      setText('');
      setMentioned([]);
      thread.reload();
    } catch (err) {
      setError(errorText(err, t('common.error')));
    } finally {
      setBusy(false);
    }
  };

  const comments = thread.data?.items ?? [];
  return (
    <Paper sx={{ p: 2, mt: 2 }} data-testid="comments">
      <Typography variant="h6" component="h2">{t('comment.title')}{comments.length > 0 && `（${comments.length}）`}</Typography>
      {thread.error && <Alert severity="error">{thread.error.message}</Alert>}
      {thread.data && comments.length === 0 && <Typography color="text.secondary" sx={{ my: 1 }}>{t('comment.empty')}</Typography>}
      <List dense disablePadding>
        {comments.map((comment) => (
          <ListItem key={comment.id} divider alignItems="flex-start" disableGutters data-testid="comment">
            <ListItemText
              primary={<><b>{userName(comment.authorId)}</b> <Typography component="span" variant="caption" color="text.secondary">{formatDateTime(comment.createdAt)}</Typography></>}
              secondary={<MentionedText comment={comment} nameOf={userName} />}
              slotProps={{ secondary: { color: 'text.primary', sx: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } } }}
            />
          </ListItem>
        ))}
      </List>
      {error && <Alert severity="error" sx={{ mt: 1 }} role="alert">{error}</Alert>}
      <TextField fullWidth multiline minRows={2} margin="dense" label={t('comment.label')} placeholder={t('comment.placeholder')} value={text}
        onChange={(e) => edit(e.target.value)} inputRef={input}
        slotProps={{ htmlInput: { maxLength: COMMENT_TEXT_MAX, 'data-testid': 'comment-text' } }} />
      <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
        <Button variant="outlined" onClick={() => setPicking(true)} sx={{ minHeight: 44 }} data-testid="comment-mention">{t('comment.mention')}</Button>
        <Box sx={{ flexGrow: 1 }} />
        <Button variant="contained" disabled={busy || !text.trim()} onClick={() => void send()} sx={{ minHeight: 44, minWidth: 88 }}
          data-testid="comment-send">{t('comment.send')}</Button>
      </Stack>
      {picking && <MentionPicker instance={instance} onPick={pick} onClose={() => setPicking(false)} />}
    </Paper>
  );
}
