import { Migration } from '@mikro-orm/migrations';

/**
 * A webhook saved with every kind of notification (the default) takes the two kinds the 评论 thread added,
 * `comment_mentioned` and `comment_added`, as if it were saved now; one that chose some kinds keeps its choice.
 */
export class Migration20261208111000_commentWebhookKinds extends Migration {
  override async up(): Promise<void> {
    this.addSql(`update webhooks set kinds = kinds || array['comment_mentioned', 'comment_added']::text[]
where kinds @> array['task_assigned', 'task_due_soon', 'task_overdue', 'task_returned', 'task_chased', 'task_completed',
  'process_completed', 'task_cc']::text[]
  and not kinds && array['comment_mentioned', 'comment_added']::text[];`);
  }
}
