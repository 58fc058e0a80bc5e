import { Migration } from '@mikro-orm/migrations';

/**
 * Attachments every API replica sees (DUTYFLOW_ATTACHMENT_STORE=postgres): the bytes of each stored file once,
 * by content hash, as the local store keeps them under dataDir/files. `stored_at` is when the blob was last
 * stored (a repeated upload of the same bytes renews it), so the orphan cleanup spares a blob whose row is on
 * its way. The index on attachments' hash serves that cleanup for both stores.
 */
export class Migration20261207110000_attachmentBlobs extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table attachment_blob (
  sha256 char(64) primary key check (sha256 ~ '^[0-9a-f]{64}$'),
  size int not null check (size > 0),
  data bytea not null,
  stored_at timestamptz not null default now()
);
create index attachment_blob_stored_at_index on attachment_blob (stored_at);
create index attachments_sha256_index on attachments (sha256);`);
  }
}
