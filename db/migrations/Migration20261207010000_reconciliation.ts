import { Migration } from '@mikro-orm/migrations';

/** The last pass of the workers' reconciler (worker/reconciler.ts): when, and what it found and repaired. */
export class Migration20261207010000_reconciliation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table reconciliation (
  id smallint primary key check (id = 1),
  finished_at timestamptz not null,
  counts jsonb not null
);
create index tasks_open_id_index on tasks (id) where status = 'open';`);
  }
}
