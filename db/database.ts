import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from './ormConfig.js';

/** Key of the advisory lock that lets one process at a time migrate a database. */
const MIGRATION_LOCK = 0x6d_16_7a_7e;

export interface OpenOptions {
  /** Pool size (default 10). */
  poolMax?: number;
  /** False: the schema is migrated as a separate step (`npm run migrate`); this process only connects. */
  migrate?: boolean;
}

/** Connects and, unless told not to, brings the schema up to date through the migrations (never schema sync). */
export async function openDatabase(url: string, { poolMax, migrate = true }: OpenOptions = {}): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions(url, poolMax));
  try {
    if (migrate) await migrateLocked(orm);
  } catch (err) {
    await orm.close(true);
    throw err;
  }
  return orm;
}

/**
 * Runs the pending migrations while holding an advisory lock, so any number of replicas may start on
 * one database at once: the others wait, then find nothing left to do (unlocked, two processes creating
 * the migrations table at once collide in PostgreSQL's catalog). The lock belongs to a transaction of
 * its own, kept open on one pooled connection while the migrator works on another.
 */
export async function migrateLocked(orm: MikroORM): Promise<string[]> {
  const connection = orm.em.getConnection();
  return connection.transactional(async (trx) => {
    await connection.execute('select pg_advisory_xact_lock(?)', [MIGRATION_LOCK], 'all', trx);
    return (await orm.getMigrator().up()).map((m) => m.name);
  });
}
