import { Migration } from '@mikro-orm/migrations';

/**
 * Sessions that can end, and sign-in throttling that holds across API replicas.
 *
 * `sessions`: one row per issued token (id = its `jti`), read on every authenticated request. Deactivating
 * a user revokes their sessions in the same statement (trigger), whatever path deactivates them, so a later
 * reactivation does not bring old tokens back.
 *
 * `login_failures`: failed sign-ins per key (`account:<username>` or `address:<client ip>`) in a fixed
 * window that starts with the first failure; written only by the login route's single-statement upserts.
 */
export class Migration20261127210000_sessions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table sessions (
  id uuid primary key,
  user_id int not null references users(id) on delete cascade deferrable initially deferred,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index sessions_user_id_index on sessions (user_id) where revoked_at is null;
create index sessions_expires_at_index on sessions (expires_at);
create function end_sessions_of_deactivated_user() returns trigger language plpgsql as $$
begin
  update sessions set revoked_at = now() where user_id = new.id and revoked_at is null;
  return null;
end $$;
create trigger users_deactivation_ends_sessions after update of active on users
  for each row when (old.active and not new.active) execute function end_sessions_of_deactivated_user();`);
    this.addSql(`
create table login_failures (
  key varchar(200) primary key,
  failures int not null,
  window_ends timestamptz not null
);
create index login_failures_window_ends_index on login_failures (window_ends);`);
  }
}
