import { Migration } from '@mikro-orm/migrations';

/**
 * Planned visits by customer class (差异化服务, issue 16): one row per customer and plan week, kept in step
 * with its plan's workflow by activities (unique per week and customer, so a re-run of a week's plan never
 * plans a customer twice), and the customer's place on their manager's visiting route for the day view.
 */
export class Migration20261208100000_visitPlans extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table customers add column route_order int check (route_order > 0);`);
    this.addSql(`
create table planned_visits (
  id serial primary key,
  period_start date not null,
  customer_id int not null references customers(id) deferrable initially deferred,
  manager_id int not null references users(id) deferrable initially deferred,
  instance_id uuid not null references process_instances(id) deferrable initially deferred,
  tier smallint not null,
  every varchar(16) not null check (every in ('week', 'twoWeeks', 'month')),
  due_at timestamptz not null,
  remind_at timestamptz,
  close_at timestamptz not null,
  status varchar(16) not null default 'open' check (status in ('open', 'done', 'missed', 'cancelled')),
  overdue_at timestamptz,
  done_at timestamptz,
  record_id uuid references form_records(id) deferrable initially deferred,
  late_minutes int,
  created_at timestamptz not null default now(),
  unique (period_start, customer_id)
);`);
    this.addSql(`create index planned_visits_instance_index on planned_visits (instance_id);`);
    this.addSql(`create index planned_visits_manager_index on planned_visits (manager_id, due_at);`);
    this.addSql(`create index planned_visits_due_index on planned_visits (due_at);`);
  }
}
