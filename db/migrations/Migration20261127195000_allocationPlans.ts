import { Migration } from '@mikro-orm/migrations';

/**
 * The monthly allocation plans (月度货源投放方案): one row per version of a month's plan, its lines
 * (a customer's cartons of a product), and each customer manager's part of the review.
 *
 * A month is up to 30,000 customers × 150 products = 4.5 M lines, written at once, so
 * `allocation_lines` is partitioned by plan: the draft fills a new table without any index, builds
 * its primary key in one sort and attaches it as the plan's partition (PostgreSQL inserts into an
 * indexed table ~4× slower than that). No foreign keys, for the same reason: the only writer (the
 * draft activity) takes the customer and product ids from their tables in the same transaction.
 * Lines drafted at 0 are not stored: no adjustment may move them (± a bound of 0), so a missing
 * line reads as 0.
 */
export class Migration20261127195000_allocationPlans extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table allocation_plans (
  id serial primary key,
  month date not null check (extract(day from month) = 1),
  version int not null check (version >= 1),
  status varchar(16) not null default 'draft' check (status in ('draft', 'reviewing', 'approved', 'published', 'superseded')),
  instance_id uuid not null unique references process_instances(id) deferrable initially deferred,
  strategy jsonb not null default '{}',
  totals jsonb not null default '{}',
  created_at timestamptz not null default now(),
  published_at timestamptz,
  published_by int references users(id) deferrable initially deferred,
  unique (month, version)
);`);
    // A re-publish makes a new version and supersedes the old one: at most one published plan a month.
    this.addSql(`create unique index allocation_plans_one_published on allocation_plans (month) where status = 'published';`);
    this.addSql(`
create table allocation_lines (
  plan_id int not null,
  customer_id int not null,
  product_id int not null,
  quantity int not null check (quantity >= 0),
  drafted int not null check (drafted >= 0),
  primary key (plan_id, customer_id, product_id)
) partition by list (plan_id);`);
    this.addSql(`
create table allocation_parts (
  plan_id int not null references allocation_plans(id) on delete cascade deferrable initially deferred,
  manager_id int not null references users(id) deferrable initially deferred,
  supervisor_id int references users(id) deferrable initially deferred,
  customers int not null,
  status varchar(16) not null default 'reviewing' check (status in ('reviewing', 'submitted', 'approved', 'returned')),
  round int not null default 1,
  adjustments int not null default 0,
  submitted_at timestamptz,
  decided_by int references users(id) deferrable initially deferred,
  decided_at timestamptz,
  comment text,
  primary key (plan_id, manager_id)
);`);
  }
}
