import { Migration } from '@mikro-orm/migrations';

/**
 * Customer service duties (issue 16): service requests (answered within 24 h, visited within 48 h), the
 * visit records they leave, and complaints handled to closure — one ledger row each, kept in step with
 * their workflows by activities.
 */
export class Migration20261207130000_serviceDuties extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create sequence service_request_code_seq;`);
    this.addSql(`create sequence complaint_code_seq;`);
    this.addSql(`
create table service_requests (
  instance_id uuid primary key references process_instances(id) deferrable initially deferred,
  code varchar(20) not null unique,
  customer_id int not null references customers(id) deferrable initially deferred,
  manager_id int not null references users(id) deferrable initially deferred,
  requested_by int not null references users(id) deferrable initially deferred,
  requested_at timestamptz not null default now(),
  channel varchar(16) not null,
  category varchar(16) not null,
  content text not null,
  status varchar(16) not null default 'replying' check (status in ('replying', 'visiting', 'closed', 'cancelled')),
  reply_due_at timestamptz,
  replied_at timestamptz,
  reply_late_minutes int,
  visit_due_at timestamptz,
  visited_at timestamptz,
  visit_late_minutes int,
  escalated_at timestamptz,
  updated_at timestamptz not null default now()
);`);
    this.addSql(`create index service_requests_manager_index on service_requests (manager_id, requested_at);`);
    this.addSql(`create index service_requests_customer_index on service_requests (customer_id, requested_at);`);
    this.addSql(`
create table customer_visits (
  record_id uuid primary key references form_records(id) deferrable initially deferred,
  instance_id uuid not null references process_instances(id) deferrable initially deferred,
  customer_id int not null references customers(id) deferrable initially deferred,
  manager_id int not null references users(id) deferrable initially deferred,
  source varchar(16) not null default 'request',
  arrived_at timestamptz not null,
  checked text not null,
  follow_ups text,
  analysis text not null,
  photo_count int not null default 0,
  has_location boolean not null default false,
  due_at timestamptz,
  late_minutes int not null default 0,
  recorded_at timestamptz not null default now()
);`);
    this.addSql(`create index customer_visits_instance_index on customer_visits (instance_id);`);
    this.addSql(`create index customer_visits_manager_index on customer_visits (manager_id, arrived_at);`);
    this.addSql(`create index customer_visits_customer_index on customer_visits (customer_id, arrived_at);`);
    this.addSql(`
create table complaints (
  instance_id uuid primary key references process_instances(id) deferrable initially deferred,
  code varchar(20) not null unique,
  customer_id int references customers(id) deferrable initially deferred,
  manager_id int references users(id) deferrable initially deferred,
  supervisor_id int references users(id) deferrable initially deferred,
  complained_manager_id int references users(id) deferrable initially deferred,
  recorded_by int not null references users(id) deferrable initially deferred,
  recorded_at timestamptz not null default now(),
  channel varchar(16) not null,
  category varchar(16) not null check (category in ('service', 'supply', 'price', 'quality', 'other')),
  urgency varchar(16) not null,
  content text not null,
  status varchar(16) not null default 'assigning' check (status in ('assigning', 'handling', 'revisiting', 'closed', 'cancelled')),
  handler_id int references users(id) deferrable initially deferred,
  assigned_at timestamptz,
  response_due_at timestamptz,
  responded_at timestamptz,
  response_late_minutes int,
  resolve_due_at timestamptz,
  resolved_at timestamptz,
  resolve_late_minutes int,
  result text,
  rounds int not null default 0,
  satisfaction varchar(24) check (satisfaction in ('satisfied', 'basically_satisfied', 'unsatisfied')),
  revisited_by int references users(id) deferrable initially deferred,
  escalated_at timestamptz,
  closed_at timestamptz,
  updated_at timestamptz not null default now()
);`);
    this.addSql(`create index complaints_status_index on complaints (status, recorded_at);`);
    this.addSql(`create index complaints_supervisor_index on complaints (supervisor_id, recorded_at);`);
  }
}
