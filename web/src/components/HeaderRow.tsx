import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useSession } from '../session';

/** A table's head from message keys, one column each. */
export function HeaderRow({ keys }: { keys: string[] }) {
  const { t } = useSession();
  return (
    <TableHead>
      <TableRow>
        {keys.map((key) => <TableCell key={key}>{t(key)}</TableCell>)}
      </TableRow>
    </TableHead>
  );
}
