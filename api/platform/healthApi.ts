import { fail, json, schema, secured, tags } from '../openapi/helpers.js';
import { apiRoute, rootRoute } from '../http/apiRoute.js';
import { adminHealthSchema } from './healthContract.js';

/** The routes of healthRoutes.ts, each with its OpenAPI operation (the document is generated from these). */
export const healthApi = {
  healthz: rootRoute('get', '/healthz', {
    tags: tags.health,
    operationId: 'healthz',
    summary: 'Liveness: the process answers',
    security: [],
    responses: {
      '200': json('Up.', { type: 'object', required: ['status'], properties: { status: { const: 'ok' } } }),
    },
  }),
  readyz: rootRoute('get', '/readyz', {
    tags: tags.health,
    operationId: 'readyz',
    summary: 'Readiness: PostgreSQL and Temporal answer',
    security: [],
    responses: {
      '200': json('Ready.', schema('Readiness')),
      '503': json('Not ready; the flags say which dependency failed (this body is not the error shape).', schema('Readiness')),
    },
  }),
  adminHealth: apiRoute('get', '/admin/health', {
    tags: tags.health,
    operationId: 'adminHealth',
    summary: 'Dependencies and the last reconciliation of the projection with Temporal (admins only)',
    responses: secured({ '200': json('Health.', adminHealthSchema), '403': fail('Forbidden', 'Not an admin.') }),
  }),
};
