import type { MikroORM } from '@mikro-orm/postgresql';
import { createAttachmentStore } from '../activities/attachmentStore.js';
import type { AppConfig } from '../runtime/config.js';

/** Where the cleanup reports (the worker's logger). */
export interface CleanupLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/**
 * Removes the attachment store's orphans on worker start and every `intervalMs`: bytes stored by an upload
 * whose `attachments` row was never written (the API died between the two, or the database refused the row),
 * once older than `olderThanMs` (an upload writes its row right after its bytes; the same bytes stored again
 * renew their age). Every worker may run it: each orphan is removed once. With the `local` store it reaches
 * only the files under this worker's DUTYFLOW_DATA_DIR, so workers need the API's shared folder to clean it.
 */
export function startOrphanCleanup(orm: MikroORM, { store: kind, dataDir, olderThanMs, intervalMs }: AppConfig['reconcile']['orphans'],
  log?: CleanupLog) {
  const store = createAttachmentStore({ kind, dataDir }, orm);
  let running: Promise<void> = Promise.resolve();
  const sweep = () => {
    running = store.removeOrphans(olderThanMs).then(
      (removed) => {
        if (removed) log?.info({ removed, store: kind }, 'removed stored attachment files that no attachment names');
      },
    ).catch((err: unknown) => log?.warn({ err }, 'could not remove orphaned attachment files'));
  };
  sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return {
    /** Stops once the sweep under way has ended. */
    async stop(): Promise<void> {
      clearInterval(timer);
      await running;
    },
  };
}
