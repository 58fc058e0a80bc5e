import { describe, expect, it } from 'vitest';
import { priceClassCell } from '../../api/allocation/productService.js';
import { amountCell, countCell, parseCsv, readTable, yesNoCell, type ColumnSpec } from '../../api/http/spreadsheetImport.js';

const cells = (text: string) => parseCsv(text).rows.map((r) => [r.number, r.cells]);

describe('parseCsv', () => {
  it('numbers records as Excel shows rows: blank lines count, a quoted line break does not start a row', () => {
    expect(cells('a,b\r\n\r\n"x\r\ny",2\n3,"4 ""q"""\n')).toEqual([
      [1, ['a', 'b']], [2, ['']], [3, ['x\r\ny', '2']], [4, ['3', '4 "q"']],
    ]);
  });

  it('keeps a last record without a line end, even an empty quoted one', () => {
    expect(cells('a\n""')).toEqual([[1, ['a']], [2, ['']]]);
    expect(cells('a\n')).toEqual([[1, ['a']]]);
  });

  it('takes the delimiter the first line has most of', () => {
    expect(cells('a;b;c\n1;2,5;3')).toEqual([[1, ['a', 'b', 'c']], [2, ['1', '2,5', '3']]]);
    expect(cells('a\tb\n1\t2')).toEqual([[1, ['a', 'b']], [2, ['1', '2']]]);
  });

  it('reports the record whose quote never closes', () => {
    expect(parseCsv('a,b\n1,"2\n3,4\n').unclosed).toBe(2);
  });
});

describe('cells', () => {
  it('counts: whole numbers ≥ 0, thousands grouped or not', () => {
    expect([countCell(0), countCell(1200), countCell('1200'), countCell('1,200'), countCell('12,00'), countCell(-1), countCell(1.5), countCell('1.0')])
      .toEqual([0, 1200, 1200, 1200, undefined, undefined, undefined, undefined]);
  });

  it('amounts: above 0, at most two decimals, exact text', () => {
    expect([amountCell(265.8, 1000), amountCell(0.1 + 0.2, 1000), amountCell('1,060.5', 2000), amountCell('19.999', 1000),
      amountCell(0, 1000), amountCell('-5', 1000), amountCell(1000.01, 1000), amountCell('1,0.5', 1000)])
      .toEqual(['265.80', '0.30', '1060.50', undefined, undefined, undefined, undefined, undefined]);
  });

  it('price classes: 1–5, 一类…五类, 3类, 三', () => {
    expect(['1', 5, '一类', '五类', '3类', '三', ' 二 类', '6', '六类', '0', 2.5].map(priceClassCell)).toEqual([1, 5, 1, 5, 3, 3, 2, undefined, undefined, undefined, undefined]);
  });

  it('yes and no', () => {
    expect(['是', '否', 'Y', 'false', 1, '', 'maybe'].map(yesNoCell)).toEqual([true, false, true, false, true, undefined, null]);
  });
});

describe('readTable', () => {
  const specs: ColumnSpec<'code' | 'cartons'>[] = [
    { key: 'code', label: { 'zh-CN': '规格编码', en: 'Code' }, required: true },
    { key: 'cartons', label: { 'zh-CN': '可供量', en: 'Cartons' }, required: true },
  ];

  it('finds the header under a title row and maps columns in any order, by any of their names', () => {
    const table = readTable(parseCsv('2030年1月可供量\n\n可供量（条）,备注, CODE \n10,x,A\n').rows, specs, 'zh-CN');
    expect(table.rows.map((r) => [r.number, table.cell(r, 'code'), table.cell(r, 'cartons')])).toEqual([[4, 'A', '10']]);
  });

  it('422 for too many rows', () => {
    const rows = parseCsv(`code,cartons\n${'A,1\n'.repeat(5001)}`).rows;
    expect(() => readTable(rows, specs, 'en')).toThrow(expect.objectContaining({ errors: [{ path: '/rows', message: 'A file may have at most 5000 data rows' }] }));
  });
});
