import { DEMO_PASSWORD } from '../../db/demoSeed.js';

/** One JSON request; `token` undefined sends none. The body is parsed JSON, or null when empty. */
export type Call = (method: string, path: string, token?: string, body?: unknown, headers?: Record<string, string>) =>
  Promise<{ status: number; body: any }>;

/** The product's HTTP API at `baseUrl`, as a test client speaks to it. */
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
    return { status: response.status, body: text ? JSON.parse(text) : null };
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
