import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressReads } from '../../api/http/compressReads.js';

/* Reads go gzipped; answers to actions (a sign-in's token, a one-time password) never. */
const ANSWER = { token: 'secret', rows: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `客户${i}` })) };
let server: Server;
let base: string;

beforeAll(async () => {
  const app = express().use(compressReads());
  app.get('/read', (_req, res) => void res.json(ANSWER));
  app.post('/act', (_req, res) => void res.json(ANSWER));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server?.close());

describe('compressed answers', () => {
  it('gzips a read for a client that accepts it, and only then', async () => {
    const zipped = await fetch(`${base}/read`, { headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(await zipped.json()).toEqual(ANSWER);
    const plain = await fetch(`${base}/read`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
  });

  it('sends the answer to an action as it is, even to a client that accepts gzip', async () => {
    const acted = await fetch(`${base}/act`, { method: 'POST', headers: { 'accept-encoding': 'gzip' } });
    expect(acted.headers.get('content-encoding')).toBeNull();
    expect(await acted.json()).toEqual(ANSWER);
  });
});
