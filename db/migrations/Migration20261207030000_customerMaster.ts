import { Migration } from '@mikro-orm/migrations';

/**
 * Customer master data (issue 14): a customer's business state (经营状态) and licence number (许可证号),
 * when its row last changed, and where each tier change came from (a regrade, an import, an admin's edit).
 */
export class Migration20261207030000_customerMaster extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
alter table customers
  add column status varchar(32) null,
  add column license_no varchar(32) null,
  add column updated_at timestamptz null;
alter table customer_tier_history
  add column source varchar(8) not null default 'regrade' check (source in ('regrade', 'import', 'admin'));`);
  }
}
