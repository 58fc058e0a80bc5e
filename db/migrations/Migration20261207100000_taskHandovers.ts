import { Migration } from '@mikro-orm/migrations';

/**
 * Hand-overs the administration asked for (issue 14): a task personally held by a deactivated user, or
 * by the former manager of a customer who moved. Written in the same transaction as the deactivation or
 * the reassignment; carried out through the task's workflow (activities/taskHandOvers.ts), by the API at
 * once and by the reconciler for whatever is left (Temporal down, a task opened later), so none is lost.
 */
export class Migration20261207100000_taskHandovers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table task_handovers (
  task_id uuid not null references tasks (id),
  from_user_id int not null,
  to_user_id int null,
  reason varchar(24) not null check (reason in ('deactivated', 'customerReassigned')),
  actor_id int null,
  created_at timestamptz not null default now(),
  done_at timestamptz null,
  outcome varchar(16) null check (outcome in ('handedOver', 'notTheirs')),
  primary key (task_id, from_user_id)
);
create index task_handovers_pending on task_handovers (created_at) where done_at is null;`);
  }
}
