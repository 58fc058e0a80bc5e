import { Migration } from '@mikro-orm/migrations';

/**
 * An instance a parent workflow will start (a week's visit plans) names that parent: the start sweep leaves its
 * `starting` row alone while the parent runs, instead of failing a start that is merely late.
 */
export class Migration20261209100000_instanceParent extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table process_instances add column parent_workflow_id text;');
  }
}
