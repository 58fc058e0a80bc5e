import { PLAN_EXPORT_MONTH, PLAN_EXPORT_VERSION, XLSX_DOWNLOAD } from '../openapi/shared.js';
import { apiRoute, jsonBody } from '../http/apiRoute.js';
import { fail, json, month, param, secured, tags, userId } from '../openapi/helpers.js';
import { chaseBody, chaseResultSchema } from '../processes/processContract.js';

/** The routes of allocationCycleRoutes.ts, each with its OpenAPI operation (the document is generated from these). */
export const allocationCycleApi = {
  listAllocationCycles: apiRoute('get', '/allocation/cycles', {
    tags: tags.allocation,
    operationId: 'listAllocationCycles',
    summary: 'The monthly allocation plans (versions and their status)',
    responses: secured({ '200': json('Plans, newest month first.', { type: 'object' }), '403': fail('Forbidden') }),
  }),
  getAllocationCycle: apiRoute('get', '/allocation/cycles/:month', {
    tags: tags.allocation,
    operationId: 'getAllocationCycle',
    summary: 'One month\'s plan: status, version, per product availability / drafted / allocated and tier vector, each manager\'s part, '
      + 'the month\'s flags (big customers, over-cap lines with their decision, 内管 warnings; a supervisor gets their managers\' customers\' only) '
      + 'and, once closed, its summary',
    parameters: [
      { name: 'month', in: 'path', required: true, schema: month },
      { name: 'version', in: 'query', schema: { type: 'integer', minimum: 1 } },
    ],
    responses: secured({ '200': json('The plan.', { type: 'object' }), '403': fail('Forbidden'), '404': fail('NotFound'), '422': fail('Unprocessable') }),
  }),
  allocationLines: apiRoute('get', '/allocation/cycles/:month/lines', {
    tags: tags.allocation,
    operationId: 'allocationLines',
    summary: 'A plan\'s lines (customer × product), of the customers the caller reads',
    description: 'Who reads whose lines, as the plan export: a customer manager their own customers, a supervisor their managers\', '
      + 'the dept head, leaders and admins everyone\'s. Without `managerId` the page holds only those; a `managerId` or `customerId` '
      + 'beyond them is 403.',
    parameters: [
      { name: 'month', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'managerId', in: 'query', schema: { type: 'integer' } },
      { name: 'customerId', in: 'query', schema: { type: 'integer' } },
      { name: 'product', in: 'query', schema: { type: 'string' } },
      param('Page'), param('Size'),
    ],
    responses: secured({
      '200': json('A page of lines.', { type: 'object' }),
      '403': fail('Forbidden', 'Not a customer manager, supervisor, dept head, leader or admin; or a `managerId` / `customerId` whose customers the caller may not read.'),
      '404': fail('NotFound'), '422': fail('Unprocessable'),
    }),
  }),
  exportAllocationPlan: apiRoute('get', '/allocation/cycles/:month/export', {
    tags: tags.allocation,
    operationId: 'exportAllocationPlan',
    summary: 'The month\'s published plan as xlsx: whole, one manager\'s customers, or one customer',
    description: 'A download `月度投放方案-YYYY-MM[-v<version>][-<manager name>|-<customer code>].xlsx` (`allocation-plan-…` in English), '
      + 'headers in the caller\'s language, bold and frozen, quantities (cartons, 条) as numbers. `scope=all` and `scope=manager`: sheet '
      + '投放明细, a row per customer (客户编码, 客户名称, 档位 D1–D30 as the month counted it, 市场类型, 客户经理) and a column per product, '
      + 'its code in the first header row and its name in the second, 0 where the plan has no line; sheet 规格汇总 per product (规格编码, 名称, '
      + '价类, 可供量 of the whole month, and over the exported customers 测算量, 投放量, 调整户数). `scope=customer`: one sheet, a row per '
      + 'product (客户编码, 客户名称, 档位, 规格编码, 规格名称, 价类, 数量（条）). Who may export what, as the lines: a customer manager only their '
      + 'own customers (`scope=manager` for themselves, `scope=customer` for one of theirs), a supervisor their managers\' (`scope=all` is '
      + 'theirs), the dept head, leaders and admins everything; anything else 403. Streamed: a month of 30,000 customers × 150 products '
      + 'takes ~10–14 s on two cores.',
    parameters: [
      PLAN_EXPORT_MONTH,
      { name: 'scope', in: 'query', description: 'Default `all`; else 422 at `/scope`.', schema: { type: 'string', enum: ['all', 'manager', 'customer'] } },
      { name: 'managerId', in: 'query', description: 'With `scope=manager`: whose customers (default: the caller); no such user: 422 at `/managerId`.', schema: userId },
      { name: 'customerId', in: 'query', description: 'With `scope=customer`, required (422 at `/customerId`); no such customer: 404.', schema: { type: 'integer', minimum: 1 } },
      PLAN_EXPORT_VERSION,
      param('AcceptLanguage'),
    ],
    responses: secured({
      '200': XLSX_DOWNLOAD,
      '403': fail('Forbidden', 'Customers the caller may not read, or an unpublished version for anyone but the dept head and admins.'),
      '404': fail('NotFound', 'No published plan for the month (`message`: not yet published), no such version, or no such customer.'),
      '422': fail('Unprocessable', 'A bad `month`, `scope`, `managerId`, `customerId` or `version` (each at its own path).'),
    }),
  }),
  exportAllocationSummary: apiRoute('get', '/allocation/cycles/:month/summary.xlsx', {
    tags: tags.allocation,
    operationId: 'exportAllocationSummary',
    summary: 'The allocation cycle\'s summary as xlsx',
    description: 'For supervisors, the dept head, leaders and admins (others 403). A download `投放总结-YYYY-MM[-v<version>].xlsx` '
      + '(`allocation-summary-…` in English), headers in the caller\'s language: 概况 (month, version, status, who published and when, '
      + 'products, customers, totals), 规格投放 per product (规格编码, 名称, 价类, 可供量, 测算量, 投放量, 结余, 投放率, 调整户数), 客户经理 per '
      + 'manager\'s part (客户经理, 审核人, 客户数, 测算量, 投放量, 调整户数, 调整行数, 状态, 审核轮次, 提交时间, 审批人, 审批时间, 审批意见), and '
      + 'once the cycle has closed the month 月末总结 (market reports due / on time / late / missing, lines adjusted, big customers, 内管 flags, '
      + 'over-cap lines cut back) and 市场报告 (客户经理, 截止时间, 提交时间, 结果 按时 / 逾期 / 未提交); while the month runs those two are left out.',
    parameters: [
      PLAN_EXPORT_MONTH,
      PLAN_EXPORT_VERSION,
      param('AcceptLanguage'),
    ],
    responses: secured({
      '200': XLSX_DOWNLOAD,
      '403': fail('Forbidden', 'Not a supervisor, dept head, leader or admin; or an unpublished version for anyone but the dept head and admins.'),
      '404': fail('NotFound', 'No published plan for the month, or no such version.'),
      '422': fail('Unprocessable', 'A bad `month` or `version`.'),
    }),
  }),
  allocationStartMonths: apiRoute('get', '/allocation/start-months', {
    tags: tags.allocation,
    operationId: 'allocationStartMonths',
    summary: 'The months a 月度货源投放 may be started for (发起本月投放)',
    description: 'For those who may start process `allocation-cycle` (the dept head and admins; others 403): from this China month on, '
      + 'each month with availability imported and no cycle yet (none starting, running or completed), at most 24, earliest first, with '
      + 'its products and cartons; `current` is this month. The start itself is `POST /api/processes/allocation-cycle/instances '
      + '{data:{month}, requestId}`, which answers 409 (`allocationCycleOpen`) for a month whose cycle runs.',
    responses: secured({
      '200': json('Months.', {
        type: 'object', required: ['current', 'items'],
        properties: {
          current: { ...month, description: 'This month in China.' },
          items: {
            type: 'array',
            items: {
              type: 'object', required: ['month', 'products', 'cartons'],
              properties: { month, products: { type: 'integer', minimum: 1 }, cartons: { type: 'integer', minimum: 0 } },
            },
          },
        },
      }),
      '403': fail('Forbidden', 'Not the dept head or an admin.'),
    }),
  }),
  chaseAllocationPart: apiRoute('post', '/allocation/cycles/:month/parts/:managerId/chase', {
    tags: tags.allocation,
    operationId: 'chaseAllocationPart',
    summary: '催办 one customer manager whose part of the month\'s plan awaits their review (dept head only)',
    description: 'From the overview: the manager\'s open review task of the month\'s newest plan gets a `task_chased` notification and a '
      + '`task.chased` event on the cycle\'s timeline, both with the dept head\'s `comment`. One review task is chased at most once an hour '
      + '(by anyone, the cycle\'s starter too): 409 `chaseTooSoon` with `details.nextAt`. The same `requestId` again answers the first chase. '
      + 'The overview shows each part\'s `lastChasedAt`.',
    parameters: [
      { name: 'month', in: 'path', required: true, schema: month },
      { name: 'managerId', in: 'path', required: true, schema: userId },
    ],
    requestBody: jsonBody(chaseBody),
    responses: secured({
      '200': json('Chased.', chaseResultSchema),
      '403': fail('Forbidden', 'Not the dept head.'),
      '404': fail('NotFound', 'No plan for the month, or `managerId` names no user (`userNotFound`; a malformed id too).'),
      '409': fail('Conflict', 'The manager has no review waiting (`allocationChaseNotPending`: submitted, approved, or no part), the cycle has '
        + 'ended (`chaseEnded`), or the review was chased within the hour (`chaseTooSoon`, `details.nextAt`).'),
      '422': fail('Unprocessable', 'A bad `month`, or a body without `requestId` or with a longer `comment`.'),
    }),
  }),
};
