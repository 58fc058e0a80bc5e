import type { MikroORM } from '@mikro-orm/postgresql';
import type { SessionUser } from '../http/auth.js';
import { paging } from '../http/requestBody.js';
import type { CopiedInstance, CopiedPage } from './taskContract.js';

interface CopiedRow {
  instance_id: string;
  process_key: string;
  title: string;
  status: CopiedInstance['status'];
  current_step: string | null;
  added_by: number;
  added_at: Date;
}

/**
 * 抄送我的: the processes the user was copied in on (`instance_watchers`, written by 抄送), the latest
 * first. Being copied in is what lets them read the process, so every row is theirs to open.
 */
export async function copiedToMe(orm: MikroORM, user: SessionUser, query: Record<string, unknown>): Promise<CopiedPage> {
  const { page, size, offset } = paging(query);
  const knex = orm.em.fork().getKnex();
  const mine = () => knex('instance_watchers as w').join('process_instances as i', 'i.id', 'w.instance_id').where('w.user_id', user.id);
  const [rows, counted] = await Promise.all([
    mine().select('w.instance_id', 'i.process_key', 'i.title', 'i.status', 'i.current_step', 'w.added_by', 'w.added_at')
      .orderBy([{ column: 'w.added_at', order: 'desc' }, { column: 'w.instance_id', order: 'asc' }]).limit(size).offset(offset) as Promise<CopiedRow[]>,
    mine().count({ total: '*' }) as Promise<{ total: string }[]>,
  ]);
  const items = rows.map((row) => ({
    instanceId: row.instance_id, processKey: row.process_key, title: row.title, status: row.status,
    currentStep: row.current_step, addedBy: row.added_by, addedAt: new Date(row.added_at).toISOString(),
  }));
  return { items, total: Number(counted[0]?.total ?? 0), page, size };
}
