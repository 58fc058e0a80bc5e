import { createHash, randomUUID } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import { chmod, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { SIGNATURE_BYTES } from './fileSignatures.js';

/** Why the store refused a body; nothing of it is kept. */
export class StoreRejectedError extends Error {
  override readonly name = 'StoreRejectedError';
  constructor(readonly reason: 'tooLarge' | 'signature' | 'empty') {
    super(`file refused: ${reason}`);
  }
}

export interface PutLimits {
  maxBytes: number;
  /** Whether the file may start with these bytes (its first SIGNATURE_BYTES, or all of a shorter file). */
  accepts(head: Buffer): boolean;
}

/** Modes of the store's folders and files; a umask can only narrow them. */
const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

/**
 * Files by content: `<dataDir>/files/<first 2 hex>/<sha256>`, so the same bytes are kept once.
 * A body is written to a temporary file, synced, then renamed into place: a crash never leaves a
 * partial file under a final name. Rows in `attachments` say who may read which hash. Folders and files
 * are their owner's only (0700, 0600): people's uploads are no other local user's to read.
 */
export function createAttachmentStore(dataDir: string) {
  const root = join(dataDir, 'files');
  // Not two hex digits, so it can never be a hash's folder.
  const tmpDir = join(root, 'tmp');
  const pathOf = (sha256: string) => join(root, sha256.slice(0, 2), sha256);

  return {
    root,
    pathOf,

    /**
     * Streams `body` to the store and returns its hash and size. Stops reading (without
     * destroying `body`, so the caller can still answer) and keeps nothing when the body is
     * larger than `maxBytes`, starts with the wrong bytes, or is empty.
     */
    async put(body: Readable, limits: PutLimits): Promise<{ sha256: string; size: number }> {
      await mkdir(tmpDir, { recursive: true, mode: PRIVATE_DIR });
      // Older versions made the folders world-readable: closing the root closes everything under it.
      await chmod(root, PRIVATE_DIR);
      const tmp = join(tmpDir, randomUUID());
      const file = await open(tmp, 'wx', PRIVATE_FILE);
      const hash = createHash('sha256');
      let size = 0;
      let head: Buffer | undefined = Buffer.alloc(0);
      try {
        for await (const chunk of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
          // The type first: for a wrong file that is also too large, "not a PNG" is the better answer.
          if (head) {
            head = Buffer.concat([head, chunk]);
            if (head.length >= SIGNATURE_BYTES) {
              if (!limits.accepts(head.subarray(0, SIGNATURE_BYTES))) throw new StoreRejectedError('signature');
              head = undefined;
            }
          }
          size += chunk.length;
          if (size > limits.maxBytes) throw new StoreRejectedError('tooLarge');
          hash.update(chunk);
          await file.write(chunk);
        }
        if (size === 0) throw new StoreRejectedError('empty');
        if (head && !limits.accepts(head)) throw new StoreRejectedError('signature');
        await file.sync();
      } catch (err) {
        await file.close();
        await rm(tmp, { force: true });
        throw err;
      }
      await file.close();

      const sha256 = hash.digest('hex');
      const target = pathOf(sha256);
      const existing = await stat(target).catch(() => undefined);
      if (existing?.size === size) {
        await rm(tmp, { force: true });
      } else {
        await mkdir(dirname(target), { recursive: true, mode: PRIVATE_DIR });
        await rename(tmp, target);
        await syncDirectory(dirname(target));
      }
      return { sha256, size };
    },

    /** A stream of the stored bytes; rejects (before any byte is sent) when the file is missing. */
    async read(sha256: string): Promise<ReadStream> {
      const file = await open(pathOf(sha256), 'r');
      return file.createReadStream();
    },
  };
}

export type AttachmentStore = ReturnType<typeof createAttachmentStore>;

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
