import type { MikroORM } from '@mikro-orm/postgresql';
import { chinaMidnight } from '../../domain/chinaTime.js';
import type { Locale } from '../../forms/formDefinition.js';
import { requireRole, type SessionUser } from '../http/auth.js';
import { ValidationError } from '../http/errors.js';
import type { FieldError } from '../../forms/formDefinition.js';
import { t } from '../http/messages.js';
import { isUuid, paging, positiveInt } from '../http/requestBody.js';
import { text } from '../tasks/inboxFilter.js';
import type { AuditPage } from './auditContract.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 3600_000;

interface Row {
  id: string; at: Date; type: string; actor_id: number | null; actor_name: string | null;
  instance_id: string | null; task_id: string | null; data: Record<string, unknown>; total: string;
}

/** The WHERE of a search, with its parameters and an error for each malformed filter. */
function searchOf(query: Record<string, unknown>, locale: Locale) {
  const where: string[] = [];
  const params: unknown[] = [];
  const errors: FieldError[] = [];
  const add = (clause: string, value: unknown) => {
    where.push(clause);
    params.push(value);
  };
  const actorId = text(query.actorId);
  if (actorId !== undefined) {
    const id = positiveInt(actorId);
    if (!id) errors.push({ path: '/actorId', message: t(locale, 'notPositiveInt') });
    else add('a.actor_id = ?', id);
  }
  const type = text(query.type);
  if (type?.endsWith('.')) add('a.type like ?', `${type.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  else if (type !== undefined) add('a.type = ?', type);
  for (const name of ['instanceId', 'taskId'] as const) {
    const value = text(query[name]);
    if (value === undefined) continue;
    if (!isUuid(value)) errors.push({ path: `/${name}`, message: t(locale, 'notId') });
    else add(`a.${name === 'instanceId' ? 'instance_id' : 'task_id'} = ?`, value);
  }
  const q = text(query.q);
  if (q !== undefined) add('a.data::text ilike ?', `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  for (const name of ['from', 'to'] as const) {
    const value = text(query[name]);
    if (value === undefined) continue;
    const start = DAY.test(value) ? chinaMidnight(value) : new Date(NaN);
    if (Number.isNaN(start.getTime())) errors.push({ path: `/${name}`, message: t(locale, 'notDate') });
    else if (name === 'from') add('a.at >= ?', start);
    else add('a.at < ?', new Date(start.getTime() + DAY_MS));
  }
  if (errors.length) throw new ValidationError(errors);
  return { where: where.length ? `where ${where.join(' and ')}` : '', params };
}

/** 审计日志: the append-only audit log, searched by admins. */
export function createAuditService(orm: MikroORM) {
  return {
    async search(user: SessionUser, query: Record<string, unknown>, locale: Locale): Promise<AuditPage> {
      requireRole(user, 'admin');
      const { where, params } = searchOf(query, locale);
      const { page, size, offset } = paging(query);
      const rows = await orm.em.fork().execute<Row[]>(`
select a.id, a.at, a.type, a.actor_id, u.display_name as actor_name, a.instance_id, a.task_id, a.data, count(*) over () as total
from audit_log a left join users u on u.id = a.actor_id
${where}
order by a.id desc limit ? offset ?`, [...params, size, offset]);
      const total = rows.length ? Number(rows[0]!.total) : offset ? await countOf(orm, where, params) : 0;
      return {
        items: rows.map((r) => ({
          id: Number(r.id), at: new Date(r.at).toISOString(), type: r.type, actorId: r.actor_id === null ? null : Number(r.actor_id),
          actorName: r.actor_name, instanceId: r.instance_id, taskId: r.task_id, data: r.data,
        })),
        total, page, size,
      };
    },
  };
}

/** The matches of a search past its last page (the page itself has no row to tell). */
async function countOf(orm: MikroORM, where: string, params: unknown[]): Promise<number> {
  const [row] = await orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from audit_log a ${where}`, params);
  return Number(row?.n ?? 0);
}
