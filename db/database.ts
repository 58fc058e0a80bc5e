import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from './ormConfig.js';

/** Connects and brings the schema up to date through the migrations (never schema sync). */
export async function openDatabase(url: string, poolMax?: number): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions(url, poolMax));
  await orm.getMigrator().up();
  return orm;
}
