import { Migration } from '@mikro-orm/migrations';

/** A user may send their webhook a test (个人设置 → 发送测试): a notification of its own kind, `webhook_test`. */
export class Migration20261207102000_webhookTest extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table notifications drop constraint notifications_kind_check;`);
    this.addSql(`alter table notifications add constraint notifications_kind_check check (kind in ('task_assigned', 'task_due_soon',
  'task_overdue', 'task_returned', 'task_chased', 'task_completed', 'process_completed', 'task_cc', 'webhook_test'));`);
  }
}
