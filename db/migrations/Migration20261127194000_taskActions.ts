import { Migration } from '@mikro-orm/migrations';

/**
 * Approval actions: people copied in (抄送) may read the process from then on; they and the people a
 * task is transferred to are told in their notification centre.
 */
export class Migration20261127194000_taskActions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table instance_watchers (
  instance_id uuid not null references process_instances(id) deferrable initially deferred,
  user_id int not null references users(id) deferrable initially deferred,
  added_by int not null references users(id) deferrable initially deferred,
  added_at timestamptz not null default now(),
  primary key (instance_id, user_id)
);`);
    this.addSql(`create index instance_watchers_user_index on instance_watchers (user_id);`);
    // Which actions a task's step allows, so the web app can offer them.
    this.addSql(`alter table tasks add column actions text[] not null default '{}';`);
    this.addSql(`alter table notifications drop constraint notifications_kind_check;`);
    this.addSql(`alter table notifications add constraint notifications_kind_check check (kind in ('task_assigned', 'task_due_soon',
  'task_overdue', 'task_returned', 'task_chased', 'task_completed', 'process_completed', 'task_cc'));`);
  }
}
