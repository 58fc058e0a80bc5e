import { Migration } from '@mikro-orm/migrations';

/**
 * 投放策略 per product and month (issue 18). The strategy is one JSON document (method, profile,
 * lowest tier, cap, rural share, named customers): it is read and written whole, and the draft reads
 * a month's rows at once. The index serves "the last earlier month with a strategy for this product".
 */
export class Migration20261207120000_allocationStrategies extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table allocation_strategies (
  month date not null check (extract(day from month) = 1),
  product_id int not null references products(id),
  strategy jsonb not null,
  updated_by int references users(id),
  updated_at timestamptz not null default now(),
  primary key (month, product_id)
);`);
    this.addSql('create index allocation_strategies_product_month on allocation_strategies (product_id, month desc);');
  }
}
