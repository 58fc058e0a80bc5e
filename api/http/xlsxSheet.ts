import type ExcelJS from 'exceljs';
import type { Locale } from '../../forms/formDefinition.js';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The shade of every exported sheet's header row. */
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };

/** One column of an exported sheet: its header in both languages, its width and how a row fills it. */
export interface XlsxColumn<Row> {
  header: Record<Locale, string>;
  width: number;
  value(row: Row, locale: Locale): ExcelJS.CellValue;
  /** Excel number format of the column. */
  numFmt?: string;
}

/** One sheet of a streamed workbook: a bold, shaded, frozen header row with a filter, then the rows. */
export function writeSheet<Row>(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: XlsxColumn<Row>[], rows: Iterable<Row>, locale: Locale,
): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({ key: String(i), width: c.width, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
  const header = sheet.addRow(columns.map((c) => c.header[locale]));
  header.font = { bold: true };
  header.fill = HEADER_FILL;
  header.commit();
  for (const row of rows) sheet.addRow(columns.map((c) => c.value(row, locale))).commit();
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  sheet.commit();
}
