import { Migration } from '@mikro-orm/migrations';

/**
 * 隐患台账: one row per reported hazard, kept in step with its workflow by activities; the ledger,
 * its exports and statistics read it.
 */
export class Migration20261127180000_hazards extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create sequence hazard_code_seq;`);
    this.addSql(`
create table hazards (
  instance_id uuid primary key references process_instances(id) deferrable initially deferred,
  code varchar(20) not null unique,
  reported_by int not null references users(id) deferrable initially deferred,
  reported_at timestamptz not null default now(),
  place varchar(200) not null,
  category varchar(20) not null,
  description text not null,
  suspected_level varchar(10) not null,
  level varchar(10),
  status varchar(20) not null default 'assessing'
    check (status in ('assessing', 'notice', 'sign_off', 'rectifying', 'verifying', 'closed', 'dismissed', 'cancelled')),
  assessed_by int references users(id) deferrable initially deferred,
  assessed_at timestamptz,
  responsible_id int references users(id) deferrable initially deferred,
  deadline date,
  measures text,
  funds numeric(14, 2),
  rounds int not null default 0,
  rectified_at timestamptz,
  overdue_days int not null default 0,
  escalated_at timestamptz,
  verified_by int references users(id) deferrable initially deferred,
  closed_at timestamptz,
  result text,
  updated_at timestamptz not null default now()
);`);
    this.addSql(`create index hazards_status_deadline_index on hazards (status, deadline);`);
    this.addSql(`create index hazards_reported_at_index on hazards (reported_at);`);
    this.addSql(`create index hazards_responsible_index on hazards (responsible_id) where responsible_id is not null;`);
  }
}
