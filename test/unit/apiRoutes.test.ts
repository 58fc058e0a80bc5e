import type { Express } from 'express';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { createTokens } from '../../api/http/auth.js';
import type { ApiDeps } from '../../api/http/deps.js';
import { openApiDocument } from '../../api/openapi/openapiDocument.js';
import { createFormValidator } from '../../forms/validate.js';
import { loadConfig } from '../../runtime/config.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  match(path: string): boolean;
}

/** Every `METHOD /path` the Express app routes, with `:param` written as OpenAPI's `{param}`. */
function expressRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const path = prefix + layer.route.path.replace(/:(\w+)/g, '{$1}');
        for (const method of METHODS) if (layer.route.methods[method]) found.push(`${method.toUpperCase()} ${path}`);
      } else if (layer.handle?.stack) {
        // A mounted router: every router here is mounted at /api or at the root.
        walk(layer.handle.stack, layer.match('/api') && !layer.match('/elsewhere') ? '/api' : prefix);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return found.sort();
}

function documentedRoutes(): string[] {
  return Object.entries(openApiDocument.paths as Record<string, Record<string, unknown>>)
    .flatMap(([path, operations]) => METHODS.filter((m) => m in operations).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();
}

describe('the OpenAPI document and the routes', () => {
  it('documents every route the API serves, and nothing it does not', () => {
    // Routes are only declared when the app is built; no request reaches these deps.
    const app = createApp({
      orm: {} as ApiDeps['orm'], temporal: {} as ApiDeps['temporal'], config: loadConfig({ DUTYFLOW_DEMO: 'true' }),
      forms: createFormValidator(), tokens: createTokens('route-listing-secret-0123456789'), log: pino({ level: 'silent' }),
    });
    const served = expressRoutes(app);
    expect(served.length).toBeGreaterThan(50);
    expect({ undocumented: served.filter((r) => !documentedRoutes().includes(r)), notServed: documentedRoutes().filter((r) => !served.includes(r)) })
      .toEqual({ undocumented: [], notServed: [] });
  });
});
