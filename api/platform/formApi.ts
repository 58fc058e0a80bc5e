import { apiRoute } from '../http/apiRoute.js';
import { fail, json, list, param, schema, secured, tags } from '../openapi/helpers.js';

/** The routes of formRoutes.ts, each with its OpenAPI operation (the document is generated from these). */
export const formApi = {
  listForms: apiRoute('get', '/forms', {
    tags: tags.forms,
    operationId: 'listForms',
    summary: 'All forms (current versions)',
    parameters: [param('AcceptLanguage')],
    responses: secured({
      '200': list('FormSummary', 'Summaries.'),
    }),
  }),
  getForm: apiRoute('get', '/forms/:key', {
    tags: tags.forms,
    operationId: 'getForm',
    summary: 'One form definition',
    parameters: [param('FormKey'), param('AcceptLanguage')],
    responses: secured({ '200': json('The form.', schema('Form')), '404': fail('NotFound', 'No form with this key.') }),
  }),
};
