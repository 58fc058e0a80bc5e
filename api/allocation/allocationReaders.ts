import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { CustomerSchema } from '../../db/entities/index.js';
import { hasRole, type SessionUser } from '../http/auth.js';
import { ForbiddenError } from '../http/errors.js';
import { overseenUserIds, overseesAll, overseesWorkOf, type Overseen } from '../http/visibility.js';

/**
 * Whose customers' allocation `user` reads (lines, flags, the plan export): the dept head, leaders
 * and admins everyone's, a supervisor their managers', a customer manager their own; anyone else
 * none (403). Every allocation read that names customers asks this one rule.
 */
export async function allocationReadable(orm: MikroORM, user: SessionUser): Promise<Overseen> {
  if (!overseesAll(user) && !hasRole(user, 'supervisor', 'customer_manager')) throw new ForbiddenError();
  return overseenUserIds(orm, user);
}

/** 403 unless `readable` takes in the customers of manager `managerId`. */
export function mustReadManager(readable: Overseen, managerId: number): void {
  if (!overseesWorkOf(readable, managerId)) throw new ForbiddenError();
}

/** Customer `customerId` (null: no such customer); 403 when `readable` does not take in its manager's customers. */
export async function readableCustomer(em: EntityManager, readable: Overseen, customerId: number) {
  const customer = await em.findOne(CustomerSchema, { id: customerId }, { fields: ['id', 'code', 'managerId'] });
  if (customer) mustReadManager(readable, customer.managerId);
  return customer;
}
