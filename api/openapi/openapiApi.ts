import { apiRoute } from '../http/apiRoute.js';
import { json, tags } from './helpers.js';

/** The route of the document itself (served before the session check). */
export const openapiApi = {
  getOpenApi: apiRoute('get', '/openapi.json', {
    tags: tags.auth,
    operationId: 'getOpenApi',
    summary: 'This document',
    security: [],
    responses: { '200': json('OpenAPI 3.1 document.', { type: 'object' }) },
  }),
};
