import { apiRoute, jsonBody } from '../http/apiRoute.js';
import { IMPORT_BODY, IMPORT_ERRORS, importColumns, XLSX_DOWNLOAD } from '../openapi/shared.js';
import { fail, json, param, secured, tags } from '../openapi/helpers.js';
import {
  adminCustomerSchema, CUSTOMER_ADDRESS_MAX, CUSTOMER_BUSINESS_TYPE_MAX, CUSTOMER_LICENSE_MAX, CUSTOMER_NAME_MAX, CUSTOMER_STATUS_MAX,
  customerImportResultSchema, reassignCustomersBody, reassignResultSchema, updateCustomerBody,
} from './customerAdminContract.js';
import { CUSTOMER_CODE_MAX, CUSTOMER_COLUMNS, CUSTOMER_IMPORT_MAX_BYTES, CUSTOMER_IMPORT_MAX_ROWS } from './customerImport.js';

const MIB = CUSTOMER_IMPORT_MAX_BYTES / 1024 / 1024;

/** The routes of customerAdminRoutes.ts (customer master data, issue 14), each with its OpenAPI operation. */
export const customerAdminApi = {
  importCustomers: apiRoute('post', '/admin/customers/import', {
    tags: tags.customers,
    operationId: 'importCustomers',
    summary: 'Import customers from xlsx or csv: create or update by 客户编码',
    description: `Columns: ${importColumns(CUSTOMER_COLUMNS)}. A row creates the customer, or updates the one with its code; `
      + 'customers not in the file are left as they are. Without an optional column those fields are kept; an empty cell clears them. '
      + 'A changed tier writes a tier history row (source `import`) effective from the next allocation month, as an approved regrade does. '
      + `A row is bad for: an empty required cell; a code not of 1–${CUSTOMER_CODE_MAX} letters, digits, \`.\`, \`-\` or \`_\`, or repeating an `
      + `earlier row's; a name over ${CUSTOMER_NAME_MAX}, an address over ${CUSTOMER_ADDRESS_MAX}, a business type over ${CUSTOMER_BUSINESS_TYPE_MAX}, `
      + `a status over ${CUSTOMER_STATUS_MAX} or a licence number over ${CUSTOMER_LICENSE_MAX} characters; a tier other than 1–30 or D1–D30; `
      + 'a market type other than 城网/农网 or urban/rural; a manager who is not the username of an active customer manager. '
      + 'The body is the raw file with its type as `Content-Type` (xlsx or `text/csv`, UTF-8), headers in Chinese or English, as the '
      + `product import reads it; at most ${CUSTOMER_IMPORT_MAX_ROWS} data rows and ${MIB} MiB. Every bad row is reported at `
      + '`/rows/<row>/<column>` and a file with any bad row stores nothing (one transaction). The same file twice changes nothing the '
      + 'second time (all `unchanged`). One audit event `customers.imported` with the counts. For admins (403 otherwise). '
      + 'With `?dryRun=true` the same checks and counts and a preview of the first rows, and nothing is stored.',
    parameters: [
      { name: 'dryRun', in: 'query', description: '`true`: check and count only (a preview); nothing is stored.', schema: { type: 'boolean' } },
      param('AcceptLanguage'),
    ],
    requestBody: IMPORT_BODY,
    responses: secured({
      '200': json('Stored, all rows.', customerImportResultSchema),
      ...IMPORT_ERRORS,
      '403': fail('Forbidden', 'Not an admin.'),
      '413': fail('FileTooLarge', `Over ${MIB} MiB (\`details.maxBytes\`).`),
      '422': fail('Unprocessable', 'Bad rows at `/rows/<row>/<column>` (e.g. `/rows/7/manager`), a required column missing at '
        + '`/columns/<key>` (or given twice), no data rows or too many at `/rows`, an empty file or a csv that is not UTF-8 at the root.'),
    }),
  }),
  exportCustomers: apiRoute('get', '/admin/customers/export', {
    tags: tags.customers,
    operationId: 'exportCustomers',
    summary: 'Every customer as xlsx, with the import\'s columns',
    description: 'A download `客户资料-YYYY-MM-DD.xlsx` (`customers-…` in English) with the import\'s columns headed in the caller\'s '
      + 'language, by code: tiers as `D12`, market types as 城网/农网 (urban/rural), the manager\'s username. Imported again unchanged, it '
      + 'changes nothing. For admins and the dept head (403 otherwise).',
    parameters: [param('AcceptLanguage')],
    responses: secured({
      '200': XLSX_DOWNLOAD,
      '403': fail('Forbidden', 'Not an admin or the dept head.'),
    }),
  }),
  updateCustomer: apiRoute('patch', '/admin/customers/:id', {
    tags: tags.customers,
    operationId: 'updateCustomer',
    summary: 'Change one customer\'s master data',
    description: 'The given fields change; a new tier writes a tier history row (source `admin`), effective from the next allocation '
      + 'month. One audit event `customer.updated` with each changed field\'s old and new value (none when nothing changes). For admins.',
    parameters: [param('CustomerId'), param('AcceptLanguage')],
    requestBody: jsonBody(updateCustomerBody),
    responses: secured({
      '200': json('The customer as it is now.', adminCustomerSchema),
      '403': fail('Forbidden', 'Not an admin.'),
      '404': fail('NotFound', 'No such customer, or a malformed id.'),
      '422': fail('Unprocessable', 'A bad field, at its path; an empty body or an unknown field.'),
    }),
  }),
  reassignCustomers: apiRoute('post', '/admin/customers/reassign', {
    tags: tags.customers,
    operationId: 'reassignCustomers',
    summary: 'Give customers to another customer manager',
    description: 'The listed customers (`customerIds`), or every customer of `fromManagerId`, get `toManagerId` as their manager. '
      + 'One audit event `customers.reassigned` lists each moved customer with its former manager. The open tasks about these '
      + 'customers that their former manager holds personally go to the new manager through each task\'s workflow (audited '
      + '`task.handedOver`, the new manager notified); `handOver` says how many. For admins.',
    parameters: [param('AcceptLanguage')],
    requestBody: jsonBody(reassignCustomersBody),
    responses: secured({
      '200': json('The moved customers.', reassignResultSchema),
      '403': fail('Forbidden', 'Not an admin.'),
      '422': fail('Unprocessable', 'Neither or both of `customerIds` and `fromManagerId` (at the root); an unknown customer at '
        + '`/customerIds/<index>`; `toManagerId` not an active customer manager.'),
    }),
  }),
};
