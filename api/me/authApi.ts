import { apiRoute, jsonBody } from '../http/apiRoute.js';
import { loginBody, meSchema } from './meContract.js';
import { fail, json, param, schema, secured, tags } from '../openapi/helpers.js';

/** The routes of authRoutes.ts, each with its OpenAPI operation (the document is generated from these). */
export const authApi = {
  login: apiRoute('post', '/auth/login', {
    tags: tags.auth,
    operationId: 'login',
    summary: 'Sign in',
    description: 'Checks username and password of an active user: a missing field is 422 at its path, a wrong one 401. After '
      + 'DUTYFLOW_LOGIN_MAX_FAILURES failed sign-ins for one username, or DUTYFLOW_LOGIN_MAX_FAILURES_PER_ADDRESS from one client '
      + 'address, within DUTYFLOW_LOGIN_WINDOW (10, 50, 15m) of the first, sign-ins there are 429, even with the right password, '
      + 'until that window ends. Each sign-in starts a new session that lasts 12 hours unless it is ended.',
    security: [],
    parameters: [param('AcceptLanguage')],
    requestBody: jsonBody(loginBody),
    responses: {
      '200': {
        ...json('Signed in.', schema('LoginResponse')),
        headers: {
          'Set-Cookie': {
            description: '`dutyflow_session=<token>; Path=/; Max-Age=43200; HttpOnly; SameSite=Lax` (and `Secure` when DUTYFLOW_PUBLIC_URL is https)',
            schema: { type: 'string' },
          },
        },
      },
      '400': fail('InvalidJson'),
      '401': fail('Unauthorized', 'Wrong username or password (`code: unauthenticated`).'),
      '413': fail('InvalidJson', 'The body is over 1 MB (`code: entity_too_large`).'),
      '429': fail('TooManyRequests', 'Too many failed sign-ins for this username or from this address; '
        + 'the password was not checked (`code: too_many_requests`, `Retry-After`).'),
      '500': fail('Internal'),
    },
  }),
  logout: apiRoute('post', '/auth/logout', {
    tags: tags.auth,
    operationId: 'logout',
    summary: 'Sign out',
    description: 'Ends the session at once on every API replica: its token (bearer or cookie) is 401 from now on. Clears the cookie.',
    responses: secured({
      '204': {
        description: 'Session ended, cookie cleared.',
        headers: { 'Set-Cookie': { description: 'Expires `dutyflow_session`.', schema: { type: 'string' } } },
      },
      '403': fail('Forbidden', 'Sent with the cookie from another site\'s page (`code: forbidden`); see the cookieAuth scheme.'),
    }),
  }),
  getMe: apiRoute('get', '/me', {
    tags: tags.auth,
    operationId: 'getMe',
    summary: 'The signed-in user',
    parameters: [param('AcceptLanguage')],
    description: '`mustChangePassword` is true while the caller signs in with a one-time password an admin gave them: every '
      + 'other route but `POST /api/me/password` and logout is 403 (`code: password_change_required`) until they change it.',
    responses: secured({
      '200': json('The caller.', meSchema),
    }),
  }),
};
