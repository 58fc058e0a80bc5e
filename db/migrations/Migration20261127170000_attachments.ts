import { Migration } from '@mikro-orm/migrations';

/** Uploaded files (hazard photos, evidence documents); their bytes are kept under dataDir/files by content hash. */
export class Migration20261127170000_attachments extends Migration {
  override async up(): Promise<void> {
    // instance_id is null while an upload waits for the form that starts its process.
    this.addSql(`
create table attachments (
  id uuid primary key,
  sha256 char(64) not null check (sha256 ~ '^[0-9a-f]{64}$'),
  size int not null check (size >= 0),
  content_type varchar(100) not null,
  file_name varchar(200) not null,
  uploaded_by int not null references users(id) deferrable initially deferred,
  instance_id uuid null references process_instances(id) deferrable initially deferred,
  created_at timestamptz not null default now()
);
create index attachments_instance_id_index on attachments (instance_id);`);
  }
}
