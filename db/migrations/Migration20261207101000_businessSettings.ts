import { Migration } from '@mikro-orm/migrations';

/**
 * Business settings (issue 14): the deadlines and thresholds an admin tunes (GET/PUT /api/admin/settings),
 * laid over the env defaults; one row, written whole by each save (activities/businessSettings.ts).
 */
export class Migration20261207101000_businessSettings extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table business_settings (
  id int primary key check (id = 1),
  settings jsonb not null,
  updated_at timestamptz not null default now(),
  updated_by int null references users (id)
);`);
  }
}
