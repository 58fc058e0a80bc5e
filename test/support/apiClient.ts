import { DEMO_PASSWORD } from '../../db/demoSeed.js';
import { contractViolations } from './contract.js';

/** One JSON request; `token` undefined sends none. The body is parsed JSON, or null when empty. */
export type Call = (method: string, path: string, token?: string, body?: unknown, headers?: Record<string, string>) =>
  Promise<{ status: number; body: any }>;

/**
 * The product's HTTP API at `baseUrl`, as a test client speaks to it. Every answer is checked against the
 * OpenAPI document: an undocumented path, method or status, or a body its schema refuses, fails the call.
 */
export function apiClient(baseUrl: string): { call: Call; login(username: string): Promise<string> } {
  const call: Call = async (method, path, token, body, headers = {}) => {
    const response = await fetch(baseUrl + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const answer = text ? JSON.parse(text) : null;
    // Every answer a test sees must be the one the API documents: drift fails the test that met it.
    const violations = contractViolations(method, path, response.status, response.headers.get('content-type'), answer);
    if (violations.length) throw new Error(`The answer is not as /api/openapi.json documents it:\n${violations.join('\n')}`);
    return { status: response.status, body: answer };
  };
  return {
    call,
    /** Session token of a demo user. */
    async login(username) {
      const { status, body } = await call('POST', '/api/auth/login', undefined, { username, password: DEMO_PASSWORD });
      if (status !== 200) throw new Error(`login ${username}: ${status}`);
      return body.token as string;
    },
  };
}
