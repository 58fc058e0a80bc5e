import { Migration } from '@mikro-orm/migrations';

/**
 * 学习记录: one row per submitted learning record, so a person's year (and its hours) is one indexed
 * query instead of digging through form records' JSON.
 */
export class Migration20261127191000_learningRecords extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table learning_records (
  instance_id uuid primary key references process_instances(id) deferrable initially deferred,
  user_id int not null references users(id) deferrable initially deferred,
  year smallint not null,
  title varchar(200) not null,
  kind varchar(20) not null check (kind in ('training', 'course', 'self_study', 'exam', 'other')),
  date date not null,
  hours numeric not null check (hours > 0 and hours <= 200),
  status varchar(16) not null default 'submitted' check (status in ('submitted', 'acknowledged', 'withdrawn')),
  acknowledged_by int references users(id) deferrable initially deferred,
  acknowledged_at timestamptz,
  submitted_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (year = extract(year from date))
);`);
    this.addSql(`create index learning_records_user_year_index on learning_records (user_id, year, date);`);
  }
}
