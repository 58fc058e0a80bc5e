import { describe, expect, it } from 'vitest';
import { browserSuite } from '../support/browser.js';

/** The dept head imports next month's availability in the browser: a bad row refuses the file, a good one is shown. */
const suite = browserSuite('products');
const { as } = suite;

const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');

describe('products and availability in the browser', () => {
  it('a file with a bad row is refused with the row named and nothing changed; a good one is imported and shown', { timeout: 90_000 }, async () => {
    const head = await as('head');
    await head.getByRole('link', { name: '规格与可供量' }).click();
    const table = head.getByTestId('availability-table');
    await table.waitFor();
    const [first] = (await suite.stack.orm.em.fork().execute<{ code: string }[]>('select code from products order by code limit 1'));
    const code = first!.code;
    const month = await head.getByLabel('月份').inputValue();

    await head.getByTestId(`import-/allocation/availability/import?month=${month}`).setInputFiles({
      name: '可供量.csv', mimeType: 'text/csv', buffer: csv(['规格编码,可供量', `${code},12345`, 'NOPE-1,10']),
    });
    await expect.poll(() => head.getByTestId('import-errors').textContent()).toContain('第 3 行');
    expect(await table.textContent()).not.toContain('12,345');

    await head.getByTestId(`import-/allocation/availability/import?month=${month}`).setInputFiles({
      name: '可供量.csv', mimeType: 'text/csv', buffer: csv(['规格编码,可供量', `${code},12345`]),
    });
    await head.getByText('已导入 1 行').waitFor();
    await expect.poll(() => table.textContent()).toContain('12,345');
    await head.screenshot({ path: 'test-artifacts/products.png' });
  });
});
