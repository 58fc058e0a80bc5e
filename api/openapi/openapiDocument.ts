/**
 * The OpenAPI 3.1 description of the HTTP API, served at `GET /api/openapi.json`.
 * Its paths are generated from the routes' own declarations (each feature's `*Api.ts`).
 */
import { components } from './components.js';
import { openApiPaths } from '../http/apiRoute.js';
import { API_ROUTES } from './apiRoutes.js';
import { documentNulRefusal } from '../http/nulCharacters.js';

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'dutyflow API',
    version: '1',
    description: [
      'Task and process API of dutyflow (processes run on Temporal; PostgreSQL holds the queryable projection).',
      '',
      '- Authentication: `POST /api/auth/login` returns a JWT (HS256, 12 h) and also sets it as the HttpOnly cookie',
      '  `dutyflow_session`. Send it as `Authorization: Bearer <token>` or let the browser send the cookie.',
      '  Every `/api` route except login and this document answers 401 without a valid session;',
      '  unknown `/api` routes answer 404 (after the session check).',
      '- Errors have one shape everywhere: `{"error":{"code","message","details?"}}`, never a stack trace.',
      '  422 adds the field errors at top level too (`errors: [{path, message}]`).',
      '- Text never holds U+0000: a NUL in any query parameter, path parameter or JSON string answers 422 at its path.',
      '- Language: messages (errors, field errors) are in zh-CN by default. An `Accept-Language` naming `zh` or `en`',
      '  wins, then the signed-in user\'s own locale, then zh-CN. Labels (process, form titles) come in both languages.',
      '- Customer tiers (档位) are integers 1–30 in the API, shown to people as D1–D30 (D30 highest).',
      '- Starting a regrade takes the `regrade-proposal` form as `data`; approval tasks are completed with',
      '  `outcome: approve | reject | return` (`approval-decision` form).',
      '- Writes are idempotent per client `requestId`.',
    ].join('\n'),
  },
  servers: [{ url: '/' }],
  tags: [
    { name: 'auth', description: 'Sessions.' },
    { name: 'forms', description: 'Versioned JSON Schema / JSON Forms definitions of every record form.' },
    { name: 'processes', description: 'Processes the caller may start.' },
    { name: 'instances', description: 'Process instances (runs).' },
    { name: 'tasks', description: 'The inbox: human steps of running processes.' },
    { name: 'attachments', description: 'Uploaded files (photos, documents) that form fields of format `attachment` hold by id.' },
    { name: 'customers', description: 'Retail customers and their tier history.' },
    { name: 'me', description: 'The signed-in user\'s own settings, saved inbox filters, notifications and webhook.' },
    { name: 'users', description: 'Names for user ids.' },
    { name: 'config', description: 'Deployment facts for the web app.' },
    { name: 'calendar', description: 'The work calendar (法定节假日, 调休上班日) that working-day deadlines count with; admins only.' },
    { name: 'hazards', description: 'The hazard ledger (隐患台账): list, Excel/CSV export, statistics, one hazard.' },
    { name: 'assignments', description: '领导交办事项 (督办): the monthly 通报 and its xlsx export.' },
    { name: 'learning', description: 'Learning records (学习记录, 自身建设): one person\'s year and its hours.' },
    { name: 'allocation', description: 'What the monthly allocation (月度货源投放) is planned from: products (规格) and each month\'s availability (可供量), imported from xlsx/csv.' },
    { name: 'service', description: 'Customer service (issue 16): the complaint ledger (投诉台账) and visit records (拜访记录), with xlsx/csv exports.' },
    { name: 'health', description: 'Liveness and readiness probes (outside /api).' },
  ],
  security: [{ bearerAuth: [] }, { cookieAuth: [] }],
  paths: openApiPaths(API_ROUTES.map(documentNulRefusal)),
  components,
} as const;
