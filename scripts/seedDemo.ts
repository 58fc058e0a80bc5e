import { openDatabase } from '../db/database.js';
import { seedDemoData } from '../db/demoSeed.js';

/**
 * `npm run seed:demo`: the demo accounts (public password), customers, products and availability into
 * DATABASE_URL's database, as `npm start` seeds its embedded one — for a demo or trial on external
 * servers. Refused unless DUTYFLOW_DEMO=true or `--force`: demo accounts on a live department's
 * database would be a way in. Changes nothing when the database already has users.
 */
async function main(): Promise<number> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error('npm run seed:demo needs DATABASE_URL');
    return 1;
  }
  if (process.env.DUTYFLOW_DEMO !== 'true' && !process.argv.includes('--force')) {
    console.error('refused: the demo accounts share a public password. Set DUTYFLOW_DEMO=true (or pass --force) for a demo database.');
    return 1;
  }
  const orm = await openDatabase(databaseUrl, { migrate: process.env.DUTYFLOW_MIGRATE !== 'false', poolMax: 2 });
  try {
    const seeded = await seedDemoData(orm.em.fork());
    console.log(seeded ? 'demo data seeded' : 'the database already has users: nothing seeded');
    return 0;
  } finally {
    await orm.close();
  }
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(err);
  process.exit(1);
});
