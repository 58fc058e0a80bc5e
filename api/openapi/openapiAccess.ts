import { accessTable, sameForEveryAccount } from '../http/accessTable.js';
import { openapiApi } from './openapiApi.js';

/** The API's document is public. */
export const openapiAccess = accessTable(openapiApi, {
  getOpenApi: { request: { path: '/api/openapi.json' }, expect: sameForEveryAccount(200, 200) },
});
