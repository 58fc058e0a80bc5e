import { Migration } from '@mikro-orm/migrations';

/**
 * 已办 holds what a user handed on as well as what they completed (issue 15): a task they transferred
 * (转交) or gave a signer (加签) that is no longer theirs. The task row keeps only its new holder; who
 * acted, to whom and when is the audit event the action wrote in the same transaction. This index finds
 * one user's such events without reading the rest of the log.
 */
export class Migration20261208120000_taskTransfers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index audit_log_handed_on_index on audit_log (actor_id, task_id, at desc)
  where type in ('task.transferred', 'task.signerAdded');`);
  }
}
