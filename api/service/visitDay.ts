import type { MikroORM } from '@mikro-orm/postgresql';
import { chinaDate } from '../../domain/chinaTime.js';
import { weekStart, type VisitFrequency } from '../../domain/visitPlanRules.js';
import type { Locale } from '../../forms/formDefinition.js';
import type { SessionUser } from '../http/auth.js';
import { ForbiddenError, ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import { positiveInt } from '../http/requestBody.js';
import { overseesWorkOf } from '../http/visibility.js';
import { text } from '../tasks/inboxFilter.js';
import { visitScope } from './serviceLedgers.js';
import type { VisitDay } from './visitPlanContract.js';

/** The open planned-visit tasks a manager holds, each with its customer, in visiting order. */
const OPEN_VISITS = `
select t.id as task_id, t.instance_id, t.due_at, t.due_at < now() as overdue, pv.period_start, pv.every,
  c.id, c.code, c.name, c.address, c.tier, c.route_order
from tasks t
join planned_visits pv on pv.instance_id = t.instance_id and t.step_key = 'visit-' || pv.customer_id
join customers c on c.id = pv.customer_id
where t.process_key = 'visit-plan' and t.status = 'open' and t.assignee_id = ?
order by c.route_order nulls last, c.address nulls last, c.code`;

const WEEK = `
select count(*)::int as planned, count(*) filter (where status = 'done')::int as done
from planned_visits where manager_id = ? and period_start = ?::date`;

/**
 * 今日拜访: the planned visits a manager still has to make (this week's, and earlier ones not closed yet), in
 * the order they are walked: the customer master's route order, then address. A manager reads their own, a
 * supervisor their team's (`managerId`), the dept head, leaders and admins anyone's; 403 for others.
 */
export function createVisitDay(orm: MikroORM) {
  return {
    async today(user: SessionUser, query: Record<string, unknown>, locale: Locale): Promise<VisitDay> {
      const scope = await visitScope(orm, user);
      const raw = text(query.managerId);
      const managerId = raw === undefined ? user.id : positiveInt(raw);
      if (managerId === undefined) throw new ValidationError([{ path: '/managerId', message: t(locale, 'notPositiveInt') }]);
      if (!overseesWorkOf(scope, managerId)) throw new ForbiddenError();
      const date = chinaDate(new Date());
      const em = orm.em.fork();
      const [rows, [week]] = await Promise.all([
        em.execute<Record<string, unknown>[]>(OPEN_VISITS, [managerId]),
        em.execute<{ planned: number; done: number }[]>(WEEK, [managerId, weekStart(date)]),
      ]);
      return {
        date, managerId, weekPlanned: Number(week?.planned ?? 0), weekDone: Number(week?.done ?? 0),
        items: rows.map((r) => ({
          taskId: String(r.task_id), instanceId: String(r.instance_id),
          customer: {
            id: Number(r.id), code: String(r.code), name: String(r.name), address: (r.address as string | null) ?? null, tier: Number(r.tier),
            routeOrder: r.route_order == null ? null : Number(r.route_order),
          },
          period: chinaDate(new Date(String(r.period_start))), every: r.every as VisitFrequency,
          dueAt: new Date(String(r.due_at)).toISOString(), overdue: Boolean(r.overdue),
        })),
      };
    },
  };
}
