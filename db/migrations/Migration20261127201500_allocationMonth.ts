import { Migration } from '@mikro-orm/migrations';

/**
 * The month of a published allocation plan: the customers flagged while it runs, and the summary
 * the cycle closes with.
 *
 * `allocation_flags` holds, per plan, the big customers (大客户, month's supply above the threshold),
 * the lines above the cap (超限量户, with the supervisor's decision) and the 内管 warnings (month above
 * 200 % of the previous month's published plan). `product_id` 0 means the customer's whole month.
 * Written only by the cycle's activities, idempotently (the primary key).
 */
export class Migration20261127201500_allocationMonth extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table allocation_plans add column summary jsonb;`);
    this.addSql(`
create table allocation_flags (
  plan_id int not null references allocation_plans(id) on delete cascade deferrable initially deferred,
  kind varchar(16) not null check (kind in ('big_customer', 'over_cap', 'surge')),
  customer_id int not null,
  product_id int not null default 0,
  manager_id int not null,
  quantity int not null,
  reference int not null,
  status varchar(16) check (status in ('pending', 'approved', 'rejected', 'undecided')),
  decided_by int references users(id) deferrable initially deferred,
  decided_at timestamptz,
  primary key (plan_id, kind, customer_id, product_id)
);`);
  }
}
