import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import type { SxProps, Theme } from '@mui/material/styles';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { Fragment, type MouseEvent, type ReactNode } from 'react';
import { usePhone } from '../responsive';
import { useSession } from '../session';

/** One column of a list: a table column on wide screens, a line of a card on phones. */
export interface ListColumn<T> {
  /** Message key of the column's head (and of the line's label in a card). */
  head: string;
  cell(row: T): ReactNode;
  /**
   * Its place in a phone's card: `title` heads it (the link to the row's page), `aside` sits beside the
   * title (a status chip), `full` goes below the lines at full width (buttons), `hide` is left out;
   * by default a label: value line. Empty values are left out of the card.
   */
  card?: 'title' | 'aside' | 'full' | 'hide';
  /** A column shown on phones only (a chip beside a card's title that the table shows in another column). */
  phoneOnly?: boolean;
  align?: 'right';
}

export interface ResponsiveListProps<T> {
  rows: readonly T[];
  columns: ListColumn<T>[];
  rowKey(row: T): string | number;
  /** data-testid of the table (or the list of cards), and of each row (or card). */
  testId?: string;
  rowTestId?: string;
  /** The table's accessible name. */
  label?: string;
  /** A row's own look, e.g. overdue ones in red. */
  rowSx?(row: T): SxProps<Theme> | undefined;
  onRowClick?(row: T): void;
  selected?(row: T): boolean;
}

function isEmpty(node: ReactNode): boolean {
  return node === null || node === undefined || node === false || node === '';
}

/** Where a card's tap lands: links and buttons inside it act, the rest of the card is the row's tap. */
function fromControl(target: EventTarget): boolean {
  return target instanceof Element && target.closest('a, button, input, label') !== null;
}

/**
 * A list of rows as a table on wide screens and as cards on phones (below `sm`), where a table of six
 * columns wraps one character per line. Every list page uses it, so they all read the same on a phone.
 */
export function ResponsiveList<T>({ rows, columns, rowKey, testId, rowTestId, label, rowSx, onRowClick, selected }: ResponsiveListProps<T>) {
  const { t } = useSession();
  const phone = usePhone();
  if (!phone) {
    const shown = columns.filter((c) => !c.phoneOnly);
    return (
      <Table size="small" data-testid={testId} aria-label={label}>
        <TableHead>
          <TableRow>
            {shown.map((c) => <TableCell key={c.head} align={c.align}>{t(c.head)}</TableCell>)}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={rowKey(row)} hover data-testid={rowTestId} selected={selected?.(row)} sx={[onRowClick ? { cursor: 'pointer' } : {}, rowSx?.(row) ?? {}].flat() as SxProps<Theme>}
              onClick={onRowClick && ((e: MouseEvent) => { if (!fromControl(e.target)) onRowClick(row); })}>
              {shown.map((c) => <TableCell key={c.head} align={c.align}>{c.cell(row)}</TableCell>)}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  }
  const title = columns.filter((c) => c.card === 'title');
  const aside = columns.filter((c) => c.card === 'aside');
  const lines = columns.filter((c) => c.card === undefined);
  const full = columns.filter((c) => c.card === 'full');
  return (
    <Stack spacing={1} data-testid={testId} role="list" aria-label={label} sx={{ my: 1 }}>
      {rows.map((row) => {
        const shownLines = lines.map((c) => [c, c.cell(row)] as const).filter(([, value]) => !isEmpty(value));
        const shownFull = full.map((c) => c.cell(row)).filter((value) => !isEmpty(value));
        return (
          <Paper key={rowKey(row)} variant="outlined" role="listitem" data-testid={rowTestId}
            onClick={onRowClick && ((e: MouseEvent) => { if (!fromControl(e.target)) onRowClick(row); })}
            sx={[
              { px: 1.5, py: 1, overflowWrap: 'anywhere' },
              onRowClick ? { cursor: 'pointer' } : {},
              selected?.(row) ? { borderColor: 'primary.main', borderWidth: 2 } : {},
              rowSx?.(row) ?? {},
            ].flat() as SxProps<Theme>}>
            {(title.length > 0 || aside.length > 0) && (
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', minHeight: 44 }}>
                <Box sx={{
                  flexGrow: 1, minWidth: 0, fontSize: 16, fontWeight: 600,
                  // The row's link is its card's main tap: tall enough for a finger.
                  '& a': { display: 'inline-flex', alignItems: 'center', minHeight: 44 },
                }}>
                  {title.map((c) => <Fragment key={c.head}>{c.cell(row)}</Fragment>)}
                </Box>
                {aside.map((c) => <Box key={c.head} sx={{ flexShrink: 0 }}>{c.cell(row)}</Box>)}
              </Stack>
            )}
            {shownLines.length > 0 && (
              <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 1.5, rowGap: 0.25, m: 0, fontSize: 14 }}>
                {shownLines.map(([c, value]) => (
                  <Fragment key={c.head}>
                    <Box component="dt" sx={{ color: 'text.secondary', whiteSpace: 'nowrap', alignSelf: 'center' }}>{t(c.head)}</Box>
                    <Box component="dd" sx={{ m: 0, minWidth: 0, '& a': { display: 'inline-flex', alignItems: 'center', minHeight: 44 } }}>{value}</Box>
                  </Fragment>
                ))}
              </Box>
            )}
            {shownFull.length > 0 && (
              <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mt: 0.5 }}>
                {shownFull.map((value, i) => <Fragment key={i}>{value}</Fragment>)}
              </Stack>
            )}
          </Paper>
        );
      })}
    </Stack>
  );
}
