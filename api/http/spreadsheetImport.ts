import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FieldError, Locale } from '../../forms/formDefinition.js';
import { TooLargeError, UnsupportedTypeError, ValidationError } from './errors.js';
import { t, type MessageKey } from './messages.js';

/**
 * Reading an uploaded spreadsheet (xlsx or csv) into rows, and the cell rules imports share. The
 * file comes as the raw request body; rows keep the numbers they have in the file, so an error can
 * name the row a person sees in Excel.
 */

/** An import's body is at most this large (413 beyond). */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** At most this many data rows per file (422 at `/rows` beyond), so that every bad row can be reported. */
export const IMPORT_MAX_ROWS = 5000;

export const IMPORT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
} as const;
export type ImportFormat = keyof typeof IMPORT_TYPES;
const ALLOWED = Object.values(IMPORT_TYPES);

/** What an import request brings: its headers as received and the body unread. */
export interface ImportUpload {
  contentType: string | undefined;
  contentLength: string | undefined;
  body: Readable;
}

/**
 * The upload's format and bytes: 415 for another type (before reading), 413 over `maxBytes` (IMPORT_MAX_BYTES unless said)
 * (by Content-Length before reading, else as soon as the stream passes it; the rest is not read),
 * 415 for an "xlsx" that is not a zip file, 422 for an empty body.
 */
export async function readImportUpload(
  upload: ImportUpload, locale: Locale, maxBytes = IMPORT_MAX_BYTES,
): Promise<{ format: ImportFormat; bytes: Buffer }> {
  const type = (upload.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const format = (Object.keys(IMPORT_TYPES) as ImportFormat[]).find((f) => IMPORT_TYPES[f] === type);
  if (!format) throw new UnsupportedTypeError('fileType', type, ALLOWED);
  if (Number(upload.contentLength) > maxBytes) throw new TooLargeError(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of upload.body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new TooLargeError(maxBytes);
    chunks.push(chunk);
  }
  const bytes = Buffer.concat(chunks);
  if (bytes.length === 0) throw new ValidationError([{ path: '', message: t(locale, 'fileEmpty') }]);
  // Every xlsx is a zip archive: "PK\x03\x04".
  if (format === 'xlsx' && bytes.readUInt32BE(0) !== 0x504b0304) throw new UnsupportedTypeError('fileContent', type, ALLOWED);
  return { format, bytes };
}

/** A cell as read: text (trimmed, '' when empty) or an xlsx number. */
export type Cell = string | number;

/** One row of the file with its number there (the header row of a plain file is 1). */
export interface SheetRow {
  number: number;
  cells: Cell[];
}

/**
 * RFC 4180 records of `text` (quotes doubled inside quoted fields, CRLF, LF or CR line ends), each
 * with its record number: a blank line counts as a row, as Excel shows it. The delimiter is the one
 * of `,` `;` tab the first line has most of (comma when none). `unclosed` is the number of a record
 * whose quote never closes.
 */
export function parseCsv(text: string): { rows: SheetRow[]; unclosed?: number } {
  const firstLine = text.slice(0, text.search(/[\r\n]|$/));
  const delimiter = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const).reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  const rows: SheetRow[] = [];
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let quoteStart = 0;
  // Whether the current record has anything yet (a last line `""` without a line end still counts).
  let open = false;
  const endRecord = () => {
    fields.push(field);
    rows.push({ number: rows.length + 1, cells: fields.map((f) => f.trim()) });
    fields = [];
    field = '';
    open = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '\r' && c !== '\n') open = true;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
      quoteStart = rows.length + 1;
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else {
      field += c;
    }
  }
  if (quoted) return { rows, unclosed: quoteStart };
  if (open) endRecord();
  return { rows };
}

/** An xlsx cell's value as text or number: formulas by their result, rich text and links by their text. */
function xlsxCell(value: ExcelJS.CellValue): Cell {
  if (value == null) return '';
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((run) => run.text).join('').trim();
  if ('formula' in value || 'sharedFormula' in value) return xlsxCell(value.result ?? null);
  if ('hyperlink' in value) return xlsxCell(value.text as ExcelJS.CellValue);
  if ('error' in value) return value.error;
  return '';
}

/** The rows of the file's first worksheet with content, by their row numbers; 415 when it cannot be read as xlsx. */
async function xlsxRows(bytes: Buffer): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its Buffer against an older @types/node; the bytes are what it reads.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new UnsupportedTypeError('fileContent', IMPORT_TYPES.xlsx, ALLOWED);
  }
  const sheet = workbook.worksheets.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden') ?? workbook.worksheets[0];
  const rows: SheetRow[] = [];
  sheet?.eachRow({ includeEmpty: false }, (row, number) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells: Cell[] = [];
    for (let c = 1; c < values.length; c++) cells.push(xlsxCell(values[c]));
    rows.push({ number, cells });
  });
  return rows;
}

/** The rows of an upload; 422 for a csv that is not UTF-8 (a BOM is dropped) or whose quote never closes. */
export async function readRows(format: ImportFormat, bytes: Buffer, locale: Locale): Promise<SheetRow[]> {
  return withoutNul(format === 'xlsx' ? await xlsxRows(bytes) : csvRows(bytes, locale), locale);
}

/** PostgreSQL's text cannot hold U+0000: a file with one is refused at its row, as a JSON body with one is. */
function withoutNul(rows: SheetRow[], locale: Locale): SheetRow[] {
  const bad = rows.find((row) => row.cells.some((cell) => typeof cell === 'string' && cell.includes('\u0000')));
  if (bad) throw new ValidationError([{ path: `/rows/${bad.number}`, message: rowMessage(locale, bad.number, t(locale, 'nulCharacter')) }]);
  return rows;
}

function csvRows(bytes: Buffer, locale: Locale): SheetRow[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ValidationError([{ path: '', message: t(locale, 'importNotUtf8') }]);
  }
  const { rows, unclosed } = parseCsv(text);
  if (unclosed !== undefined) throw new ValidationError([{ path: `/rows/${unclosed}`, message: rowMessage(locale, unclosed, t(locale, 'importQuote')) }]);
  return rows;
}

/** One column an import reads: its key (the English header, also the error path), its labels and accepted headers. */
export interface ColumnSpec<K extends string> {
  key: K;
  label: Record<Locale, string>;
  /** Further accepted headers besides `key` and both labels. */
  aliases?: readonly string[];
  required: boolean;
}

/** A header as compared: no spaces, no unit in brackets (批发价（元/条） is 批发价), lower case. */
function headerKey(header: Cell): string {
  return String(header).replace(/[(（][^)）]*[)）]/g, '').replace(/[\s_\-]/g, '').toLowerCase();
}

/** A table: the data rows after the header row, and where each known column is. */
export interface Table<K extends string> {
  rows: SheetRow[];
  /** Cell `key` of `row` ('' when the row is shorter, or the optional column is absent). */
  cell(row: SheetRow, key: K): Cell;
  has(key: K): boolean;
}

/**
 * Finds the header row (the first of the first ten non-empty rows naming a known column, so a title
 * row above it is fine) and maps the columns by header. 422 at `/columns/<key>` for each required
 * column missing and each column given twice; at `/rows` for a file without data rows or with more
 * than `maxRows` (IMPORT_MAX_ROWS unless said). Rows with no content are dropped.
 */
export function readTable<K extends string>(
  all: SheetRow[], specs: readonly ColumnSpec<K>[], locale: Locale, maxRows = IMPORT_MAX_ROWS,
): Table<K> {
  const rows = all.filter((row) => row.cells.some((c) => c !== ''));
  const names = new Map<string, K>();
  for (const spec of specs) {
    for (const name of [spec.key, spec.label['zh-CN'], spec.label.en, ...(spec.aliases ?? [])]) names.set(headerKey(name), spec.key);
  }
  const headerAt = rows.slice(0, 10).findIndex((row) => row.cells.some((c) => names.has(headerKey(c))));
  const header = rows[Math.max(headerAt, 0)];
  const index = new Map<K, number>();
  const errors: FieldError[] = [];
  header?.cells.forEach((c, i) => {
    const key = names.get(headerKey(c));
    if (key === undefined) return;
    if (index.has(key)) {
      const label = specs.find((s) => s.key === key)!.label[locale];
      if (!errors.some((e) => e.path === `/columns/${key}`)) errors.push({ path: `/columns/${key}`, message: t(locale, 'importColumnTwice', { label }) });
    } else {
      index.set(key, i);
    }
  });
  for (const spec of specs) {
    if (spec.required && !index.has(spec.key)) {
      errors.push({ path: `/columns/${spec.key}`, message: t(locale, 'importColumnMissing', { label: spec.label[locale], key: spec.key }) });
    }
  }
  if (errors.length) throw new ValidationError(errors);
  const data = rows.slice(Math.max(headerAt, 0) + 1);
  if (data.length === 0) throw new ValidationError([{ path: '/rows', message: t(locale, 'importNoRows') }]);
  if (data.length > maxRows) throw new ValidationError([{ path: '/rows', message: t(locale, 'importTooManyRows', { max: maxRows }) }]);
  return {
    rows: data,
    has: (key) => index.has(key),
    cell: (row, key) => {
      const i = index.get(key);
      return i === undefined ? '' : row.cells[i] ?? '';
    },
  };
}

/** `第 3 行：…` / `Row 3: …`. */
function rowMessage(locale: Locale, row: number, message: string): string {
  return `${t(locale, 'importRow', { row })}${locale === 'en' ? ': ' : '：'}${message}`;
}

/** Collects the errors of an import's rows, each at `/rows/<row>/<column>` with the row and column named in its message. */
export function rowErrors<K extends string>(specs: readonly ColumnSpec<K>[], locale: Locale) {
  const errors: FieldError[] = [];
  return {
    errors,
    add(row: number, key: K, message: MessageKey, params: Record<string, string | number> = {}) {
      const label = specs.find((s) => s.key === key)?.label[locale] ?? key;
      const separator = locale === 'en' ? ' ' : '';
      errors.push({ path: `/rows/${row}/${key}`, message: rowMessage(locale, row, `${label}${separator}${t(locale, message, params)}`) });
    },
    /** 422 with every error collected, if any. */
    throwIfAny() {
      if (errors.length) throw new ValidationError(errors);
    },
  };
}

/** Text of a cell: numbers as written (an xlsx code 6901028075831 is that text). */
export function textCell(cell: Cell): string {
  return typeof cell === 'number' ? String(cell) : cell;
}

/** A whole number ≥ 0 (text may group thousands with commas: 1,200), else undefined. */
export function countCell(cell: Cell): number | undefined {
  if (typeof cell === 'number') return Number.isSafeInteger(cell) && cell >= 0 ? cell : undefined;
  if (!/^\d+$/.test(cell) && !/^\d{1,3}(,\d{3})+$/.test(cell)) return undefined;
  const n = Number(cell.replaceAll(',', ''));
  return Number.isSafeInteger(n) ? n : undefined;
}

/** An amount > 0 with at most two decimals, as exact text (`265.80`), else undefined. */
export function amountCell(cell: Cell, max: number): string | undefined {
  let cents: number;
  if (typeof cell === 'number') {
    cents = Math.round(cell * 100);
    // A float read from xlsx (265.8 is 265.80000000000001): close enough to whole cents, else too precise.
    if (Math.abs(cell * 100 - cents) > 1e-6) return undefined;
  } else {
    const plain = cell.replaceAll(',', '');
    if (!/^\d+(\.\d{1,2})?$/.test(plain) || (plain !== cell && !/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(cell))) return undefined;
    cents = Math.round(Number(plain) * 100);
  }
  if (!Number.isSafeInteger(cents) || cents <= 0 || cents > max * 100) return undefined;
  return (cents / 100).toFixed(2);
}

/** 是/否 and its usual spellings, '' as undefined, anything else null (not a yes or no). */
export function yesNoCell(cell: Cell): boolean | undefined | null {
  const value = textCell(cell).toLowerCase();
  if (value === '') return undefined;
  if (['是', '在销', 'y', 'yes', 'true', '1'].includes(value)) return true;
  if (['否', '停销', 'n', 'no', 'false', '0'].includes(value)) return false;
  return null;
}
