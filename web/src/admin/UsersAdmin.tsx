import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import type { AdminUser, CreateUserBody, UpdatedUser, UpdateUserBody, UserImportResult } from '../../../api/users/userContract';
import { api, ApiError, postFile, type FieldError } from '../api';
import { ResponsiveList } from '../components/ResponsiveList';
import { Spinner } from '../components/Spinner';
import { codeLabel } from '../labels';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { AdminDialog, ImportButton, ImportErrors, OneTimePassword, useActionState, useSubmission } from './adminParts';

const ROLES = ['customer_manager', 'supervisor', 'dept_head', 'safety_officer', 'leader', 'admin'] as const;
type Role = (typeof ROLES)[number];

interface Draft {
  username: string;
  displayName: string;
  roles: Role[];
  supervisorId: number | null;
  area: string;
  phone: string;
}

const emptyDraft: Draft = { username: '', displayName: '', roles: ['customer_manager'], supervisorId: null, area: '', phone: '' };
const draftOf = (u: AdminUser): Draft => ({
  username: u.username, displayName: u.displayName, roles: [...u.roles], supervisorId: u.supervisorId, area: u.area ?? '', phone: u.phone ?? '',
});

/** Create or change one user: name, roles, supervisor, area, phone; the server's 422s at their fields. */
function UserEditor({ user, users, onClose }: { user: AdminUser | 'new'; users: AdminUser[]; onClose(done?: { password?: string; username: string }): void }) {
  const { t } = useSession();
  const [draft, setDraft] = useState<Draft>(user === 'new' ? emptyDraft : draftOf(user));
  const { errors, error, busy, submit } = useSubmission();
  const supervisors = users.filter((u) => u.active && (user === 'new' || u.id !== user.id));
  const set = (change: Partial<Draft>) => setDraft({ ...draft, ...change });

  const save = () => void submit(async () => {
    const fields = {
      displayName: draft.displayName, roles: draft.roles, supervisorId: draft.supervisorId,
      area: draft.area.trim() || null, phone: draft.phone.trim() || null,
    };
    if (user === 'new') {
      const made = await api<{ user: AdminUser; initialPassword: string }>('/admin/users',
        { body: { username: draft.username.trim(), ...fields } satisfies CreateUserBody });
      onClose({ username: made.user.username, password: made.initialPassword });
    } else {
      await api<UpdatedUser>(`/admin/users/${user.id}`, { method: 'PATCH', body: fields satisfies UpdateUserBody });
      onClose({ username: user.username });
    }
  });

  return (
    <AdminDialog open title={t(user === 'new' ? 'admin.users.new' : 'admin.users.edit')} onClose={() => onClose()} testId="user-editor"
      actions={<Button variant="contained" disabled={busy} onClick={save}>{t('common.save')}</Button>}>
      {error && <Alert severity="error">{error}</Alert>}
      <TextField label={t('login.username')} name="username" value={draft.username} disabled={user !== 'new'} required
        error={!!errors.username} helperText={errors.username ?? t('setup.hint.username')} onChange={(e) => set({ username: e.target.value })} />
      <TextField label={t('setup.name')} name="displayName" value={draft.displayName} required
        error={!!errors.displayName} helperText={errors.displayName} onChange={(e) => set({ displayName: e.target.value })} />
      <Box>
        <Typography variant="body2" color="text.secondary">{t('admin.users.roles')}</Typography>
        <FormGroup row>
          {ROLES.map((role) => (
            <FormControlLabel key={role} label={codeLabel(t, 'role', role)} control={
              <Checkbox name={`role-${role}`} checked={draft.roles.includes(role)}
                onChange={(e) => set({ roles: e.target.checked ? [...draft.roles, role] : draft.roles.filter((r) => r !== role) })} />
            } />
          ))}
        </FormGroup>
        {errors.roles && <FormHelperText error>{errors.roles}</FormHelperText>}
      </Box>
      <Autocomplete options={supervisors} value={supervisors.find((u) => u.id === draft.supervisorId) ?? null}
        getOptionLabel={(u) => `${u.displayName}（${u.username}）`} onChange={(_, u) => set({ supervisorId: u?.id ?? null })}
        renderInput={(params) => <TextField {...params} name="supervisor" label={t('admin.users.supervisor')}
          error={!!errors.supervisorId} helperText={errors.supervisorId} />} />
      <TextField label={t('admin.users.area')} name="area" value={draft.area} error={!!errors.area} helperText={errors.area}
        onChange={(e) => set({ area: e.target.value })} />
      <TextField label={t('admin.users.phone')} name="phone" value={draft.phone} inputMode="tel" error={!!errors.phone} helperText={errors.phone}
        onChange={(e) => set({ phone: e.target.value })} />
    </AdminDialog>
  );
}

/** The organisation as a tree by supervisor: each person with the people who report to them. */
function OrgTree({ users, under = null, depth = 0 }: { users: AdminUser[]; under?: number | null; depth?: number }) {
  const { t } = useSession();
  const known = new Set(users.map((u) => u.id));
  const level = users.filter((u) => (under === null ? u.supervisorId === null || !known.has(u.supervisorId) : u.supervisorId === under));
  if (!level.length || depth > 20) return null;
  return (
    <Box component="ul" sx={{ listStyle: 'none', pl: depth ? 2.5 : 0, m: 0, borderLeft: depth ? '1px dashed #c5cbd3' : 'none' }}>
      {level.map((u) => (
        <li key={u.id} data-testid="org-node">
          <Typography sx={{ py: 0.5, color: u.active ? 'text.primary' : 'text.disabled' }}>
            {u.displayName}（{u.roles.map((r) => codeLabel(t, 'role', r)).join('、')}）{u.area ? ` · ${u.area}` : ''}
            {!u.active && ` · ${t('admin.users.inactive')}`}
          </Typography>
          <OrgTree users={users} under={u.id} depth={depth + 1} />
        </li>
      ))}
    </Box>
  );
}

/** 用户与组织: everyone, searchable, as a list or a tree; create, change, deactivate, reset passwords, import. */
export default function UsersAdmin() {
  const { t } = useSession();
  const list = useApi<{ items: AdminUser[] }>('/admin/users');
  const [q, setQ] = useState('');
  const [view, setView] = useState<'list' | 'tree'>('list');
  const [editing, setEditing] = useState<AdminUser | 'new'>();
  const [password, setPassword] = useState<{ username: string; password: string }>();
  const [imported, setImported] = useState<UserImportResult>();
  const [importErrors, setImportErrors] = useState<FieldError[]>([]);
  const action = useActionState();
  const users = useMemo(() => list.data?.items ?? [], [list.data]);
  const byId = useMemo(() => new Map(users.map((u) => [u.id, u])), [users]);
  const shown = users.filter((u) => !q.trim() || [u.username, u.displayName, u.area ?? '', u.phone ?? ''].some((v) => v.includes(q.trim())));

  const setActive = (u: AdminUser, active: boolean) => void action.run(async () => {
    if (!active && !window.confirm(t('admin.users.confirmDeactivate', { name: u.displayName }))) return undefined;
    const changed = await api<UpdatedUser>(`/admin/users/${u.id}`, { method: 'PATCH', body: { active } });
    list.reload();
    if (!changed.handOver) return t(active ? 'admin.users.activated' : 'admin.users.deactivated', { name: u.displayName });
    const { requested, handedOver, pending } = changed.handOver;
    return t('admin.users.deactivatedHandOver', {
      name: u.displayName, requested, handedOver, pending: pending ? t('admin.users.handOverPending', { count: pending }) : '',
    });
  }).catch(() => undefined);
  const resetPassword = (u: AdminUser) => void action.run(async () => {
    if (!window.confirm(t('admin.users.confirmReset', { name: u.displayName }))) return undefined;
    const reset = await api<{ initialPassword: string }>(`/admin/users/${u.id}/reset-password`, { method: 'POST' });
    setPassword({ username: u.username, password: reset.initialPassword });
    list.reload();
    return undefined;
  }).catch(() => undefined);
  const importFile = (file: File) => void action.run(async () => {
    setImportErrors([]);
    try {
      setImported(await postFile<UserImportResult>('/admin/users/import', file));
      list.reload();
      return undefined;
    } catch (err) {
      if (err instanceof ApiError) setImportErrors(err.fieldErrors);
      throw err;
    }
  }).catch(() => undefined);

  if (!list.data) return list.error ? <Alert severity="error">{list.error.message}</Alert> : <Spinner />;
  return (
    <Stack spacing={2}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: { sm: 'center' } }}>
        <TextField size="small" label={t('admin.users.search')} value={q} onChange={(e) => setQ(e.target.value)} sx={{ minWidth: { sm: 260 } }} />
        <ToggleButtonGroup size="small" exclusive value={view} onChange={(_, v: 'list' | 'tree' | null) => v && setView(v)}>
          <ToggleButton value="list">{t('admin.users.asList')}</ToggleButton>
          <ToggleButton value="tree" data-testid="org-tree-toggle">{t('admin.users.asTree')}</ToggleButton>
        </ToggleButtonGroup>
        <Box sx={{ flexGrow: 1 }} />
        <Button variant="contained" onClick={() => setEditing('new')} data-testid="user-new">{t('admin.users.new')}</Button>
        <ImportButton label={t('admin.users.import')} onFile={importFile} testId="users-import-file" />
      </Stack>
      <Typography variant="caption" color="text.secondary">{t('admin.users.importHint')}</Typography>
      {action.error && <Alert severity="error">{action.error}</Alert>}
      {action.notice && <Alert severity="success" data-testid="admin-notice">{action.notice}</Alert>}
      <ImportErrors errors={importErrors} />
      {view === 'tree' ? <OrgTree users={shown} /> : (
        <ResponsiveList rows={shown} rowKey={(u) => u.id} rowTestId="user-row" columns={[
          { head: 'admin.users.name', card: 'title', cell: (u) => u.displayName },
          { head: 'login.username', cell: (u) => u.username },
          { head: 'admin.users.roles', cell: (u) => u.roles.map((r) => codeLabel(t, 'role', r)).join('、') },
          { head: 'admin.users.supervisor', cell: (u) => (u.supervisorId ? byId.get(u.supervisorId)?.displayName ?? `#${u.supervisorId}` : '') },
          { head: 'admin.users.area', cell: (u) => u.area ?? '' },
          { head: 'admin.users.phone', cell: (u) => u.phone ?? '' },
          {
            head: 'admin.users.status', card: 'aside', cell: (u) => (
              <Stack direction="row" spacing={0.5}>
                <Chip size="small" color={u.active ? 'success' : 'default'} label={t(u.active ? 'admin.users.active' : 'admin.users.inactive')} />
                {u.mustChangePassword && u.active && <Chip size="small" variant="outlined" label={t('admin.users.mustChange')} />}
              </Stack>
            ),
          },
          {
            head: 'common.actions', card: 'full', cell: (u) => (
              <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
                <Button size="small" onClick={() => setEditing(u)}>{t('admin.users.edit')}</Button>
                {u.active && <Button size="small" onClick={() => resetPassword(u)}>{t('admin.users.reset')}</Button>}
                <Button size="small" color={u.active ? 'warning' : 'primary'} disabled={action.busy}
                  onClick={() => setActive(u, !u.active)}>{t(u.active ? 'admin.users.deactivate' : 'admin.users.activate')}</Button>
              </Stack>
            ),
          },
        ]} />
      )}
      {editing && <UserEditor user={editing} users={users} onClose={(done) => {
        setEditing(undefined);
        if (!done) return;
        list.reload();
        if (done.password) setPassword({ username: done.username, password: done.password });
        else action.setNotice(t('admin.saved'));
      }} />}
      <AdminDialog open={!!password} title={t('admin.users.oneTimeTitle')} onClose={() => setPassword(undefined)}>
        {password && <OneTimePassword username={password.username} password={password.password} />}
      </AdminDialog>
      <AdminDialog open={!!imported} title={t('admin.users.imported')} onClose={() => setImported(undefined)} testId="users-imported">
        {imported && (
          <>
            <Typography>{t('admin.users.importedCounts', {
              imported: imported.imported, created: imported.created, updated: imported.updated, unchanged: imported.unchanged,
            })}</Typography>
            {imported.createdUsers.map((u) => <OneTimePassword key={u.username} username={u.username} password={u.initialPassword} />)}
          </>
        )}
      </AdminDialog>
    </Stack>
  );
}
