import { AVAILABILITY_COLUMNS, CARTONS_MAX } from './availabilityService.js';
import { IMPORT_BODY, IMPORT_ERRORS, IMPORT_FILE, importColumns } from '../openapi/shared.js';
import { PRODUCT_BRAND_MAX, PRODUCT_CODE_MAX, PRODUCT_COLUMNS, PRODUCT_NAME_MAX, PRODUCT_PRICE_MAX } from './productService.js';
import { apiRoute } from '../http/apiRoute.js';
import { fail, json, month, param, schema, secured, tags } from '../openapi/helpers.js';

/** The routes of allocationDataRoutes.ts, each with its OpenAPI operation (the document is generated from these). */
export const allocationDataApi = {
  listProducts: apiRoute('get', '/products', {
    tags: tags.allocation,
    operationId: 'listProducts',
    summary: 'The product list (规格), a page',
    description: 'For every signed-in user. Sorted by price class, then code.',
    parameters: [
      { name: 'q', in: 'query', description: 'Case-insensitive substring of code, name or brand.', schema: { type: 'string' } },
      {
        name: 'priceClass', in: 'query', description: '1–5 (or `一类`…`五类`); else 422 at `/priceClass`.',
        schema: { type: 'integer', minimum: 1, maximum: 5 },
      },
      { name: 'active', in: 'query', description: 'Only products on sale (`true`) or not (`false`); else 422 at `/active`.', schema: { type: 'string', enum: ['true', 'false'] } },
      param('Page'), param('Size'), param('AcceptLanguage'),
    ],
    responses: secured({
      '200': json('One page.', schema('ProductPage')),
      '422': fail('Unprocessable', 'A bad `priceClass` or `active`.'),
    }),
  }),
  importProducts: apiRoute('post', '/products/import', {
    tags: tags.allocation,
    operationId: 'importProducts',
    summary: 'Import the product list from xlsx or csv: create or update by code',
    description: `Columns: ${importColumns(PRODUCT_COLUMNS)}. A row creates the product, or updates the one with its code; `
      + 'products not in the file are left as they are. A row is bad for: an empty required cell; a code not of 1–'
      + `${PRODUCT_CODE_MAX} letters, digits, \`.\`, \`-\` or \`_\`, or repeating an earlier row's; a name over ${PRODUCT_NAME_MAX} or a brand over ${PRODUCT_BRAND_MAX} characters; `
      + `a price class other than 1–5, \`一类\`…\`五类\` (\`3类\` and \`三\` too); a price not above 0, over ${PRODUCT_PRICE_MAX} or with more `
      + 'than 2 decimals (`1,060.50` is fine); an active cell other than 是/否, yes/no, true/false, 1/0 (empty: active). ' + IMPORT_FILE,
    parameters: [param('AcceptLanguage')],
    requestBody: IMPORT_BODY,
    responses: secured({
      '200': json('Stored, all rows.', schema('ImportResult')),
      ...IMPORT_ERRORS,
      '422': fail('Unprocessable', 'Bad rows at `/rows/<row>/<column>` (e.g. `/rows/7/priceClass`), a required column missing at '
        + '`/columns/<key>` (or given twice), no data rows or too many at `/rows`, an empty file or a csv that is not UTF-8 at the root.'),
    }),
  }),
  getAvailability: apiRoute('get', '/allocation/availability', {
    tags: tags.allocation,
    operationId: 'getAvailability',
    summary: 'A month\'s availability (可供量) per product',
    description: 'For supervisors, the dept head, leaders and admins (others 403). Products without a figure for the month are not listed.',
    parameters: [
      {
        name: 'month', in: 'query', description: '`YYYY-MM` (default: this month in China); else 422 at `/month`.',
        schema: { ...month, examples: ['2026-12'] },
      },
      param('AcceptLanguage'),
    ],
    responses: secured({
      '200': json('The month\'s figures, by price class and code.', schema('Availability')),
      '403': fail('Forbidden', 'Not a supervisor, dept head, leader or admin.'),
      '422': fail('Unprocessable', 'A bad `month`.'),
    }),
  }),
  importAvailability: apiRoute('post', '/allocation/availability/import', {
    tags: tags.allocation,
    operationId: 'importAvailability',
    summary: 'Import a month\'s availability from xlsx or csv',
    description: `Columns: ${importColumns(AVAILABILITY_COLUMNS)}. The listed products' figures for the month replace what it had; `
      + 'other products keep theirs. A row is bad for: a code not on the product list, of a product no longer active, or repeating an '
      + `earlier row's; cartons that are not a whole number from 0 to ${CARTONS_MAX} (\`1,200\` is fine). ` + IMPORT_FILE,
    parameters: [
      {
        name: 'month', in: 'query', required: true, description: 'The allocation month, `YYYY-MM`; else 422 at `/month` (before the body is read).',
        schema: { ...month, examples: ['2026-12'] },
      },
      param('AcceptLanguage'),
    ],
    requestBody: IMPORT_BODY,
    responses: secured({
      '200': json('Stored, all rows.', schema('AvailabilityImportResult')),
      ...IMPORT_ERRORS,
      '422': fail('Unprocessable', 'A bad `month`; bad rows at `/rows/<row>/<column>` (e.g. `/rows/3/code` for an unknown code), a required '
        + 'column missing at `/columns/<key>`, no data rows or too many at `/rows`, an empty file or a csv that is not UTF-8 at the root.'),
    }),
  }),
};
