import type { MikroORM } from '@mikro-orm/postgresql';
import { customerBusinessKey } from '../../domain/regradeRules.js';
import { createCustomerService } from '../customers/customerService.js';
import type { SessionUser } from '../http/auth.js';
import type { CustomerEvent, CustomerTimeline } from './serviceContract.js';

/** How many events the timeline holds (the newest). */
const LIMIT = 200;

type Row = Record<string, unknown>;
const person = (id: unknown, name: unknown) => (id == null ? null : { id: Number(id), name: String(name ?? '') });
const instant = (value: unknown) => new Date(String(value)).toISOString();

/**
 * Customer 360: one customer's service requests, visits, complaints, regrade proposals, tier changes and
 * published monthly allocations on one timeline, newest first. Whoever may see the customer reads it
 * (404 otherwise, as `GET /api/customers/{id}`). Hazards are reported by place, not by customer: not here.
 */
export function createCustomerTimeline(orm: MikroORM) {
  const customers = createCustomerService(orm);
  return {
    async timeline(id: string, user: SessionUser): Promise<CustomerTimeline> {
      const customer = await customers.get(id, user);
      const knex = orm.em.fork().getKnex();
      const [requests, visits, complaints, regrades, tiers, allocations] = await Promise.all([
        knex('service_requests as r').join('users as u', 'u.id', 'r.requested_by').where('r.customer_id', customer.id)
          .orderBy('r.requested_at', 'desc').limit(LIMIT).select('r.*', 'u.display_name as person_name'),
        knex('customer_visits as v').join('users as u', 'u.id', 'v.manager_id').where('v.customer_id', customer.id)
          .orderBy('v.arrived_at', 'desc').limit(LIMIT).select('v.*', 'u.display_name as person_name'),
        knex('complaints as c').join('users as u', 'u.id', 'c.recorded_by').where('c.customer_id', customer.id)
          .orderBy('c.recorded_at', 'desc').limit(LIMIT).select('c.*', 'u.display_name as person_name'),
        knex('process_instances as i').join('users as u', 'u.id', 'i.started_by')
          .where('i.process_key', 'regrade').where('i.business_key', customerBusinessKey(customer.id)).whereNotIn('i.status', ['starting', 'failed'])
          .orderBy('i.started_at', 'desc').limit(LIMIT).select('i.*', 'u.display_name as person_name'),
        knex('customer_tier_history as h').leftJoin('users as u', 'u.id', 'h.decided_by').where('h.customer_id', customer.id)
          .orderBy('h.changed_at', 'desc').limit(LIMIT).select('h.*', 'u.display_name as person_name'),
        knex('allocation_lines as l').join('allocation_plans as p', 'p.id', 'l.plan_id').leftJoin('users as u', 'u.id', 'p.published_by')
          .where('l.customer_id', customer.id).where('p.status', 'published')
          .groupBy('p.id', 'p.month', 'p.published_at', 'p.published_by', 'p.instance_id', 'u.display_name')
          .orderBy('p.published_at', 'desc').limit(LIMIT)
          .select('p.month', 'p.published_at', 'p.published_by', 'p.instance_id', 'u.display_name as person_name', knex.raw('sum(l.quantity)::int as cartons')),
      ]);
      const events: CustomerEvent[] = [
        ...(requests as Row[]).map((r) => ({
          at: instant(r.requested_at), kind: 'request' as const, instanceId: String(r.instance_id), code: String(r.code), status: String(r.status),
          text: String(r.content), person: person(r.requested_by, r.person_name),
        })),
        ...(visits as Row[]).map((v) => ({
          at: instant(v.arrived_at), kind: 'visit' as const, instanceId: String(v.instance_id), code: null, status: String(v.late_minutes),
          text: String(v.analysis), person: person(v.manager_id, v.person_name),
        })),
        ...(complaints as Row[]).map((c) => ({
          at: instant(c.recorded_at), kind: 'complaint' as const, instanceId: String(c.instance_id), code: String(c.code), status: String(c.status),
          text: String(c.content), person: person(c.recorded_by, c.person_name),
        })),
        ...(regrades as Row[]).map((i) => {
          const summary = (i.summary ?? {}) as { fromTier?: number; proposedTier?: number };
          return {
            at: instant(i.started_at), kind: 'regrade' as const, instanceId: String(i.id), code: `D${summary.fromTier ?? '?'}→D${summary.proposedTier ?? '?'}`,
            status: String(i.status), text: String(i.title), person: person(i.started_by, i.person_name),
          };
        }),
        ...(tiers as Row[]).map((h) => ({
          at: instant(h.changed_at), kind: 'tierChange' as const, instanceId: h.instance_id == null ? null : String(h.instance_id),
          code: `D${String(h.from_tier)}→D${String(h.to_tier)}`, status: String(h.source), text: String(h.effective_from).slice(0, 10),
          person: person(h.decided_by, h.person_name),
        })),
        ...(allocations as Row[]).map((a) => ({
          at: instant(a.published_at), kind: 'allocation' as const, instanceId: String(a.instance_id), code: String(a.month).slice(0, 7),
          status: 'published', text: String(a.cartons), person: person(a.published_by, a.person_name),
        })),
      ];
      events.sort((a, b) => b.at.localeCompare(a.at));
      return { items: events.slice(0, LIMIT) };
    },
  };
}
