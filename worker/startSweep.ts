import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { sweepStarts } from '../activities/instanceStarts.js';
import type { AppConfig } from '../runtime/config.js';

export interface SweepLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/**
 * Resolves stuck starts now and then every `intervalMs` until stopped (every worker does: each change
 * applies to a row only once). What it repaired is logged; an instance it failed is also audited.
 */
export function startSweeping(orm: MikroORM, temporal: Client, { intervalMs, startGraceMs }: AppConfig['reconcile'], log?: SweepLog) {
  let running: Promise<void> = Promise.resolve();
  const sweep = () => {
    running = sweepStarts(orm, temporal, startGraceMs).then(
      (counts) => {
        if (counts.running || counts.failed) log?.info({ ...counts }, 'resolved starts that had not reached Temporal');
      },
      (err: unknown) => log?.warn({ err }, 'could not sweep stuck starts'),
    );
  };
  sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return {
    /** Stops sweeping once the sweep under way has ended. */
    async stop(): Promise<void> {
      clearInterval(timer);
      await running;
    },
  };
}
