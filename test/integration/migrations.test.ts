import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openDatabase } from '../../db/database.js';
import { ormOptions } from '../../db/ormConfig.js';

/*
 * Deployments with many replicas: each process migrates at start, or `npm run migrate` does it once
 * and the processes start with DUTYFLOW_MIGRATE=false. Each case gets an empty database of its own.
 */

const run = promisify(execFile);
const created: string[] = [];

async function admin<T>(work: (orm: MikroORM) => Promise<T>): Promise<T> {
  const orm = await MikroORM.init({ ...ormOptions(inject('pgAdminUrl'), 1), migrations: undefined });
  try {
    return await work(orm);
  } finally {
    await orm.close(true);
  }
}

/** A new, empty database's URL. */
async function emptyDatabase(): Promise<string> {
  const name = `m_${randomUUID().replaceAll('-', '')}`;
  await admin((orm) => orm.em.getConnection().execute(`create database "${name}"`));
  created.push(name);
  return inject('pgAdminUrl').replace(/\/postgres$/, `/${name}`);
}

async function applied(url: string): Promise<string[]> {
  const orm = await openDatabase(url, { migrate: false, poolMax: 1 });
  try {
    const rows = await orm.em.getConnection().execute<{ name: string }[]>(
      `select name from mikro_orm_migrations order by name`).catch(() => []);
    return rows.map((r) => r.name);
  } finally {
    await orm.close(true);
  }
}

afterAll(async () => {
  await admin(async (orm) => {
    for (const name of created) await orm.em.getConnection().execute(`drop database if exists "${name}" with (force)`);
  });
});

describe('migrations', () => {
  it('four replicas starting at once on an empty database all come up, each migration applied once', async () => {
    const url = await emptyDatabase();
    const replicas = await Promise.all(Array.from({ length: 4 }, () => openDatabase(url, { poolMax: 2 })));
    await Promise.all(replicas.map((orm) => orm.close(true)));
    const names = await applied(url);
    expect(names.length).toBeGreaterThan(10);
    expect(new Set(names).size).toBe(names.length);
  });

  it('DUTYFLOW_MIGRATE=false connects without touching the schema; `npm run migrate` then migrates once', async () => {
    const url = await emptyDatabase();
    const untouched = await openDatabase(url, { migrate: false, poolMax: 1 });
    await untouched.close(true);
    expect(await applied(url)).toEqual([]);

    const migrate = () => run(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], { env: { ...process.env, DATABASE_URL: url } });
    const first = await migrate();
    expect(first.stdout).toMatch(/^applied \d+ migration\(s\)/);
    const count = (await applied(url)).length;
    expect(count).toBeGreaterThan(10);
    expect((await migrate()).stdout.trim()).toBe('the schema is up to date');
    expect(await applied(url)).toHaveLength(count);
  });

  it('`npm run seed:demo` seeds a demo database once, and refuses outside demo mode unless forced', async () => {
    const url = await emptyDatabase();
    const seed = (env: Record<string, string>, ...args: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'scripts/seedDemo.ts', ...args], { env: { ...process.env, DATABASE_URL: url, ...env } });
    await expect(seed({ DUTYFLOW_DEMO: 'false' })).rejects.toMatchObject({ stderr: expect.stringContaining('refused') });
    expect((await seed({ DUTYFLOW_DEMO: 'true' })).stdout.trim()).toBe('demo data seeded');
    expect((await seed({ DUTYFLOW_DEMO: 'false' }, '--force')).stdout.trim()).toBe('the database already has users: nothing seeded');
    const orm = await openDatabase(url, { migrate: false, poolMax: 1 });
    try {
      const [users] = await orm.em.getConnection().execute<{ n: number }[]>(`select count(*)::int as n from users where username = 'mgr1'`);
      expect(users!.n).toBe(1);
    } finally {
      await orm.close(true);
    }
  });
});
