import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useId, type ReactNode } from 'react';
import { customerLabel, tierLabel } from '../labels';
import { useSession } from '../session';
import type { Customer, FormDefinition } from '../types';
import { useApi } from '../useApi';
import { useUserName } from '../users';
import { AttachmentItem } from './AttachmentItem';

/** What a record view needs of a JSON Schema. */
interface Schema {
  type?: string;
  format?: string;
  title?: string;
  enum?: unknown[];
  oneOf?: { const?: unknown; title?: string }[];
  properties?: Record<string, Schema>;
  items?: Schema;
}

interface UiElement {
  type: string;
  scope?: string;
  label?: string | boolean;
  options?: Record<string, unknown>;
  elements?: UiElement[];
}

/** One field of the form, in the UI schema's order: its dotted path (`a.b`), schema and options. */
interface Field {
  path: string;
  schema: Schema;
  options: Record<string, unknown>;
  label: string | undefined;
}

/** The controls of a UI schema, layouts and groups flattened, each with its schema. */
function fieldsOf(element: UiElement, root: Schema): Field[] {
  if (element.elements) return element.elements.flatMap((child) => fieldsOf(child, root));
  if (element.type !== 'Control' || !element.scope) return [];
  const keys = element.scope.split('/').filter((part, index) => index > 0 && index % 2 === 0);
  let schema: Schema | undefined = root;
  for (const key of keys) schema = schema?.properties?.[key];
  if (!schema) return [];
  return [{ path: keys.join('.'), schema, options: element.options ?? {}, label: typeof element.label === 'string' ? element.label : undefined }];
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** A customer id as its name and code (read with the user's rights; the number when they may not read it). */
function CustomerName({ id }: { id: number }) {
  const customer = useApi<Customer>(`/customers/${id}`);
  if (customer.data) return <>{customerLabel(customer.data)}</>;
  return <>{customer.error ? `#${id}` : '…'}</>;
}

/**
 * A submitted record, read: each filled-in field's label above its value, as text, in the form's order and
 * words — the customer by name and code, a tier as D5, a day as 2026年11月20日, a choice by its label, a list
 * as a small table, files previewed in place. Drawn without JSON Forms: a record read on a task page is
 * not edited, and drawing it as a disabled form cost a phone some 400 ms (CPU ×4) before the page's buttons.
 */
export function RecordView({ form, data }: { form: FormDefinition; data: Record<string, unknown> }) {
  const { t, locale, formatDate, formatDateTime } = useSession();
  const userName = useUserName();
  const dictionary = form.i18n[locale] ?? {};
  const word = (key: string, fallback: string) => dictionary[key] ?? fallback;
  const fields = fieldsOf(form.uischema as unknown as UiElement, form.schema as Schema);

  /** A value as text, by its schema and control options. */
  const text = (path: string, schema: Schema, options: Record<string, unknown>, value: unknown): ReactNode => {
    if (options.picker === 'customer' && typeof value === 'number') return <CustomerName id={value} />;
    if ((options.picker === 'user' || options.picker === 'users') && (typeof value === 'number' || Array.isArray(value))) {
      return ([] as unknown[]).concat(value).map((id) => userName(id as number)).join('、');
    }
    if (options.display === 'tier' && typeof value === 'number') return tierLabel(value);
    if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
    if (schema.enum) return word(`${path}.${String(value)}`, String(value));
    const choice = schema.oneOf?.find((option) => option.const === value);
    if (choice) return word(`${path}.${String(value)}`, choice.title ?? String(value));
    // A day (2026-11-20) taken at noon UTC is that same day in every time zone of China and its neighbours.
    if (schema.format === 'date' && typeof value === 'string') return formatDate(`${value}T12:00:00Z`);
    if (schema.format === 'date-time' && typeof value === 'string') return formatDateTime(value);
    if (options.geolocation && typeof value === 'object') {
      const { latitude, longitude, accuracy } = value as { latitude: number; longitude: number; accuracy?: number };
      return t('visit.located', { lat: latitude, lng: longitude, accuracy: accuracy ?? '—' });
    }
    if (Array.isArray(value) && schema.items?.properties) return <RowsTable path={path} columns={schema.items.properties} rows={value} word={word} cell={text} />;
    if (Array.isArray(value)) return value.map((item) => text(path, schema.items ?? {}, {}, item)).join('、');
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  };

  return (
    <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { xs: 'minmax(0, 1fr)', sm: 'repeat(2, minmax(0, 1fr))' } }} data-testid="record-view">
      {fields.map((field) => ({ field, value: valueAt(data, field.path) })).filter(({ value }) => !isEmpty(value)).map(({ field, value }) => {
        const label = word(`${field.path}.label`, field.label ?? field.schema.title ?? field.path);
        const wide = field.options.multi === true || Array.isArray(value) || (typeof value === 'string' && value.length > 40);
        const files = field.schema.type === 'array' && field.schema.items?.format === 'attachment';
        return (
          <LabelledValue key={field.path} label={label} wide={wide}>
            {files
              ? <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 0.5 }}>{(value as string[]).map((id) => <AttachmentItem key={id} id={id} />)}</Box>
              : text(field.path, field.schema, field.options, value)}
          </LabelledValue>
        );
      })}
    </Box>
  );
}

function valueAt(data: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), data);
}

/** A label and, under it, its value; the value is named by the label for a screen reader (and a test). */
function LabelledValue({ label, wide, children }: { label: string; wide: boolean; children: ReactNode }) {
  const id = useId();
  return (
    <Box sx={{ gridColumn: wide ? '1 / -1' : undefined, minWidth: 0 }} data-testid="record-field">
      <Typography id={id} variant="body2" color="text.secondary">{label}</Typography>
      <Typography component="div" aria-labelledby={id} role="group" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{children}</Typography>
    </Box>
  );
}

/** A list of objects (近期月购进量: month and cartons) as a table with the form's column labels. */
function RowsTable({ path, columns, rows, word, cell }: {
  path: string; columns: Record<string, Schema>; rows: unknown[]; word(key: string, fallback: string): string;
  cell(path: string, schema: Schema, options: Record<string, unknown>, value: unknown): ReactNode;
}) {
  const keys = Object.keys(columns);
  return (
    <Table size="small" sx={{ mt: 0.5, '& td, & th': { px: 1 } }}>
      <TableHead>
        <TableRow>{keys.map((key) => <TableCell key={key}>{word(`${path}.${key}.label`, columns[key]!.title ?? key)}</TableCell>)}</TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row, index) => (
          <TableRow key={index}>
            {keys.map((key) => {
              const value = (row as Record<string, unknown>)[key];
              return <TableCell key={key}>{isEmpty(value) ? '' : cell(`${path}.${key}`, columns[key]!, {}, value)}</TableCell>;
            })}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
