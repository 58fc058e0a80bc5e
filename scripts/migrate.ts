import { migrateLocked, openDatabase } from '../db/database.js';
import { ConfigError } from '../runtime/config.js';

/**
 * `npm run migrate`: brings DATABASE_URL's schema up to date with the same migrations every process
 * runs at start (under the same lock, so it may run beside starting replicas), then exits. For
 * deployments that migrate as a step of their own and start with DUTYFLOW_MIGRATE=false.
 */
async function main(): Promise<void> {
  // Only the database is needed: not the whole configuration, which asks for secrets a migration has no use for.
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new ConfigError('npm run migrate needs DATABASE_URL');
  const orm = await openDatabase(databaseUrl, { migrate: false, poolMax: 2 });
  try {
    const applied = await migrateLocked(orm);
    console.log(applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'the schema is up to date');
  } finally {
    await orm.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
