import { Migration } from '@mikro-orm/migrations';

/**
 * A new instance is written `starting` and becomes `running` once Temporal has its workflow: a start
 * that never reached Temporal can no longer look like a running process. Its business key is taken
 * from the first moment, so the one-open-instance rule covers both statuses.
 */
export class Migration20261207000000_instanceStarting extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create unique index process_instances_one_open on process_instances (process_key, business_key) where status in ('starting', 'running');
drop index process_instances_one_running;
create index process_instances_starting_index on process_instances (started_at) where status = 'starting';`);
  }
}
