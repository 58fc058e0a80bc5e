import type { MikroORM } from '@mikro-orm/postgresql';
import { cycleBusinessKey } from '../../activities/allocationMonth.js';
import { OPEN_INSTANCE_STATUSES, ProcessInstanceSchema } from '../../db/entities/index.js';
import { chinaDate } from '../../domain/chinaTime.js';
import { hasRole, type SessionUser } from '../http/auth.js';
import { ForbiddenError } from '../http/errors.js';
import { allocationCycleProcess } from './allocationCycleProcess.js';

/** A month a cycle may be started for: its availability imported, no cycle yet. */
export interface StartableMonth {
  month: string;
  /** Products with availability that month, and their cartons. */
  products: number;
  cartons: number;
}

const AVAILABLE = `
select to_char(month, 'YYYY-MM') as month, count(*)::int as products, coalesce(sum(cartons), 0)::int as cartons
from product_availability where month >= ?::date group by month order by month limit 24`;

/**
 * The months the caller may start a 月度货源投放 for (发起本月投放): from this China month on, with
 * availability imported and no cycle yet — a month has one, as the monthly schedule counts it
 * (openScheduledCycle), while an allocation-cycle instance of its business key starts, runs or has
 * completed. For those who may start the process (its start roles), 403 for anyone else. The start
 * itself is the process's own path, which refuses a month whose cycle runs.
 */
export async function startableMonths(orm: MikroORM, user: SessionUser): Promise<{ current: string; items: StartableMonth[] }> {
  if (!hasRole(user, ...allocationCycleProcess.startRoles)) throw new ForbiddenError();
  const em = orm.em.fork();
  const current = chinaDate(new Date()).slice(0, 7);
  const available = await em.execute<StartableMonth[]>(AVAILABLE, [`${current}-01`]);
  const cycles = available.length ? await em.find(ProcessInstanceSchema, {
    processKey: allocationCycleProcess.key, businessKey: { $in: available.map((m) => cycleBusinessKey(m.month)) },
    status: { $in: [...OPEN_INSTANCE_STATUSES, 'completed'] },
  }, { fields: ['businessKey'] }) : [];
  const taken = new Set(cycles.map((c) => c.businessKey));
  const items = available.filter((m) => !taken.has(cycleBusinessKey(m.month)))
    .map((m) => ({ month: m.month, products: Number(m.products), cartons: Number(m.cartons) }));
  return { current, items };
}
