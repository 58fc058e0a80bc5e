import { createHash, randomUUID } from 'node:crypto';
import { chmod, mkdir, open, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import type { MikroORM } from '@mikro-orm/postgresql';

/** Where uploaded files' bytes live (DUTYFLOW_ATTACHMENT_STORE): this server's data folder, or PostgreSQL. */
export type AttachmentStoreKind = 'local' | 'postgres';

/** What a store is built from: which one, and (for `local`) the data folder whose `files/` holds the bytes. */
export interface AttachmentStoreConfig {
  kind: AttachmentStoreKind;
  dataDir: string;
}

/** Why the store refused a body; nothing of it is kept. */
export class StoreRejectedError extends Error {
  override readonly name = 'StoreRejectedError';
  constructor(readonly reason: 'tooLarge' | 'signature' | 'empty') {
    super(`file refused: ${reason}`);
  }
}

/** The bytes of `sha256` are not in the store (a lost file, a replica without the shared folder). */
export class StoredFileMissingError extends Error {
  override readonly name = 'StoredFileMissingError';
  constructor(readonly sha256: string, readonly store: AttachmentStoreKind) {
    super(`no stored bytes for ${sha256} in the ${store} attachment store`);
  }
}

export interface PutLimits {
  maxBytes: number;
  /** How many first bytes `accepts` judges. */
  headBytes: number;
  /** Whether the file may start with these bytes (its first `headBytes`, or all of a shorter file). */
  accepts(head: Buffer): boolean;
}

/**
 * Files by content (SHA-256), so the same bytes are kept once. Both stores keep the bytes before the caller
 * writes the `attachments` row that names them; a row never names bytes that are not there, and bytes that no
 * row names (a crash between the two) are removed by the orphan cleanup once older than its age.
 */
export interface AttachmentStore {
  readonly kind: AttachmentStoreKind;
  /**
   * Streams `body` to the store and returns its hash and size. Stops reading (without destroying `body`, so
   * the caller can still answer) and keeps nothing when the body is larger than `maxBytes`, starts with the
   * wrong bytes, or is empty. Storing bytes that are already there renews their age.
   */
  put(body: Readable, limits: PutLimits): Promise<{ sha256: string; size: number }>;
  /** A stream of the stored bytes; rejects with StoredFileMissingError (before any byte is sent) when they are not there. */
  read(sha256: string): Promise<Readable>;
  /** Removes the stored bytes that no attachment row names and that were stored more than `olderThanMs` ago; how many. */
  removeOrphans(olderThanMs: number): Promise<number>;
}

/** The store DUTYFLOW_ATTACHMENT_STORE names. */
export function createAttachmentStore(config: AttachmentStoreConfig, orm: MikroORM): AttachmentStore {
  return config.kind === 'postgres' ? createPostgresStore(orm) : createLocalStore(config.dataDir, orm);
}

/**
 * Reads `body` through the limits, handing each accepted chunk to `write`; throws StoreRejectedError
 * as soon as the body is refused. The hash and size of everything read.
 */
async function readChecked(body: Readable, limits: PutLimits, write: (chunk: Buffer) => Promise<void> | void) {
  const hash = createHash('sha256');
  let size = 0;
  let head: Buffer | undefined = Buffer.alloc(0);
  for await (const chunk of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    // The type first: for a wrong file that is also too large, "not a PNG" is the better answer.
    if (head) {
      head = Buffer.concat([head, chunk]);
      if (head.length >= limits.headBytes) {
        if (!limits.accepts(head.subarray(0, limits.headBytes))) throw new StoreRejectedError('signature');
        head = undefined;
      }
    }
    size += chunk.length;
    if (size > limits.maxBytes) throw new StoreRejectedError('tooLarge');
    hash.update(chunk);
    await write(chunk);
  }
  if (size === 0) throw new StoreRejectedError('empty');
  if (head && !limits.accepts(head)) throw new StoreRejectedError('signature');
  return { sha256: hash.digest('hex'), size };
}

/** Of `hashes`, those that no attachment row names. */
async function unnamed(orm: MikroORM, hashes: string[]): Promise<Set<string>> {
  if (!hashes.length) return new Set();
  const named = await orm.em.fork().execute<{ sha256: string }[]>(
    // Hex digits only: safe in an array literal.
    'select distinct sha256 from attachments where sha256 = any(?::text[])', [`{${hashes.join(',')}}`]);
  const taken = new Set(named.map((row) => row.sha256));
  return new Set(hashes.filter((hash) => !taken.has(hash)));
}

/** Modes of the store's folders and files; a umask can only narrow them. */
const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;
const SHA256_HEX = /^[0-9a-f]{64}$/;
/** The prefix of a file the orphan cleanup has moved into tmp/ while it decides. */
const ASIDE = 'orphan-';

/**
 * `<dataDir>/files/<first 2 hex>/<sha256>`. A body is written to a temporary file, synced, then renamed into
 * place: a crash never leaves a partial file under a final name. Folders and files are their owner's only
 * (0700, 0600): people's uploads are no other local user's to read. A file's age is its modification time.
 */
function createLocalStore(dataDir: string, orm: MikroORM): AttachmentStore {
  const root = join(dataDir, 'files');
  // Not two hex digits, so it can never be a hash's folder.
  const tmpDir = join(root, 'tmp');
  const pathOf = (sha256: string) => join(root, sha256.slice(0, 2), sha256);

  return {
    kind: 'local',

    async put(body, limits) {
      await mkdir(tmpDir, { recursive: true, mode: PRIVATE_DIR });
      // Older versions made the folders world-readable: closing the root closes everything under it.
      await chmod(root, PRIVATE_DIR);
      const tmp = join(tmpDir, randomUUID());
      const file = await open(tmp, 'wx', PRIVATE_FILE);
      let stored: { sha256: string; size: number };
      try {
        stored = await readChecked(body, limits, async (chunk) => {
          await file.write(chunk);
        });
        await file.sync();
      } catch (err) {
        await file.close();
        await rm(tmp, { force: true });
        throw err;
      }
      await file.close();

      const target = pathOf(stored.sha256);
      const existing = await stat(target).catch(() => undefined);
      // The same bytes are there: renewing their age keeps the orphan cleanup off them until our row is written.
      const renewed = existing?.size === stored.size && (await utimes(target, new Date(), new Date()).then(() => true, () => false));
      if (renewed) {
        await rm(tmp, { force: true });
      } else {
        await mkdir(dirname(target), { recursive: true, mode: PRIVATE_DIR });
        await rename(tmp, target);
        await syncDirectory(dirname(target));
      }
      return stored;
    },

    async read(sha256) {
      try {
        const file = await open(pathOf(sha256), 'r');
        return file.createReadStream();
      } catch (err) {
        if ((err as { code?: unknown }).code === 'ENOENT') throw new StoredFileMissingError(sha256, 'local');
        throw err;
      }
    },

    /**
     * Old files in tmp/ go first. Each old unnamed file is then moved aside (into tmp/) and looked at again: renewed meanwhile by a
     * `put` of the same bytes, or named by a row by now, it goes back (the same bytes, so a file `put` has
     * placed there since is not harmed); else it is deleted. A `put` that finds it gone places its own copy.
     */
    async removeOrphans(olderThanMs) {
      const before = Date.now() - olderThanMs;
      let removed = 0;
      // Left in tmp/ by an upload (or a cleanup) that died half-way: nothing will ever name them. A file another
      // cleanup has just moved aside keeps its old modification time; its change time (the move) spares it.
      for (const name of await readdir(tmpDir).catch(() => [] as string[])) {
        const info = await stat(join(tmpDir, name)).catch(() => undefined);
        const age = name.startsWith(ASIDE) ? info?.ctimeMs : info?.mtimeMs;
        if (info?.isFile() && age! < before) {
          await rm(join(tmpDir, name), { force: true });
          removed++;
        }
      }
      const old: string[] = [];
      for (const folder of await readdir(root).catch(() => [] as string[])) {
        if (!/^[0-9a-f]{2}$/.test(folder)) continue;
        for (const name of await readdir(join(root, folder)).catch(() => [] as string[])) {
          if (!SHA256_HEX.test(name)) continue;
          const info = await stat(join(root, folder, name)).catch(() => undefined);
          if (info && info.mtimeMs < before) old.push(name);
        }
      }
      for (const sha256 of await unnamed(orm, old)) {
        const aside = join(tmpDir, `${ASIDE}${randomUUID()}`);
        try {
          await rename(pathOf(sha256), aside);
        } catch {
          continue; // gone already (another worker's cleanup)
        }
        const info = await stat(aside);
        if (info.mtimeMs >= before || !(await unnamed(orm, [sha256])).has(sha256)) {
          await rename(aside, pathOf(sha256));
        } else {
          await rm(aside, { force: true });
          removed++;
        }
      }
      return removed;
    },
  };
}

/**
 * `attachment_blob` rows (bytea), so every API replica reads what any of them stored. A body is read
 * into memory (it is at most DUTYFLOW_ATTACHMENT_MAX_BYTES) and inserted in one statement once it has passed
 * every check: there is never a partial blob. A blob's age is its `stored_at`.
 */
function createPostgresStore(orm: MikroORM): AttachmentStore {
  return {
    kind: 'postgres',

    async put(body, limits) {
      const chunks: Buffer[] = [];
      const stored = await readChecked(body, limits, (chunk) => {
        chunks.push(chunk);
      });
      // Already there (the same bytes): renewing `stored_at` keeps the orphan cleanup off it until our row is written.
      await orm.em.fork().execute(
        `insert into attachment_blob (sha256, size, data) values (?, ?, ?)
         on conflict (sha256) do update set stored_at = now()`, [stored.sha256, stored.size, Buffer.concat(chunks, stored.size)]);
      return stored;
    },

    async read(sha256) {
      const rows = await orm.em.fork().execute<{ data: Buffer }[]>('select data from attachment_blob where sha256 = ?', [sha256]);
      if (!rows[0]) throw new StoredFileMissingError(sha256, 'postgres');
      return Readable.from([rows[0].data]);
    },

    /** One statement: a blob renewed by a concurrent `put` no longer matches its condition and stays. */
    async removeOrphans(olderThanMs) {
      const removed = await orm.em.fork().execute<{ sha256: string }[]>(
        `delete from attachment_blob b where b.stored_at < now() - ? * interval '1 millisecond'
           and not exists (select 1 from attachments a where a.sha256 = b.sha256)
         returning b.sha256`, [olderThanMs]);
      return removed.length;
    },
  };
}

/** Makes a rename durable; not every platform can open a directory, which is then left to the OS. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}
