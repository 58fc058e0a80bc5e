import { apiRoute, jsonBody } from '../http/apiRoute.js';
import { IMPORT_BODY, IMPORT_ERRORS, IMPORT_FILE, importColumns } from '../openapi/shared.js';
import { fail, json, month, param, secured, tags } from '../openapi/helpers.js';
import { productStrategyBody, strategyCopyBody, strategyPreviewBody } from './allocationStrategyContract.js';
import { FIXED_COLUMNS, FIXED_QUANTITY_MAX } from './allocationStrategyService.js';

const monthParam = { name: 'month', in: 'path', required: true, description: 'The allocation month, `YYYY-MM`; else 422 at `/month`.', schema: month } as const;
const productParam = { name: 'productId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } } as const;
const readers = 'For supervisors, the dept head, leaders and admins (others 403).';
const writers = 'The dept head and admins (others 403).';
const strategyRule = 'A month without a saved strategy for a product takes the latest earlier month\'s (`source: copied`), else its price '
  + 'class\'s default (`source: default`). Tier vectors are 30 numbers, D1 first.';

/** The routes of allocationStrategyRoutes.ts (投放策略, issue 18), each with its OpenAPI operation. */
export const allocationStrategyApi = {
  listAllocationStrategies: apiRoute('get', '/allocation/months/:month/strategies', {
    tags: tags.allocation,
    operationId: 'listAllocationStrategies',
    summary: 'The month\'s products with their allocation strategy (投放策略)',
    description: `${readers} The products with an availability for the month. ${strategyRule} With a plan drafted: the strategy it `
      + 'was drafted with, whether the strategy changed since and whether the product can still be drafted again (before review starts).',
    parameters: [monthParam, param('AcceptLanguage')],
    responses: secured({ '200': json('The month\'s strategies.', { type: 'object' }), '403': fail('Forbidden'), '422': fail('Unprocessable', 'A bad month.') }),
  }),
  putAllocationStrategies: apiRoute('put', '/allocation/months/:month/strategies', {
    tags: tags.allocation,
    operationId: 'putAllocationStrategies',
    summary: 'Save several products\' strategies for the month at once (all or none)',
    description: `${writers} Each item as \`PUT …/strategies/{productId}\`; errors at \`/items/<i>/…\`.`,
    parameters: [monthParam, param('AcceptLanguage')],
    requestBody: jsonBody({
      type: 'object', required: ['items'], additionalProperties: false,
      properties: {
        items: {
          type: 'array', minItems: 1, maxItems: 500,
          items: { type: 'object', required: ['productId', 'strategy'], additionalProperties: false, properties: { productId: { type: 'integer', minimum: 1 }, strategy: productStrategyBody } },
        },
      },
    } as const),
    responses: secured({ '200': json('The month\'s strategies, as listed.', { type: 'object' }), '403': fail('Forbidden'), '422': fail('Unprocessable') }),
  }),
  copyAllocationStrategies: apiRoute('post', '/allocation/months/:month/strategies/copy', {
    tags: tags.allocation,
    operationId: 'copyAllocationStrategies',
    summary: 'Copy last month\'s strategies into this month (复制上月策略)',
    description: `${writers} Every strategy saved for \`from\` (default: the month before) replaces this month's for that product.`,
    parameters: [monthParam, param('AcceptLanguage')],
    requestBody: jsonBody(strategyCopyBody),
    responses: secured({ '200': json('How many were copied, and the month\'s strategies.', { type: 'object' }), '403': fail('Forbidden'), '422': fail('Unprocessable') }),
  }),
  getAllocationStrategy: apiRoute('get', '/allocation/months/:month/strategies/:productId', {
    tags: tags.allocation,
    operationId: 'getAllocationStrategy',
    summary: 'One product\'s strategy for the month, with its named customers',
    description: `${readers} ${strategyRule}`,
    parameters: [monthParam, productParam, param('AcceptLanguage')],
    responses: secured({
      '200': json('The strategy.', { type: 'object' }), '403': fail('Forbidden'),
      '422': fail('Unprocessable', 'A bad month, or a product without availability that month (at `/productId`).'),
    }),
  }),
  putAllocationStrategy: apiRoute('put', '/allocation/months/:month/strategies/:productId', {
    tags: tags.allocation,
    operationId: 'putAllocationStrategy',
    summary: 'Save one product\'s strategy for the month',
    description: `${writers} Idempotent. Checked against the month's availability and the cap: every problem at its path. Audited (\`allocation.strategySet\`).`,
    parameters: [monthParam, productParam, param('AcceptLanguage')],
    requestBody: jsonBody(productStrategyBody),
    responses: secured({
      '200': json('The strategy as stored.', { type: 'object' }), '403': fail('Forbidden'),
      '422': fail('Unprocessable', 'E.g. `/profile/ratio` below 1, `/profile/weights` not 30 or growing down the tiers, `/fixed` above the availability, '
        + '`/fixed/<i>/quantity` above the cap, `/fixed/<i>/customerId` unknown or twice, `/productId` no such active product.'),
    }),
  }),
  redraftAllocationProduct: apiRoute('post', '/allocation/months/:month/strategies/:productId/redraft', {
    tags: tags.allocation,
    operationId: 'redraftAllocationProduct',
    summary: 'Draft the product again in the month\'s plan under its current strategy (before review starts)',
    description: `${writers} Replaces the product's lines and totals in the month's plan while it is a draft or under review and no manager has submitted. Audited (\`allocation.redrafted\`).`,
    parameters: [monthParam, productParam, param('AcceptLanguage')],
    responses: secured({
      '200': json('The product\'s new tier vectors and total.', { type: 'object' }), '403': fail('Forbidden'),
      '409': fail('Conflict', 'No plan before review for the month, review has started, or the product is not in the plan.'), '422': fail('Unprocessable'),
    }),
  }),
  importAllocationFixed: apiRoute('post', '/allocation/months/:month/strategies/fixed/import', {
    tags: tags.allocation,
    operationId: 'importAllocationFixed',
    summary: 'Read a 选点定量 list (named customers with fixed cartons) from xlsx or csv',
    description: `${writers} Columns: ${importColumns(FIXED_COLUMNS)}. Returns the customers and their cartons; nothing is stored (the strategy form `
      + `saves them). A row is bad for an unknown customer code, a code twice, or cartons that are not a whole number from 0 to ${FIXED_QUANTITY_MAX}. ` + IMPORT_FILE,
    parameters: [monthParam, param('AcceptLanguage')],
    requestBody: IMPORT_BODY,
    responses: secured({
      '200': json('The named customers.', { type: 'object' }), ...IMPORT_ERRORS,
      '422': fail('Unprocessable', 'Bad rows at `/rows/<row>/<column>`, a missing column at `/columns/<key>`, no rows at `/rows`.'),
    }),
  }),
  previewAllocation: apiRoute('post', '/allocation/preview', {
    tags: tags.allocation,
    operationId: 'previewAllocation',
    summary: 'What a strategy would draft for a product this month (live preview)',
    description: `${readers} By the draft's own code, so the numbers equal the draft's for the same customers, availability and strategy: `
      + 'per tier (per market when split), customers served, total, shortfall, and the change per tier against the previous month\'s published plan.',
    parameters: [param('AcceptLanguage')],
    requestBody: jsonBody(strategyPreviewBody),
    responses: secured({
      '200': json('The preview.', { type: 'object' }), '403': fail('Forbidden'),
      '422': fail('Unprocessable', 'Problems of the strategy at `/strategy/…`, a product without availability at `/productId`.'),
    }),
  }),
};
