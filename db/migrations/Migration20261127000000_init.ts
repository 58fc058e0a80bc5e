import { Migration } from '@mikro-orm/migrations';

/** The first schema: people, customers, process projection, tasks, records, audit log. */
export class Migration20261127000000_init extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table users (
  id serial primary key,
  username varchar(64) not null unique,
  display_name varchar(100) not null,
  roles text[] not null default '{}',
  password_hash varchar(255) not null,
  supervisor_id int null references users(id) deferrable initially deferred,
  locale varchar(8) not null default 'zh-CN',
  active boolean not null default true,
  created_at timestamptz not null default now()
);`);
    this.addSql(`
-- Foreign keys are checked at commit: the unit of work may insert rows of different tables in any order.
create table customers (
  id serial primary key,
  code varchar(32) not null unique,
  name varchar(200) not null,
  manager_id int not null references users(id) deferrable initially deferred,
  tier smallint not null check (tier between 1 and 30),
  market_type varchar(8) not null check (market_type in ('urban','rural')),
  business_type varchar(32) not null,
  address varchar(200) null,
  created_at timestamptz not null default now()
);
create index customers_manager_id_index on customers (manager_id);`);
    this.addSql(`
create table process_instances (
  id uuid primary key,
  process_key varchar(40) not null,
  business_key varchar(100) not null,
  title varchar(300) not null,
  status varchar(16) not null default 'running',
  current_step varchar(100) null,
  started_by int not null references users(id) deferrable initially deferred,
  start_request_id varchar(100) not null,
  summary jsonb not null default '{}',
  started_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  ended_at timestamptz null,
  unique (started_by, start_request_id)
);
create unique index process_instances_one_running on process_instances (process_key, business_key) where status = 'running';
create index process_instances_status_index on process_instances (process_key, status, started_at desc);`);
    this.addSql(`
create table customer_tier_history (
  id serial primary key,
  customer_id int not null references customers(id) deferrable initially deferred,
  from_tier smallint not null,
  to_tier smallint not null,
  effective_from date not null,
  instance_id uuid null unique references process_instances(id) deferrable initially deferred,
  decided_by int null references users(id) deferrable initially deferred,
  changed_at timestamptz not null default now()
);
create index customer_tier_history_customer_id_index on customer_tier_history (customer_id, changed_at desc);`);
    this.addSql(`
create table tasks (
  id uuid primary key,
  instance_id uuid not null references process_instances(id) deferrable initially deferred,
  process_key varchar(40) not null,
  step_key varchar(100) not null,
  name varchar(100) not null,
  form_key varchar(60) not null,
  form_version int not null,
  assignee_id int null references users(id) deferrable initially deferred,
  candidate_roles text[] not null default '{}',
  excluded_user_ids int[] not null default '{}',
  claimed_by int null references users(id) deferrable initially deferred,
  status varchar(16) not null default 'open',
  outcome varchar(40) null,
  allowed_outcomes text[] not null default '{}',
  priority smallint not null default 0,
  prefill jsonb null,
  fixed_data jsonb null,
  context jsonb not null default '{}',
  due_at timestamptz null,
  reminded_at timestamptz null,
  escalated_at timestamptz null,
  created_at timestamptz not null default now(),
  completed_at timestamptz null,
  completed_by int null references users(id) deferrable initially deferred,
  unique (instance_id, step_key)
);
create index tasks_mine_index on tasks (assignee_id, status, due_at);
create index tasks_claimed_index on tasks (claimed_by, status, due_at);
-- fastupdate off: no pending list, so the group inbox stays fast right after bulk inserts.
create index tasks_group_index on tasks using gin (candidate_roles) with (fastupdate = off) where status = 'open';
create index tasks_status_index on tasks (status, due_at);
create index tasks_done_index on tasks (completed_by, completed_at desc) where status = 'done';`);
    this.addSql(`
create table form_records (
  id uuid primary key,
  form_key varchar(60) not null,
  form_version int not null,
  data jsonb not null,
  instance_id uuid null references process_instances(id) deferrable initially deferred,
  task_id uuid null unique references tasks(id) deferrable initially deferred,
  request_id varchar(100) null,
  created_by int not null references users(id) deferrable initially deferred,
  created_at timestamptz not null default now()
);
create index form_records_instance_id_index on form_records (instance_id);`);
    this.addSql(`
create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor_id int null references users(id) deferrable initially deferred,
  instance_id uuid null,
  task_id uuid null,
  type varchar(60) not null,
  data jsonb not null default '{}'
);
create index audit_log_instance_id_index on audit_log (instance_id, id);
create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end $$;
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function audit_log_is_append_only();`);
  }
}
