import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import { Link as RouterLink } from 'react-router';
import { stepLabel } from '../labels';
import { HeaderRow } from './HeaderRow';
import { useSession } from '../session';
import type { Instance } from '../types';
import { useUserName } from '../users';
import { StatusChip } from './StatusChip';

/** Instances with their state and current step, each linking to its page. */
export function InstanceTable({ instances }: { instances: Instance[] }) {
  const { t, formatDateTime } = useSession();
  const userName = useUserName();
  return (
    <Table size="small">
      <HeaderRow keys={['inbox.col.subject', 'inbox.col.process', 'instance.state', 'instance.step', 'instance.startedBy', 'instance.startedAt']} />
      <TableBody>
        {instances.map((i) => (
          <TableRow key={i.id} hover data-testid="instance-row">
            <TableCell><Link component={RouterLink} to={`/instances/${i.id}`}>{i.title}</Link></TableCell>
            <TableCell>{t(`process.${i.processKey}`)}</TableCell>
            <TableCell><StatusChip status={i.status} /></TableCell>
            <TableCell>{i.currentStep ? stepLabel(t, i.currentStep) : ''}</TableCell>
            <TableCell>{userName(i.startedBy)}</TableCell>
            <TableCell>{formatDateTime(i.startedAt)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
