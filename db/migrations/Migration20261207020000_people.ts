import { Migration } from '@mikro-orm/migrations';

/**
 * People kept by admins outside demo mode (issue 14): a user's area and phone, and `must_change_password`,
 * set when an admin creates a user or resets their password, cleared when they choose their own.
 */
export class Migration20261207020000_people extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
alter table users
  add column area varchar(100) null,
  add column phone varchar(32) null,
  add column must_change_password boolean not null default false;`);
  }
}
