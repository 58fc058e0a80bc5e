import Chip from '@mui/material/Chip';
import { useSession } from '../session';
import { codeLabel } from '../labels';

const COLORS: Record<string, 'default' | 'primary' | 'success' | 'error' | 'warning'> = {
  running: 'primary', completed: 'success', rejected: 'error', cancelled: 'default', failed: 'error',
};

/** An instance's status as a coloured label. */
export function StatusChip({ status }: { status: string }) {
  const { t } = useSession();
  return <Chip size="small" color={COLORS[status] ?? 'default'} label={codeLabel(t, 'status', status)} data-testid="instance-status" />;
}
