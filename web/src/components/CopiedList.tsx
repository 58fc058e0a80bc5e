import Link from '@mui/material/Link';
import { Link as RouterLink } from 'react-router';
import { codeLabel, stepLabel } from '../labels';
import { useSession } from '../session';
import type { CopiedPage } from '../types';
import { useUserName } from '../users';
import { ResponsiveList } from './ResponsiveList';
import { StatusChip } from './StatusChip';

type Copied = CopiedPage['items'][number];

/** 抄送我的: the processes I was copied in on, each linking to its page (a table; cards on a phone). */
export function CopiedList({ items }: { items: Copied[] }) {
  const { t, formatDateTime } = useSession();
  const userName = useUserName();
  return (
    <ResponsiveList rows={items} rowKey={(row) => row.instanceId} testId="copied-list" rowTestId="copied-row" label={t('inbox.cc')} columns={[
      { head: 'inbox.cc.title', card: 'title', cell: (row) => <Link component={RouterLink} to={`/instances/${row.instanceId}`}>{row.title}</Link> },
      { head: 'inbox.cc.status', card: 'aside', cell: (row) => <StatusChip status={row.status} /> },
      { head: 'inbox.col.process', cell: (row) => codeLabel(t, 'process', row.processKey) },
      { head: 'inbox.cc.step', cell: (row) => (row.currentStep ? stepLabel(t, row.currentStep) : '') },
      { head: 'inbox.cc.by', cell: (row) => userName(row.addedBy) },
      { head: 'inbox.cc.at', cell: (row) => formatDateTime(row.addedAt) },
    ]} />
  );
}
