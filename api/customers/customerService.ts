import type { MikroORM } from '@mikro-orm/postgresql';
import { CustomerSchema, TierChangeSchema, UserSchema, type Customer } from '../../db/entities/index.js';
import { hasRole, type SessionUser } from '../http/auth.js';
import { NotFoundError, ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';
import type { Locale } from '../../forms/formDefinition.js';
import { paging, positiveInt } from '../http/requestBody.js';
import { overseenUserIds } from '../http/visibility.js';

function customerJson(c: Customer) {
  return {
    id: c.id, code: c.code, name: c.name, managerId: c.managerId, tier: c.tier, tierLabel: `D${c.tier}`,
    marketType: c.marketType, businessType: c.businessType, address: c.address ?? null, routeOrder: c.routeOrder ?? null,
  };
}

/**
 * Customers a user may see: managers their own, supervisors those of their managers,
 * the dept head, leaders and admins all.
 */
export function createCustomerService(orm: MikroORM) {
  async function scope(user: SessionUser): Promise<Record<string, unknown>> {
    // Safety officers inspect every customer's shop (the hazards they track are reported there).
    if (hasRole(user, 'safety_officer')) return {};
    const overseen = await overseenUserIds(orm, user);
    return overseen === 'all' ? {} : { managerId: { $in: overseen } };
  }

  return {
    /** One page of the customers `user` sees; `managerInactive=true`: only those whose manager is deactivated (to reassign). */
    async list(user: SessionUser, query: Record<string, unknown>, locale: Locale) {
      const { page, size, offset } = paging(query);
      // Filters are added beside the scope ($and), never over it.
      const filters: Record<string, unknown>[] = [await scope(user)];
      const tier = positiveInt(query.tier);
      if (tier) filters.push({ tier });
      const managerId = positiveInt(query.managerId);
      if (managerId) filters.push({ managerId });
      const { managerInactive } = query;
      if (managerInactive !== undefined && managerInactive !== 'true' && managerInactive !== 'false') {
        throw new ValidationError([{ path: '/managerInactive', message: t(locale, 'notBoolean') }]);
      }
      if (managerInactive === 'true') {
        const inactive = await orm.em.fork().find(UserSchema, { active: false }, { fields: ['id'] });
        filters.push({ managerId: { $in: inactive.map((u) => u.id) } });
      }
      if (typeof query.q === 'string' && query.q.trim()) {
        const like = `%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        filters.push({ $or: [{ name: { $ilike: like } }, { code: { $ilike: like } }] });
      }
      const [items, total] = await orm.em.fork().findAndCount(CustomerSchema, { $and: filters }, { orderBy: { code: 'asc' }, limit: size, offset });
      return { items: items.map(customerJson), total, page, size };
    },

    /** One customer with its tier history (newest first). */
    async get(id: string, user: SessionUser) {
      const em = orm.em.fork();
      const customerId = positiveInt(id);
      const customer = customerId ? await em.findOne(CustomerSchema, { id: customerId, ...(await scope(user)) }) : null;
      if (!customer) throw new NotFoundError('customer');
      const history = await em.find(TierChangeSchema, { customerId: customer.id }, { orderBy: { changedAt: 'desc' } });
      return {
        ...customerJson(customer),
        tierHistory: history.map((h) => ({
          fromTier: h.fromTier, toTier: h.toTier, effectiveFrom: h.effectiveFrom, instanceId: h.instanceId ?? null,
          decidedBy: h.decidedBy ?? null, changedAt: h.changedAt,
        })),
      };
    },
  };
}
