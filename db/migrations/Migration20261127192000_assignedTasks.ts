import { Migration } from '@mikro-orm/migrations';

/**
 * 领导交办事项: one row per assignee's track, kept in step with the workflow by activities; the
 * leader's board and the monthly 通报 read it. Overdue is judged against the original deadline.
 */
export class Migration20261127192000_assignedTasks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table assigned_tracks (
  instance_id uuid not null references process_instances(id) deferrable initially deferred,
  assignee_id int not null references users(id) deferrable initially deferred,
  leader_id int not null references users(id) deferrable initially deferred,
  co_organizer_ids int[] not null default '{}',
  title varchar(100) not null,
  priority varchar(10) not null,
  original_deadline date not null,
  deadline date not null,
  status varchar(20) not null default 'accepting'
    check (status in ('accepting', 'clarifying', 'working', 'reviewing', 'closed', 'cancelled')),
  assigned_at timestamptz not null default now(),
  accepted_at timestamptz,
  last_feedback_at timestamptz,
  feedback_count int not null default 0,
  chase_count int not null default 0,
  extension_count int not null default 0,
  rounds int not null default 0,
  reported_at timestamptz,
  closed_at timestamptz,
  rating smallint,
  updated_at timestamptz not null default now(),
  primary key (instance_id, assignee_id)
);`);
    this.addSql(`create index assigned_tracks_leader_index on assigned_tracks (leader_id, status, deadline);`);
    this.addSql(`create index assigned_tracks_assignee_index on assigned_tracks (assignee_id, status, deadline);`);
  }
}
