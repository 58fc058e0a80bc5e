import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webAssets } from '../../api/http/webAssets.js';

/* The built scripts go out in the encoding the phone accepts (brotli, else gzip), from the build's copies. */
const SCRIPT = `console.log(${JSON.stringify('客户经理'.repeat(500))});`;
let dir: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dutyflow-assets-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>dutyflow</title>');
  writeFileSync(join(dir, 'login.html'), '<!doctype html><title>dutyflow</title><div id="sign-in"></div>');
  writeFileSync(join(dir, 'assets', 'index-abc.js'), SCRIPT);
  writeFileSync(join(dir, 'assets', 'index-abc.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(join(dir, 'assets', 'index-abc.js.gz'), gzipSync(SCRIPT));
  writeFileSync(join(dir, 'assets', 'plain-abc.css'), 'body{margin:0}');
  const app = express().use(webAssets(dir));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The raw answer (fetch would decode it). */
function raw(path: string, acceptEncoding?: string, headers: Record<string, string> = {}): Promise<{ res: IncomingMessage; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(`${base}${path}`, { headers: { ...headers, ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ res, body: Buffer.concat(chunks) })).on('error', reject);
    }).on('error', reject);
  });
}

describe('built assets', () => {
  it('go out as brotli when the browser accepts it, as a script, cached for a year', async () => {
    const { res, body } = await raw('/assets/index-abc.js', 'gzip, deflate, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(body).toString()).toBe(SCRIPT);
    expect(body.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 3);
  });

  it('go out as gzip to a browser without brotli, and as they are to one that accepts neither', async () => {
    const gzip = await raw('/assets/index-abc.js', 'gzip');
    expect(gzip.res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(SCRIPT);
    for (const acceptEncoding of ['identity', undefined]) {
      const identity = await raw('/assets/index-abc.js', acceptEncoding);
      expect(identity.res.headers['content-encoding']).toBeUndefined();
      expect(identity.body.toString()).toBe(SCRIPT);
    }
  });

  it('without a compressed copy go out as they are; the copies are not pages of their own', async () => {
    const css = await raw('/assets/plain-abc.css', 'br');
    expect(css.res.statusCode).toBe(200);
    expect(css.res.headers['content-encoding']).toBeUndefined();
    expect(css.body.toString()).toBe('body{margin:0}');
    const page = await raw('/', 'br');
    expect(page.res.headers['content-encoding']).toBeUndefined();
    expect(page.body.toString()).toContain('<title>dutyflow</title>');
  });

  it('send /login to a browser without a session with its sign-in form drawn in; with a session, or any other page, the plain one', async () => {
    const page = (path: string, cookie?: string) => raw(path, undefined, { accept: 'text/html', ...(cookie ? { cookie } : {}) });
    const signIn = await page('/login');
    expect(signIn.body.toString()).toContain('<div id="sign-in">');
    expect(signIn.res.headers.vary).toMatch(/Cookie/i);
    expect(signIn.res.headers['cache-control']).toBe('no-cache');
    for (const [path, cookie] of [['/login', 'theme=dark; dutyflow_session=abc'], ['/tasks/1', undefined], ['/', undefined]] as const) {
      expect((await page(path, cookie)).body.toString(), path).toBe('<!doctype html><title>dutyflow</title>');
    }
    expect((await page('/login', 'other_dutyflow_session=abc')).body.toString()).toContain('<div id="sign-in">');
  });
});
