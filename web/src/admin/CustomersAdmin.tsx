import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TablePagination from '@mui/material/TablePagination';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type {
  AdminCustomer, CustomerImportResult, ReassignCustomersBody, ReassignResult, UpdateCustomerBody,
} from '../../../api/customers/customerAdminContract';
import { api, ApiError, postFile, queryString, type FieldError } from '../api';
import { ResponsiveList } from '../components/ResponsiveList';
import { Spinner } from '../components/Spinner';
import { codeLabel } from '../labels';
import { useSession, useUser } from '../session';
import type { Customer, Page } from '../types';
import { useApi } from '../useApi';
import { useUserName, useUsers } from '../users';
import { AdminDialog, ImportButton, ImportErrors, useActionState, useSubmission } from './adminParts';

const PAGE_SIZE = 50;

/** One customer's master data: name, address, tier, market, 业态, route order; the server's 422s at their fields. */
function CustomerEditor({ customer, onClose }: { customer: Customer; onClose(saved: boolean): void }) {
  const { t } = useSession();
  const [draft, setDraft] = useState<UpdateCustomerBody>({
    name: customer.name, address: customer.address, tier: customer.tier, marketType: customer.marketType, businessType: customer.businessType,
    routeOrder: customer.routeOrder,
  });
  const { errors, error, busy, submit } = useSubmission();
  const set = (change: Partial<UpdateCustomerBody>) => setDraft({ ...draft, ...change });
  const save = () => void submit(async () => {
    await api<AdminCustomer>(`/admin/customers/${customer.id}`, { method: 'PATCH', body: draft });
    onClose(true);
  });
  const text = (key: 'name' | 'address' | 'businessType', label: string) => (
    <TextField label={label} name={key} value={draft[key] ?? ''} error={!!errors[key]} helperText={errors[key]}
      onChange={(e) => set({ [key]: e.target.value })} />
  );
  return (
    <AdminDialog open title={`${t('admin.customers.edit')} · ${customer.code}`} onClose={() => onClose(false)} testId="customer-editor"
      actions={<Button variant="contained" disabled={busy} onClick={save}>{t('common.save')}</Button>}>
      {error && <Alert severity="error">{error}</Alert>}
      {text('name', t('customer.name'))}
      {text('address', t('admin.customers.address'))}
      <TextField select label={t('customer.tier')} name="tier" value={draft.tier} error={!!errors.tier}
        helperText={errors.tier ?? t('admin.customers.tierHint')} onChange={(e) => set({ tier: Number(e.target.value) })}>
        {Array.from({ length: 30 }, (_, i) => 30 - i).map((tier) => <MenuItem key={tier} value={tier}>D{tier}</MenuItem>)}
      </TextField>
      <TextField select label={t('customer.marketType')} name="marketType" value={draft.marketType}
        onChange={(e) => set({ marketType: e.target.value as 'urban' | 'rural' })}>
        {(['urban', 'rural'] as const).map((m) => <MenuItem key={m} value={m}>{codeLabel(t, 'market', m)}</MenuItem>)}
      </TextField>
      {text('businessType', t('customer.businessType'))}
      <TextField label={t('adminTools.audit.field.routeOrder')} name="routeOrder" value={draft.routeOrder ?? ''} error={!!errors.routeOrder}
        helperText={errors.routeOrder ?? t('visitPlan.routeOrderHint')} slotProps={{ htmlInput: { inputMode: 'numeric' } }}
        onChange={(e) => set({ routeOrder: e.target.value.trim() === '' ? null : Number(e.target.value) })} />
    </AdminDialog>
  );
}

/** Move the chosen customers to another customer manager; their open tasks follow. */
function ReassignDialog({ customerIds, onClose }: { customerIds: number[]; onClose(done?: ReassignResult): void }) {
  const { t } = useSession();
  const managers = useUsers().filter((u) => u.roles.includes('customer_manager'));
  const [to, setTo] = useState<number | null>(null);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (to === null) return;
    setBusy(true);
    try {
      onClose(await api<ReassignResult>('/admin/customers/reassign', { body: { customerIds, toManagerId: to } satisfies ReassignCustomersBody }));
    } catch (err) {
      setError(err instanceof ApiError ? err.fieldErrors[0]?.message ?? err.message : t('common.error'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <AdminDialog open title={t('admin.customers.reassignTitle', { count: customerIds.length })} onClose={() => onClose()} testId="reassign-dialog"
      actions={<Button variant="contained" disabled={busy || to === null} onClick={() => void save()}>{t('admin.customers.reassign')}</Button>}>
      {error && <Alert severity="error">{error}</Alert>}
      <Typography variant="body2">{t('admin.customers.reassignHint')}</Typography>
      <Autocomplete options={managers} value={managers.find((u) => u.id === to) ?? null} onChange={(_, u) => setTo(u?.id ?? null)}
        getOptionLabel={(u) => `${u.displayName}（${u.username}）`}
        renderInput={(params) => <TextField {...params} name="toManager" label={t('admin.customers.toManager')} />} />
    </AdminDialog>
  );
}

/** An import in two steps: the file's preview (counts, first rows, every error), then 确认导入 stores it. */
function ImportPreview({ file, onClose }: { file: File; onClose(done?: CustomerImportResult): void }) {
  const { t } = useSession();
  const [preview, setPreview] = useState<CustomerImportResult>();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(true);
  useEffect(() => {
    postFile<CustomerImportResult>('/admin/customers/import?dryRun=true', file).then(setPreview, (err: unknown) => {
      if (err instanceof ApiError) {
        setErrors(err.fieldErrors);
        if (!err.fieldErrors.length) setError(err.message);
      } else setError(t('common.error'));
    }).finally(() => setBusy(false));
  }, [file, t]);
  const confirm = async () => {
    setBusy(true);
    try {
      onClose(await postFile<CustomerImportResult>('/admin/customers/import', file));
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors);
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };
  return (
    <AdminDialog open title={t('admin.customers.previewTitle', { name: file.name })} onClose={() => onClose()} testId="import-preview"
      actions={preview && <Button variant="contained" disabled={busy} onClick={() => void confirm()} data-testid="import-confirm">{t('admin.customers.confirmImport')}</Button>}>
      {busy && !preview && <Spinner />}
      {error && <Alert severity="error">{error}</Alert>}
      <ImportErrors errors={errors} />
      {preview && (
        <>
          <Alert severity="info" data-testid="import-counts">{t('admin.customers.previewCounts', {
            imported: preview.imported, created: preview.created, updated: preview.updated, unchanged: preview.unchanged, tierChanges: preview.tierChanges,
          })}</Alert>
          <ResponsiveList rows={preview.preview ?? []} rowKey={(r) => r.row} rowTestId="preview-row" columns={[
            { head: 'admin.customers.row', cell: (r) => r.row },
            { head: 'customer.code', cell: (r) => r.code },
            { head: 'customer.name', card: 'title', cell: (r) => r.name },
            { head: 'customer.tier', cell: (r) => `D${r.tier}` },
            { head: 'customer.manager', cell: (r) => r.manager },
            { head: 'admin.customers.change', card: 'aside', cell: (r) => t(`admin.customers.change.${r.change}`) },
          ]} />
        </>
      )}
    </AdminDialog>
  );
}

/** 客户资料: search, edit, import with a preview, move many to another manager; the dept head reads and exports. */
export default function CustomersAdmin() {
  const { t } = useSession();
  const user = useUser();
  const userName = useUserName();
  const admin = user.roles.includes('admin');
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [inactiveOnly, setInactiveOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [editing, setEditing] = useState<Customer>();
  const [reassigning, setReassigning] = useState(false);
  const [importing, setImporting] = useState<File>();
  const action = useActionState();
  useEffect(() => {
    const timer = setTimeout(() => { setQ(text.trim()); setPage(1); }, 300);
    return () => clearTimeout(timer);
  }, [text]);
  const customers = useApi<Page<Customer>>(`/customers${queryString({ q, page, size: PAGE_SIZE, managerInactive: inactiveOnly || undefined })}`);
  const toggle = (id: number) => setSelected((s) => {
    const next = new Set(s);
    if (!next.delete(id)) next.add(id);
    return next;
  });

  return (
    <Stack spacing={2}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: { sm: 'center' }, flexWrap: 'wrap' }}>
        <TextField size="small" label={t('customer.search')} value={text} onChange={(e) => setText(e.target.value)} sx={{ minWidth: { sm: 260 } }} />
        <FormControlLabel label={t('admin.customers.inactiveOnly')} control={
          <Checkbox checked={inactiveOnly} data-testid="inactive-only" onChange={(e) => { setInactiveOnly(e.target.checked); setPage(1); }} />
        } />
        <Box sx={{ flexGrow: 1 }} />
        {admin && <Button variant="contained" disabled={!selected.size} onClick={() => setReassigning(true)} data-testid="reassign-open">
          {t('admin.customers.reassignSelected', { count: selected.size })}
        </Button>}
        {admin && <ImportButton label={t('admin.customers.import')} onFile={setImporting} testId="customers-import-file" />}
        <Button component={Link} href="/api/admin/customers/export" download>{t('admin.customers.export')}</Button>
      </Stack>
      {admin && <Typography variant="caption" color="text.secondary">{t('admin.customers.importHint')}</Typography>}
      {action.notice && <Alert severity="success" data-testid="admin-notice">{action.notice}</Alert>}
      {customers.error && <Alert severity="error">{customers.error.message}</Alert>}
      {!customers.data ? <Spinner /> : (
        <>
          <ResponsiveList rows={customers.data.items} rowKey={(c) => c.id} rowTestId="admin-customer-row" columns={[
            ...(admin ? [{
              head: 'admin.customers.pick', card: 'aside' as const, cell: (c: Customer) => (
                <Checkbox size="small" checked={selected.has(c.id)} onChange={() => toggle(c.id)} inputProps={{ 'aria-label': c.name }} />
              ),
            }] : []),
            { head: 'customer.code', cell: (c) => c.code },
            { head: 'customer.name', card: 'title', cell: (c) => c.name },
            { head: 'customer.tier', cell: (c) => c.tierLabel },
            { head: 'customer.marketType', cell: (c) => codeLabel(t, 'market', c.marketType) },
            { head: 'customer.manager', cell: (c) => userName(c.managerId) },
            ...(admin ? [{ head: 'common.actions', card: 'full' as const, cell: (c: Customer) => (
              <Button size="small" onClick={() => setEditing(c)}>{t('admin.customers.edit')}</Button>
            ) }] : []),
          ]} />
          <TablePagination component="div" count={customers.data.total} page={page - 1} rowsPerPage={PAGE_SIZE}
            rowsPerPageOptions={[PAGE_SIZE]} onPageChange={(_, p) => setPage(p + 1)} />
        </>
      )}
      {editing && <CustomerEditor customer={editing} onClose={(saved) => {
        setEditing(undefined);
        if (saved) {
          customers.reload();
          action.setNotice(t('admin.saved'));
        }
      }} />}
      {reassigning && <ReassignDialog customerIds={[...selected]} onClose={(done) => {
        setReassigning(false);
        if (!done) return;
        setSelected(new Set());
        customers.reload();
        action.setNotice(t('admin.customers.reassigned', { moved: done.moved, name: userName(done.toManagerId), tasks: done.handOver.handedOver }));
      }} />}
      {importing && <ImportPreview file={importing} onClose={(done) => {
        setImporting(undefined);
        if (!done) return;
        customers.reload();
        action.setNotice(t('admin.customers.imported', { imported: done.imported, created: done.created, updated: done.updated }));
      }} />}
    </Stack>
  );
}
