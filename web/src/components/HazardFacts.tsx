import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import { codeLabel } from '../labels';
import { useSession } from '../session';
import { useApi } from '../useApi';

interface HazardEntry {
  code: string;
  place: string;
  category: string;
  suspectedLevel: string;
  level: string | null;
  status: string;
  responsible: { name: string } | null;
  deadline: string | null;
  rounds: number;
  overdueDays: number;
  closedAt: string | null;
  result: string | null;
}

/** A hazard's ledger entry (隐患台账) beside its process: level, state, who fixes it by when. */
export function HazardFacts({ code }: { code: string }) {
  const { t, formatDateTime } = useSession();
  const hazard = useApi<HazardEntry>(`/hazards/${encodeURIComponent(code)}`);
  if (!hazard.data) return null;
  const h = hazard.data;
  const facts: [string, string][] = [
    [t('hazard.place'), h.place],
    [t('hazard.category'), codeLabel(t, 'category', h.category)],
    [t('hazard.level'), h.level ? codeLabel(t, 'level', h.level) : `${codeLabel(t, 'level', h.suspectedLevel)}?`],
    [t('hazard.status'), codeLabel(t, 'hazardStatus', h.status)],
    [t('hazard.responsible'), h.responsible?.name ?? ''],
    [t('hazard.deadline'), h.deadline ?? ''],
    [t('hazard.rounds'), String(h.rounds)],
    [t('hazard.overdueDays'), String(h.overdueDays)],
  ];
  if (h.closedAt) facts.push([t('hazardStatus.closed'), formatDateTime(h.closedAt)]);
  return (
    <Table size="small" sx={{ mt: 2 }} data-testid="hazard-facts">
      <TableBody>
        {facts.map(([label, value]) => (
          <TableRow key={label}>
            <TableCell component="th" sx={{ width: 140, color: 'text.secondary' }}>{label}</TableCell>
            <TableCell>{value}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
