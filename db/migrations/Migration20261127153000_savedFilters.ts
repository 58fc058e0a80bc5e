import { Migration } from '@mikro-orm/migrations';

/** Inbox filters each user saves by name (the web app's 「我的筛选」). */
export class Migration20261127153000_savedFilters extends Migration {
  override async up(): Promise<void> {
    // The unique key also serves "my filters, by name".
    this.addSql(`
create table saved_filters (
  id uuid primary key,
  user_id int not null references users(id) deferrable initially deferred,
  name varchar(60) not null,
  query jsonb not null default '{}',
  created_at timestamptz not null default now(),
  unique (user_id, name)
);`);
  }
}
