import { Migration } from '@mikro-orm/migrations';

/**
 * A 评论 thread on every process instance (issue 15): the comments, one per author and request id, read in
 * order per instance; and the notifications they send — `comment_mentioned` to each user @-mentioned,
 * `comment_added` to the process's starter.
 */
export class Migration20261208110000_comments extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table comments (
  id uuid primary key,
  instance_id uuid not null references process_instances(id) deferrable initially deferred,
  author_id int not null references users(id) deferrable initially deferred,
  request_id varchar(100) not null,
  text text not null check (length(text) between 1 and 2000),
  mentions int[] not null default '{}',
  created_at timestamptz not null default now(),
  unique (author_id, request_id)
);`);
    this.addSql(`create index comments_instance_index on comments (instance_id, created_at, id);`);
    this.addSql(`alter table notifications drop constraint notifications_kind_check;`);
    this.addSql(`alter table notifications add constraint notifications_kind_check check (kind in ('task_assigned', 'task_due_soon',
  'task_overdue', 'task_returned', 'task_chased', 'task_completed', 'process_completed', 'task_cc', 'webhook_test',
  'comment_mentioned', 'comment_added'));`);
  }
}
