import { Migration } from '@mikro-orm/migrations';

/**
 * The notification centre (站内通知) and per-user webhooks with their delivery log. Activities write
 * notifications in the transaction of the task change they announce; the unique key makes a retried
 * activity's second write a no-op.
 */
export class Migration20261127190000_notifications extends Migration {
  override async up(): Promise<void> {
    // dedupe_key: what makes a notification the same one again, by default its task (or its instance).
    this.addSql(`
create table notifications (
  id uuid primary key default gen_random_uuid(),
  user_id int not null references users(id) deferrable initially deferred,
  kind varchar(30) not null check (kind in ('task_assigned', 'task_due_soon', 'task_overdue', 'task_returned',
    'task_chased', 'task_completed', 'process_completed')),
  task_id uuid null references tasks(id) deferrable initially deferred,
  instance_id uuid null references process_instances(id) deferrable initially deferred,
  dedupe_key varchar(200) not null,
  data jsonb not null default '{}',
  created_at timestamptz not null default now(),
  read_at timestamptz null,
  unique (user_id, kind, dedupe_key)
);`);
    this.addSql(`create index notifications_user_index on notifications (user_id, created_at desc, id desc);`);
    // "My unread, newest first" and the unread count read only this small index.
    this.addSql(`create index notifications_unread_index on notifications (user_id, created_at desc, id desc) where read_at is null;`);

    // The secret signs each delivery, so it is kept as given (not hashed); the API never returns it.
    this.addSql(`
create table webhooks (
  user_id int primary key references users(id) deferrable initially deferred,
  url varchar(500) not null,
  secret varchar(200) not null,
  enabled boolean not null default true,
  kinds text[] not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);`);
    this.addSql(`
create table webhook_deliveries (
  id uuid primary key default gen_random_uuid(),
  notification_id uuid not null unique references notifications(id) deferrable initially deferred,
  user_id int not null references users(id) deferrable initially deferred,
  status varchar(10) not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
  attempts int not null default 0,
  last_status_code int null,
  last_error varchar(500) null,
  created_at timestamptz not null default now(),
  delivered_at timestamptz null,
  updated_at timestamptz not null default now()
);`);
    this.addSql(`create index webhook_deliveries_user_index on webhook_deliveries (user_id, created_at desc, id desc);`);
    // Few rows are pending at a time: finding a task's undispatched deliveries after a retry scans only these.
    this.addSql(`create index webhook_deliveries_pending_index on webhook_deliveries (notification_id) where status = 'pending';`);
  }
}
