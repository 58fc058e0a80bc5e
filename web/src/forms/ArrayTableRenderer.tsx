import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import {
  and, composePaths, createDefaultValue, isObjectArrayControl, rankWith, schemaMatches, Actions,
  type ArrayControlProps, type JsonSchema, type RankedTester,
} from '@jsonforms/core';
import { useJsonForms, withJsonFormsArrayControlProps } from '@jsonforms/react';
import Box from '@mui/material/Box';
import FormHelperText from '@mui/material/FormHelperText';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { memo, useState } from 'react';
import { usePhone } from '../responsive';

const ROWS_PER_PAGE = 50;

type Column = { key: string; schema: JsonSchema };

function isPrimitive(schema: JsonSchema | undefined): boolean {
  return !!schema && (schema.enum !== undefined || ['string', 'integer', 'number', 'boolean'].includes(String(schema.type)));
}

/** Arrays of flat objects (rows of customers, products, months) get the table below. */
export const arrayTableTester: RankedTester = rankWith(5, and(isObjectArrayControl, schemaMatches((schema) => {
  const items = schema.items as JsonSchema | undefined;
  return !!items?.properties && Object.values(items.properties).every(isPrimitive);
})));

function parse(schema: JsonSchema, text: string): unknown {
  if (text === '') return undefined;
  if (schema.type === 'integer' || schema.type === 'number') {
    const value = Number(text);
    return Number.isFinite(value) ? value : text;
  }
  if (schema.type === 'boolean') return text === 'true';
  return text;
}

/**
 * One cell. It keeps what is typed locally and writes to the form on blur, so typing in a table
 * of hundreds of rows re-renders one input, not the whole form.
 */
const Cell = memo(function Cell({ path, column, value, error, enabled, label, shownLabel, onCommit }: {
  path: string; column: Column; value: unknown; error: string | undefined; enabled: boolean; label: string;
  /** On a phone's row card the column's name is shown above the field (the table's head is gone). */
  shownLabel?: string;
  onCommit(path: string, value: unknown): void;
}) {
  const [text, setText] = useState(value == null ? '' : String(value));
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(value == null ? '' : String(value));
  }
  const commit = (next: string) => {
    if (next !== (value == null ? '' : String(value))) onCommit(path, parse(column.schema, next));
  };
  const options = column.schema.enum ?? (column.schema.type === 'boolean' ? [true, false] : undefined);
  return (
    <TextField
      size="small" variant="standard" fullWidth value={text} disabled={!enabled} error={!!error} helperText={error} label={shownLabel}
      select={!!options} slotProps={{ htmlInput: { 'aria-label': label, 'data-path': path } }}
      type={column.schema.type === 'integer' || column.schema.type === 'number' ? 'number' : 'text'}
      onChange={(e) => { setText(e.target.value); if (options) commit(e.target.value); }}
      onBlur={(e) => commit(e.target.value)}
    >
      {options?.map((option) => <MenuItem key={String(option)} value={String(option)}>{String(option)}</MenuItem>)}
    </TextField>
  );
});

function ArrayTable(props: ArrayControlProps) {
  const { path, schema, label, enabled, visible, errors, rootSchema, addItem, removeItems } = props;
  const ctx = useJsonForms();
  const phone = usePhone();
  const [page, setPage] = useState(0);
  if (!visible) return null;
  const rows = (path.split('.').reduce<unknown>((data, key) => (data as Record<string, unknown> | undefined)?.[key], ctx.core?.data) ?? []) as Record<string, unknown>[];
  const columns: Column[] = Object.entries(schema.properties ?? {}).map(([key, s]) => ({ key, schema: s }));
  const showClientErrors = ctx.core?.validationMode === 'ValidateAndShow';
  const allErrors = [...(showClientErrors ? (ctx.core?.errors ?? []) : []), ...(ctx.core?.additionalErrors ?? [])];
  const i18nPrefix = path.replace(/\.\d+\./g, '.');
  const translate = ctx.i18n?.translate;
  const text = (key: string, fallback: string) => translate?.(key, fallback) ?? fallback;
  const errorAt = (pointer: string) => {
    const found = allErrors.find((e) => e.instancePath === pointer
      || (e.keyword === 'required' && `${e.instancePath}/${String(e.params.missingProperty)}` === pointer));
    return found ? ctx.i18n?.translateError?.(found, translate!, props.uischema) ?? found.message : undefined;
  };
  const commit = (cellPath: string, value: unknown) => ctx.dispatch?.(Actions.update(cellPath, () => value));
  const start = page * ROWS_PER_PAGE;
  const visibleRows = rows.slice(start, start + ROWS_PER_PAGE);
  const pointer = `/${path.replaceAll('.', '/')}`;
  const columnLabel = (c: Column) => text(`${i18nPrefix}.${c.key}.label`, c.schema.title ?? c.key);
  const cell = (index: number, row: Record<string, unknown>, c: Column, shown?: string) => (
    <Cell path={composePaths(composePaths(path, String(index)), c.key)} column={c} value={row[c.key]}
      enabled={enabled} onCommit={commit} error={errorAt(`${pointer}/${index}/${c.key}`)}
      label={`${text(`${i18nPrefix}.${c.key}.label`, c.key)} ${index + 1}`} shownLabel={shown} />
  );
  const remove = (index: number) => (
    <IconButton size="small" aria-label={text(`${i18nPrefix}.removeAriaLabel`, 'Delete')} onClick={() => removeItems?.(path, [index])()}>
      <DeleteIcon fontSize="small" />
    </IconButton>
  );
  // A phone has no room for a table of inputs: each row is a small card with its fields one under another.
  const rowsView = phone ? (
    <Stack spacing={1}>
      {visibleRows.map((row, offset) => {
        const index = start + offset;
        return (
          <Box key={index} sx={{ border: '1px solid', borderColor: 'divider', borderRadius: 1, px: 1.5, py: 0.5 }} data-testid="array-row">
            <Box sx={{ display: 'flex', alignItems: 'center' }}>
              <Typography variant="body2" color="text.secondary" sx={{ flexGrow: 1 }}>#{index + 1}</Typography>
              {enabled && remove(index)}
            </Box>
            <Stack spacing={1} sx={{ pb: 1 }}>
              {columns.map((c) => <Box key={c.key}>{cell(index, row, c, columnLabel(c))}</Box>)}
            </Stack>
          </Box>
        );
      })}
    </Stack>
  ) : (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell sx={{ width: 48 }}>#</TableCell>
          {columns.map((c) => <TableCell key={c.key}>{columnLabel(c)}</TableCell>)}
          {enabled && <TableCell sx={{ width: 48 }} />}
        </TableRow>
      </TableHead>
      <TableBody>
        {visibleRows.map((row, offset) => {
          const index = start + offset;
          return (
            <TableRow key={index}>
              <TableCell>{index + 1}</TableCell>
              {columns.map((c) => <TableCell key={c.key}>{cell(index, row, c)}</TableCell>)}
              {enabled && <TableCell>{remove(index)}</TableCell>}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
  return (
    <Box sx={{ my: 2 }} data-testid={`array-${path}`}>
      <Box sx={{ display: 'flex', alignItems: 'center' }}>
        <Typography variant="subtitle1" sx={{ flexGrow: 1 }}>{label}</Typography>
        {enabled && (
          <IconButton aria-label={text(`${i18nPrefix}.addAriaLabel`, 'Add')} onClick={() => {
            addItem(path, createDefaultValue(schema, rootSchema))();
            setPage(Math.floor(rows.length / ROWS_PER_PAGE));
          }}><AddIcon /></IconButton>
        )}
      </Box>
      {(errors || errorAt(pointer)) && <FormHelperText error>{errors || errorAt(pointer)}</FormHelperText>}
      {rowsView}
      {rows.length > ROWS_PER_PAGE && (
        <TablePagination component="div" count={rows.length} page={page} rowsPerPage={ROWS_PER_PAGE}
          rowsPerPageOptions={[ROWS_PER_PAGE]} onPageChange={(_, p) => setPage(p)} />
      )}
    </Box>
  );
}

export const ArrayTableRenderer = withJsonFormsArrayControlProps(ArrayTable);
