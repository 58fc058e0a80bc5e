import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { linkAttachments } from '../../api/attachments/attachmentLinks.js';
import { createTokens } from '../../api/http/auth.js';
import { ValidationError } from '../../api/http/errors.js';
import { createFormValidator } from '../../forms/validate.js';
import { AttachmentSchema } from '../../db/entities/index.js';
import { attachmentRefs } from '../../forms/attachmentFields.js';
import { demoUsers } from '../support/demoUsers.js';
import { proposeForReview } from '../support/regradeFlows.js';
import { eventually, startStack, type TestStack } from '../support/stack.js';

/** Small enough for every file below, small enough to overstep cheaply. */
const LIMIT = 2048;

/** A 1×1 transparent PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n'
  + 'trailer <</Root 1 0 R>>\n%%EOF\n', 'latin1');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

let stack: TestStack;
let mgr1: string;
let mgr2: string;
let mgr4: string;
let sup1: string;
let head: string;

beforeAll(async () => {
  // The orphan cleanup looks every second (the last describe); only files older than its hour go.
  stack = await startStack({ DUTYFLOW_ATTACHMENT_MAX_BYTES: String(LIMIT), DUTYFLOW_ATTACHMENT_ORPHAN_INTERVAL: '1s' });
  ({ mgr1, mgr2, mgr4, sup1, head } = await (await demoUsers(stack)).tokens(['mgr1', 'mgr2', 'mgr4', 'sup1', 'head']));
});
afterAll(() => stack?.close());

interface Sent { status: number; headers: Headers; body: any }

/** POST /api/attachments with the raw bytes (or a stream of them) as the body. */
async function upload(token: string, name: string | undefined, type: string | undefined, bytes: Buffer | ReadableStream,
  query = '', headers: Record<string, string> = {}, baseUrl = stack.baseUrl): Promise<Sent> {
  const params = new URLSearchParams(name === undefined ? {} : { name });
  const response = await fetch(`${baseUrl}/api/attachments?${params}${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...(type ? { 'content-type': type } : {}), ...headers },
    body: bytes,
    ...(bytes instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

async function download(token: string, id: string, baseUrl = stack.baseUrl) {
  const response = await fetch(`${baseUrl}/api/attachments/${id}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Every file under the store, tmp folder included. */
function storedFiles(dataDir = stack.config.dataDir): string[] {
  const root = join(dataDir, 'files');
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
  } catch {
    return [];
  }
}

const rows = () => stack.orm.em.fork().count(AttachmentSchema, {});

/** A body of `total` bytes that starts like a PNG, sent in 64 KiB chunks without a Content-Length. */
function pngStream(total: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      const chunk = Buffer.alloc(Math.min(65536, total - sent));
      if (sent === 0) PNG.copy(chunk);
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
}

describe('upload and download', () => {
  it('stores a photo and gives back the same bytes with safe headers', async () => {
    const created = await upload(mgr1, '现场照片 1.png', 'image/png', PNG);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String), name: '现场照片 1.png', size: PNG.length, contentType: 'image/png', sha256: sha256(PNG),
      createdAt: expect.any(String),
    });
    expect(created.headers.get('location')).toBe(`/api/attachments/${created.body.id}`);
    expect(storedFiles()).toEqual([join(stack.config.dataDir, 'files', sha256(PNG).slice(0, 2), sha256(PNG))]);

    const got = await download(mgr1, created.body.id);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(PNG)).toBe(true);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('content-length')).toBe(String(PNG.length));
    expect(got.headers.get('content-disposition')).toBe(`inline; filename="____ 1.png"; filename*=UTF-8''${encodeURIComponent('现场照片 1.png')}`);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('cache-control')).toBe('private');

    const meta = await stack.call('GET', `/api/attachments/${created.body.id}/meta`, mgr1);
    expect(meta).toEqual({ status: 200, body: created.body });
  });

  it('a file missing from this server is a 404 that says so, not a 500', async () => {
    // As on an API replica that does not share the uploads folder: the row is there, the bytes are not.
    const bytes = Buffer.concat([PNG, Buffer.from('missing')]);
    const created = await upload(mgr1, 'missing.png', 'image/png', bytes);
    rmSync(join(stack.config.dataDir, 'files', sha256(bytes).slice(0, 2), sha256(bytes)));
    const got = await download(mgr1, created.body.id);
    expect(got.status).toBe(404);
    expect(JSON.parse(got.bytes.toString()).error.message).toContain('不在本服务器上');
  });

  it('offers a document as a download, whatever parameters its Content-Type carries', async () => {
    const created = await upload(mgr1, '整改方案.pdf', 'Application/PDF; name=x', PDF);
    expect(created.status).toBe(201);
    expect(created.body.contentType).toBe('application/pdf');
    const got = await download(mgr1, created.body.id);
    expect(got.bytes.equals(PDF)).toBe(true);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toMatch(/^attachment; /);
  });

  it('keeps the same bytes once on disk, as two attachments', async () => {
    const bytes = Buffer.concat([PDF, Buffer.from('% copy\n')]);
    const first = await upload(mgr1, 'a.pdf', 'application/pdf', bytes);
    const second = await upload(mgr2, 'b.pdf', 'application/pdf', bytes);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.body.sha256).toBe(first.body.sha256);
    expect(storedFiles().filter((file) => file.endsWith(sha256(bytes)))).toHaveLength(1);
    expect(await stack.orm.em.fork().count(AttachmentSchema, { sha256: sha256(bytes) })).toBe(2);
    expect((await download(mgr2, second.body.id)).bytes.equals(bytes)).toBe(true);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    expect((await stack.call('GET', '/api/attachments/4b0f6f0e-0000-4000-8000-000000000000', mgr1)).status).toBe(404);
    expect((await stack.call('GET', '/api/attachments/nope/meta', mgr1)).body.error.code).toBe('not_found');
  });
});

describe('refused uploads keep nothing', () => {
  async function expectNothingKept(send: () => Promise<Sent>, status: number, code: string) {
    const [filesBefore, rowsBefore] = [storedFiles(), await rows()];
    const answer = await send();
    expect(answer.status).toBe(status);
    expect(answer.body.error.code).toBe(code);
    expect(storedFiles()).toEqual(filesBefore);
    expect(await rows()).toBe(rowsBefore);
    return answer;
  }

  it('413 just over the limit, with the limit in the caller\'s language', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(LIMIT + 1 - PNG.length)]);
    const answer = await expectNothingKept(() => upload(mgr1, 'big.png', 'image/png', big, '', { 'accept-language': 'en' }), 413, 'entity_too_large');
    expect(answer.body.error.message).toBe('The file is too large; at most 2 KB is allowed');
    expect(answer.body.error.details).toEqual({ maxBytes: LIMIT });
    const zh = await upload(mgr1, 'big.png', 'image/png', big);
    expect(zh.body.error.message).toBe('文件过大，不能超过 2 KB');
  });

  it('413 without a Content-Length, when the streamed body is far larger than the limit', async () => {
    const answer = await expectNothingKept(() => upload(mgr1, 'huge.png', 'image/png', pngStream(20 * 1024 * 1024)), 413, 'entity_too_large');
    expect(answer.headers.get('connection')).toBe('close');
    // The server is still fine for the next request.
    expect((await upload(mgr1, 'small.png', 'image/png', PNG)).status).toBe(201);
  });

  it('415 for a type not on the list, or no type at all', async () => {
    const answer = await expectNothingKept(() => upload(mgr1, 'notes.txt', 'text/plain', Buffer.from('hello')), 415, 'unsupported_media_type');
    expect(answer.body.error.details.allowed).toContain('image/png');
    expect(answer.body.error.message).toContain('text/plain');
    await expectNothingKept(() => upload(mgr1, 'notes', undefined, Buffer.from('hello')), 415, 'unsupported_media_type');
    await expectNothingKept(() => upload(mgr1, 'x.svg', 'image/svg+xml', Buffer.from('<svg/>')), 415, 'unsupported_media_type');
  });

  it('415 for a .png declared image/png whose bytes are a PDF', async () => {
    const answer = await expectNothingKept(() => upload(mgr1, 'photo.png', 'image/png', PDF, '', { 'accept-language': 'en' }),
      415, 'unsupported_media_type');
    expect(answer.body.error.message).toBe('The file\'s content is not of its declared type image/png');
    await expectNothingKept(() => upload(mgr1, 'photo.png', 'image/png', pngStream(1_000_000).pipeThrough(new TransformStream({
      transform: (chunk, controller) => controller.enqueue(Buffer.from(chunk).fill(0x25, 0, 1)),
    }))), 415, 'unsupported_media_type');
  });

  it('422 at /name for a missing, long, path-like or control-character name', async () => {
    for (const name of [undefined, '', '   ', 'x'.repeat(201) + '.png', '../etc/passwd', 'a\\b.png', 'a\u0000.png', 'line\nbreak.png', '..']) {
      const answer = await expectNothingKept(() => upload(mgr1, name, 'image/png', PNG), 422, 'invalid_input');
      // A NUL anywhere in a request is refused before the route with its own message (inputHygiene.test.ts).
      expect(answer.body.errors).toEqual([{ path: '/name', message: name?.includes('\u0000') ? expect.any(String) : expect.stringContaining('200') }]);
    }
    expect((await upload(mgr1, 'x'.repeat(196) + '.png', 'image/png', PNG)).status).toBe(201);
  });

  it('422 for an empty file', async () => {
    await expectNothingKept(() => upload(mgr1, 'empty.pdf', 'application/pdf', Buffer.alloc(0)), 422, 'invalid_input');
  });

  it('leaves no temporary file behind', () => {
    expect(storedFiles().filter((file) => file.includes(`${join('files', 'tmp')}`))).toEqual([]);
  });
});

describe('who may read an attachment', () => {
  it('only the uploader while it is not linked; then whoever may see its instance', async () => {
    const { started } = await proposeForReview(stack, mgr1, sup1, 11, 12);
    const photo = (await upload(mgr1, 'shop.png', 'image/png', PNG)).body;
    expect((await download(mgr1, photo.id)).status).toBe(200);
    for (const other of [mgr2, mgr4, sup1]) {
      expect((await download(other, photo.id)).status).toBe(403);
      expect((await stack.call('GET', `/api/attachments/${photo.id}/meta`, other)).status).toBe(403);
    }

    const schema = { type: 'object', properties: { photos: { type: 'array', items: { type: 'string', format: 'attachment' } } } };
    await stack.orm.em.fork().transactional((tx) =>
      linkAttachments(tx, attachmentRefs(schema, { photos: [photo.id] }), started.body.id, (started.body.startedBy as number), 'zh-CN'));

    // sup1 oversees mgr1, the starter; head oversees all; mgr2 and mgr4 have nothing to do with it.
    for (const [token, status] of [[mgr1, 200], [sup1, 200], [head, 200], [mgr2, 403], [mgr4, 403]] as const) {
      expect((await download(token, photo.id)).status).toBe(status);
    }
    expect((await stack.call('GET', `/api/attachments/${photo.id}/meta`, sup1)).body).toEqual(photo);
  });

  it('an upload for a task links to its instance at once, if the caller may act on the task', async () => {
    const { started, review } = await proposeForReview(stack, mgr1, sup1, 12, 13);
    const refused = await upload(mgr4, 'x.png', 'image/png', PNG, `&taskId=${review.id}`);
    expect(refused.status).toBe(403);
    expect((await upload(sup1, 'x.png', 'image/png', PNG, '&taskId=0b6a3c1e-5f7d-4c2b-9a1e-000000000000')).status).toBe(404);

    const note = await upload(sup1, '核查记录.pdf', 'application/pdf', PDF, `&taskId=${review.id}`);
    expect(note.status).toBe(201);
    const row = await stack.orm.em.fork().findOneOrFail(AttachmentSchema, { id: note.body.id });
    expect(row.instanceId).toBe(started.body.id);
    // mgr1 started the instance, so reads it; mgr2 does not.
    expect((await download(mgr1, note.body.id)).status).toBe(200);
    expect((await download(mgr2, note.body.id)).status).toBe(403);
  });
});

describe('linkAttachments', () => {
  const schema = {
    type: 'object',
    properties: { evidence: { type: 'array', items: { type: 'string', format: 'attachment' } }, plan: { type: 'string', format: 'attachment' } },
  };

  async function link(data: unknown, instanceId: string, userId: number) {
    return stack.orm.em.fork().transactional((tx) => linkAttachments(tx, attachmentRefs(schema, data), instanceId, userId, 'en'));
  }
  const instanceOf = async (id: string) => (await stack.orm.em.fork().findOneOrFail(AttachmentSchema, { id })).instanceId ?? null;
  async function refusal(promise: Promise<unknown>) {
    const err = await promise.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).errors;
  }

  it('links the caller\'s own uploads once, accepts them again for the same instance, and refuses everything else', async () => {
    const mgr1Id = (await stack.call('GET', '/api/me', mgr1)).body.id as number;
    const first = (await proposeForReview(stack, mgr1, sup1, 13, 14)).started.body.id as string;
    const second = (await proposeForReview(stack, mgr1, sup1, 14, 15)).started.body.id as string;
    const [mine, again, theirs] = await Promise.all([
      upload(mgr1, 'a.png', 'image/png', PNG), upload(mgr1, 'b.pdf', 'application/pdf', PDF), upload(mgr2, 'c.png', 'image/png', PNG),
    ]).then((answers) => answers.map((a) => a.body.id as string));

    // Someone else's upload: refused at its path, naming it, and nothing of the call is linked.
    const missing = '0b6a3c1e-5f7d-4c2b-9a1e-000000000000';
    expect(await refusal(link({ evidence: [mine!, theirs!], plan: missing }, first, mgr1Id))).toEqual([
      { path: '/evidence/1', message: `Attachment ${theirs} does not exist or cannot be used here` },
      { path: '/plan', message: `Attachment ${missing} does not exist or cannot be used here` },
    ]);
    expect(await instanceOf(mine!)).toBeNull();

    await link({ evidence: [mine!, again!] }, first, mgr1Id);
    expect([await instanceOf(mine!), await instanceOf(again!)]).toEqual([first, first]);
    // A repeat (a double submit) is fine; another instance may not take them.
    await link({ evidence: [mine!], plan: again! }, first, mgr1Id);
    expect(await refusal(link({ evidence: [mine!] }, second, mgr1Id))).toEqual([{ path: '/evidence/0', message: expect.stringContaining(mine!) }]);
    expect(await instanceOf(mine!)).toBe(first);

    // Plain ids work too; a refusal inside the start transaction undoes the links made before it.
    const fresh = (await upload(mgr1, 'd.png', 'image/png', PNG)).body.id as string;
    const err = await stack.orm.em.fork().transactional(async (tx) => {
      await linkAttachments(tx, [fresh], second, mgr1Id, 'zh-CN');
      await linkAttachments(tx, [theirs!], second, mgr1Id, 'zh-CN');
    }).then(() => undefined, (e: unknown) => e);
    expect((err as ValidationError).errors).toEqual([{ path: '', message: `附件 ${theirs} 不存在，或不能用于此流程` }]);
    expect(await instanceOf(fresh)).toBeNull();
  });
});

/** Two hours ago: older than the orphan cleanup's hour. */
const twoHoursAgo = () => new Date(Date.now() - 2 * 3600_000);

describe('orphan cleanup, local folder', () => {
  it('removes a stored file no attachment names once older than an hour, and nothing else', async () => {
    const fileOf = (bytes: Buffer) => join(stack.config.dataDir, 'files', sha256(bytes).slice(0, 2), sha256(bytes));
    // An upload whose row was never written (the API died in between), stored two hours ago…
    const orphan = Buffer.concat([PNG, Buffer.from('orphan')]);
    mkdirSync(join(fileOf(orphan), '..'), { recursive: true });
    writeFileSync(fileOf(orphan), orphan);
    utimesSync(fileOf(orphan), twoHoursAgo(), twoHoursAgo());
    // …one stored a minute ago (its row may be on its way), and an old file an attachment names.
    const recent = Buffer.concat([PNG, Buffer.from('recent')]);
    mkdirSync(join(fileOf(recent), '..'), { recursive: true });
    writeFileSync(fileOf(recent), recent);
    const named = Buffer.concat([PNG, Buffer.from('named')]);
    const kept = await upload(mgr1, 'kept.png', 'image/png', named);
    utimesSync(fileOf(named), twoHoursAgo(), twoHoursAgo());

    // And the half-written file of an upload that died, two hours ago.
    const partial = join(stack.config.dataDir, 'files', 'tmp', 'died-half-way');
    writeFileSync(partial, PNG.subarray(0, 10));
    utimesSync(partial, twoHoursAgo(), twoHoursAgo());

    await eventually(async () => (existsSync(fileOf(orphan)) || existsSync(partial) ? undefined : true));
    expect(existsSync(fileOf(recent))).toBe(true);
    expect((await download(mgr1, kept.body.id)).bytes.equals(named)).toBe(true);
    expect(storedFiles().filter((file) => file.includes(`${join('files', 'tmp')}`))).toEqual([]);
  });

  it('an old file uploaded again is young again: the cleanup leaves it to the new row', async () => {
    const bytes = Buffer.concat([PNG, Buffer.from('again')]);
    const file = join(stack.config.dataDir, 'files', sha256(bytes).slice(0, 2), sha256(bytes));
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, bytes);
    utimesSync(file, twoHoursAgo(), twoHoursAgo());
    const again = await upload(mgr1, 'again.png', 'image/png', bytes);
    expect(again.status).toBe(201);
    await new Promise((r) => setTimeout(r, 2_500)); // two passes of the cleanup
    expect((await download(mgr1, again.body.id)).bytes.equals(bytes)).toBe(true);
  });
});

describe('the postgres store: every API replica sees every file', () => {
  let pgStack: TestStack;
  let second: { baseUrl: string; dataDir: string; close(): Promise<void> };
  let token: string;

  beforeAll(async () => {
    pgStack = await startStack({ DUTYFLOW_ATTACHMENT_STORE: 'postgres', DUTYFLOW_ATTACHMENT_ORPHAN_INTERVAL: '1s' });
    // A second API replica on the same database and Temporal, with a data folder of its own.
    const dataDir = mkdtempSync(join(tmpdir(), 'dutyflow-replica-'));
    const config = { ...pgStack.config, dataDir };
    const app = createApp({
      orm: pgStack.orm, temporal: pgStack.temporal, config, forms: createFormValidator(), tokens: createTokens(config.secret!),
      log: pino({ level: 'silent' }),
    });
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const address = server.address();
    second = {
      baseUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, dataDir,
      async close() {
        await new Promise((r) => server.close(r));
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
    token = await pgStack.login('mgr1');
  });
  afterAll(async () => {
    await second?.close();
    await pgStack?.close();
  });

  const blobs = async () => (await pgStack.orm.em.fork().execute<{ sha256: string }[]>('select sha256 from attachment_blob')).map((r) => r.sha256);

  it('an upload through one replica downloads through another with a different data folder', async () => {
    const created = await upload(token, '整改前.png', 'image/png', PNG, '', {}, pgStack.baseUrl);
    expect(created.status).toBe(201);
    const got = await download(token, created.body.id, second.baseUrl);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(PNG)).toBe(true);
    expect(got.headers.get('content-length')).toBe(String(PNG.length));
    // And the other way round; neither replica wrote a file of its own.
    const back = await upload(token, 'plan.pdf', 'application/pdf', PDF, '', {}, second.baseUrl);
    expect((await download(token, back.body.id, pgStack.baseUrl)).bytes.equals(PDF)).toBe(true);
    expect(await blobs()).toEqual(expect.arrayContaining([sha256(PNG), sha256(PDF)]));
    expect([...storedFiles(pgStack.config.dataDir), ...storedFiles(second.dataDir)]).toEqual([]);
  });

  it('refuses the same way: too large or of the wrong type keeps no blob', async () => {
    const before = await blobs();
    expect((await upload(token, 'photo.png', 'image/png', PDF, '', {}, second.baseUrl)).status).toBe(415);
    expect((await upload(token, 'empty.pdf', 'application/pdf', Buffer.alloc(0), '', {}, second.baseUrl)).status).toBe(422);
    expect(await blobs()).toEqual(before);
  });

  it('a missing blob is a 404 that says so, not a 500', async () => {
    const bytes = Buffer.concat([PNG, Buffer.from('lost blob')]);
    const created = await upload(token, 'lost.png', 'image/png', bytes, '', {}, pgStack.baseUrl);
    await pgStack.orm.em.fork().execute('delete from attachment_blob where sha256 = ?', [sha256(bytes)]);
    for (const [baseUrl, language, text] of [[pgStack.baseUrl, 'zh-CN', '数据库'], [second.baseUrl, 'en', 'missing from the database']] as const) {
      const response = await fetch(`${baseUrl}/api/attachments/${created.body.id}`, { headers: { authorization: `Bearer ${token}`, 'accept-language': language } });
      expect(response.status).toBe(404);
      const body = await response.json() as { error: { code: string; message: string } };
      expect(body.error.code).toBe('not_found');
      expect(body.error.message).toContain(text);
    }
  });

  it('the orphan cleanup removes a blob no attachment names once older than an hour, and nothing else', async () => {
    const em = pgStack.orm.em.fork();
    const store = async (bytes: Buffer, age: string) => em.execute(
      `insert into attachment_blob (sha256, size, data, stored_at) values (?, ?, ?, now() - ?::interval)`, [sha256(bytes), bytes.length, bytes, age]);
    const orphan = Buffer.concat([PNG, Buffer.from('orphan blob')]);
    const recent = Buffer.concat([PNG, Buffer.from('recent blob')]);
    await store(orphan, '2 hours');
    await store(recent, '1 minute');
    const named = Buffer.concat([PNG, Buffer.from('named blob')]);
    const kept = await upload(token, 'kept.png', 'image/png', named, '', {}, pgStack.baseUrl);
    await em.execute(`update attachment_blob set stored_at = now() - interval '2 hours' where sha256 = ?`, [sha256(named)]);

    await eventually(async () => ((await blobs()).includes(sha256(orphan)) ? undefined : true));
    expect(await blobs()).toEqual(expect.arrayContaining([sha256(recent), sha256(named)]));
    expect((await download(token, kept.body.id, second.baseUrl)).bytes.equals(named)).toBe(true);
  });
});
