import Link from '@mui/material/Link';
import { Link as RouterLink } from 'react-router';
import { codeLabel, stepLabel } from '../labels';
import { useSession } from '../session';
import type { Instance } from '../types';
import { useUserName } from '../users';
import { ResponsiveList, type ListColumn } from './ResponsiveList';
import { StatusChip } from './StatusChip';

/** Instances with their state and current step, each linking to its page. */
export function InstanceTable({ instances }: { instances: Instance[] }) {
  const { t, formatDateTime } = useSession();
  const userName = useUserName();
  const columns: ListColumn<Instance>[] = [
    { head: 'inbox.col.subject', card: 'title', cell: (i) => <Link component={RouterLink} to={`/instances/${i.id}`}>{i.title}</Link> },
    { head: 'inbox.col.process', cell: (i) => codeLabel(t, 'process', i.processKey) },
    { head: 'instance.state', card: 'aside', cell: (i) => <StatusChip status={i.status} /> },
    { head: 'instance.step', cell: (i) => (i.currentStep ? stepLabel(t, i.currentStep) : '') },
    { head: 'instance.startedBy', cell: (i) => userName(i.startedBy) },
    { head: 'instance.startedAt', cell: (i) => formatDateTime(i.startedAt) },
  ];
  return <ResponsiveList rows={instances} columns={columns} rowKey={(i) => i.id} rowTestId="instance-row" />;
}
