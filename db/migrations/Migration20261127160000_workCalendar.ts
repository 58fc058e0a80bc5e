import { Migration } from '@mikro-orm/migrations';

/**
 * 国务院办公厅关于2026年部分节假日安排的通知 (published 2025-11-04): the weekdays off and the
 * weekend days worked. Weekend days inside a holiday need no row, they are off anyway.
 */
const SCHEDULE_2026: [date: string, kind: 'holiday' | 'workday', name: string][] = [
  ['2026-01-01', 'holiday', '元旦'], ['2026-01-02', 'holiday', '元旦'], ['2026-01-04', 'workday', '元旦'],
  ['2026-02-14', 'workday', '春节'],
  ['2026-02-16', 'holiday', '春节'], ['2026-02-17', 'holiday', '春节'], ['2026-02-18', 'holiday', '春节'],
  ['2026-02-19', 'holiday', '春节'], ['2026-02-20', 'holiday', '春节'], ['2026-02-23', 'holiday', '春节'],
  ['2026-02-28', 'workday', '春节'],
  ['2026-04-06', 'holiday', '清明节'],
  ['2026-05-01', 'holiday', '劳动节'], ['2026-05-04', 'holiday', '劳动节'], ['2026-05-05', 'holiday', '劳动节'],
  ['2026-05-09', 'workday', '劳动节'],
  ['2026-06-19', 'holiday', '端午节'],
  ['2026-09-25', 'holiday', '中秋节'],
  ['2026-09-20', 'workday', '国庆节'],
  ['2026-10-01', 'holiday', '国庆节'], ['2026-10-02', 'holiday', '国庆节'], ['2026-10-05', 'holiday', '国庆节'],
  ['2026-10-06', 'holiday', '国庆节'], ['2026-10-07', 'holiday', '国庆节'],
  ['2026-10-10', 'workday', '国庆节'],
];

/**
 * The work calendar for working-day deadlines, seeded with the published schedule: every
 * installation needs it, not only the demo. Later years are entered by an admin (or a migration).
 */
export class Migration20261127160000_workCalendar extends Migration {
  override async up(): Promise<void> {
    // The check keeps out rows that would mean nothing: a holiday on a weekend, a workday on a weekday.
    this.addSql(`
create table work_calendar_days (
  date date primary key,
  kind varchar(8) not null check (kind in ('holiday','workday')),
  name varchar(40) not null,
  updated_by int null references users(id) deferrable initially deferred,
  updated_at timestamptz not null default now(),
  check ((kind = 'holiday') = (extract(isodow from date) < 6))
);`);
    const values = SCHEDULE_2026.map(([date, kind, name]) => `('${date}', '${kind}', '${name}')`).join(',\n  ');
    this.addSql(`insert into work_calendar_days (date, kind, name) values\n  ${values};`);
  }
}
