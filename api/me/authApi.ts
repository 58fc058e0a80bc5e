import { apiRoute } from '../http/apiRoute.js';
import { fail, json, param, schema, secured, tags } from '../openapi/helpers.js';

/** The routes of authRoutes.ts, each with its OpenAPI operation (the document is generated from these). */
export const authApi = {
  login: apiRoute('post', '/auth/login', {
    tags: tags.auth,
    operationId: 'login',
    summary: 'Sign in',
    description: 'Checks username and password of an active user. A missing or wrong field is 401 (not 422).',
    security: [],
    parameters: [param('AcceptLanguage')],
    requestBody: { required: true, content: { 'application/json': { schema: schema('LoginRequest') } } },
    responses: {
      '200': {
        ...json('Signed in.', schema('LoginResponse')),
        headers: {
          'Set-Cookie': {
            description: '`dutyflow_session=<token>; Path=/; Max-Age=43200; HttpOnly; SameSite=Lax`',
            schema: { type: 'string' },
          },
        },
      },
      '400': fail('InvalidJson'),
      '401': fail('Unauthorized', 'Wrong username or password (`code: unauthenticated`).'),
      '413': fail('InvalidJson', 'The body is over 1 MB (`code: entity_too_large`).'),
      '500': fail('Internal'),
    },
  }),
  logout: apiRoute('post', '/auth/logout', {
    tags: tags.auth,
    operationId: 'logout',
    summary: 'Sign out',
    description: 'Clears the session cookie (the JWT itself stays valid until it expires).',
    responses: secured({
      '204': {
        description: 'Cookie cleared.',
        headers: { 'Set-Cookie': { description: 'Expires `dutyflow_session`.', schema: { type: 'string' } } },
      },
    }),
  }),
  getMe: apiRoute('get', '/me', {
    tags: tags.auth,
    operationId: 'getMe',
    summary: 'The signed-in user',
    parameters: [param('AcceptLanguage')],
    responses: secured({ '200': json('The caller.', schema('User')) }),
  }),
};
