import { Migration } from '@mikro-orm/migrations';

/** A customer's page lists the instances about it (`business_key = 'customer:<id>'`), newest first. */
export class Migration20261127154000_instancesByBusinessKey extends Migration {
  override async up(): Promise<void> {
    this.addSql('create index process_instances_business_key_index on process_instances (business_key, started_at desc);');
  }
}
