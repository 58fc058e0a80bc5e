import { Migration } from '@mikro-orm/migrations';

/**
 * What the monthly allocation (月度货源投放) is planned from: the product list (规格) with its price
 * class, and each month's availability (可供量) per product. Both are imported from spreadsheets.
 */
export class Migration20261127193000_allocationData extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table products (
  id serial primary key,
  code varchar(32) not null unique,
  name varchar(100) not null,
  brand varchar(50) not null,
  price_class smallint not null check (price_class between 1 and 5),
  price numeric(10, 2) not null check (price > 0),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);`);
    this.addSql(`create index products_price_class_index on products (price_class, code);`);
    this.addSql(`
create table product_availability (
  month date not null check (extract(day from month) = 1),
  product_id int not null references products(id) deferrable initially deferred,
  cartons int not null check (cartons >= 0),
  imported_by int references users(id) deferrable initially deferred,
  imported_at timestamptz not null default now(),
  primary key (month, product_id)
);`);
    this.addSql(`create index product_availability_product_index on product_availability (product_id, month);`);
  }
}
