import { apiRoute } from '../http/apiRoute.js';
import { json, param, schema, secured, tags } from '../openapi/helpers.js';

/** The routes of configRoutes.ts, each with its OpenAPI operation (the document is generated from these). */
export const configApi = {
  getClientConfig: apiRoute('get', '/config', {
    tags: tags.config,
    operationId: 'getClientConfig',
    summary: 'Deployment facts the web app needs',
    parameters: [param('AcceptLanguage')],
    responses: secured({ '200': json('The configuration.', schema('ClientConfig')) }),
  }),
};
