import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { closeServer, trackHandlers } from '../../runtime/lifecycle.js';

/*
 * Ctrl-C while a request's handler is still at work past the grace (at the first start, a demo sign-in
 * queued behind other password hashes): the connection is cut, but the shutdown goes on — to the database
 * and Temporal — only once the handler has answered, so none is left using them as they close.
 */
describe('closeServer', () => {
  it('waits for a handler still running on a connection cut after the grace', async () => {
    const steps: string[] = [];
    const server = createServer((_req, res) => {
      steps.push('handler started');
      setTimeout(() => {
        steps.push('handler answered');
        res.end('late');
      }, 400);
    });
    trackHandlers(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const cut = new Promise<string>((resolve) => {
      get(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, () => resolve('answered')).on('error', () => resolve('cut'));
    });
    while (!steps.includes('handler started')) await new Promise((r) => setTimeout(r, 10));

    await closeServer(server, 100, 10_000);
    steps.push('server closed');
    expect(await cut).toBe('cut');
    expect(steps).toEqual(['handler started', 'handler answered', 'server closed']);
  });
});
