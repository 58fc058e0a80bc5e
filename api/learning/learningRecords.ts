import type { MikroORM } from '@mikro-orm/postgresql';
import { chinaDate } from '../../domain/chinaTime.js';
import { UserSchema } from '../../db/entities/index.js';
import type { FieldError, Locale } from '../../forms/formDefinition.js';
import type { SessionUser } from '../http/auth.js';
import { ForbiddenError, ValidationError } from '../http/errors.js';
import { text } from '../tasks/inboxFilter.js';
import { t } from '../http/messages.js';
import { overseenUserIds } from '../http/visibility.js';

/** A person's records of one year that count: not withdrawn, and not of a start that failed. Newest first. */
const RECORDS_OF_YEAR = `
select lr.instance_id, lr.title, lr.kind, to_char(lr.date, 'YYYY-MM-DD') as date, lr.hours::text as hours, lr.status,
  lr.acknowledged_by, u.display_name as acknowledged_by_name, lr.acknowledged_at, lr.submitted_at,
  (sum(lr.hours) over ())::text as total_hours
from learning_records lr
join process_instances pi on pi.id = lr.instance_id
left join users u on u.id = lr.acknowledged_by
where lr.user_id = ? and lr.year = ? and lr.status <> 'withdrawn' and pi.status <> 'failed'
order by lr.date desc, lr.submitted_at desc`;

interface RecordRow {
  instance_id: string;
  title: string;
  kind: string;
  date: string;
  hours: string;
  status: string;
  acknowledged_by: number | null;
  acknowledged_by_name: string | null;
  acknowledged_at: Date | null;
  submitted_at: Date;
  total_hours: string;
}

/** Largest value of a PostgreSQL int: a longer id cannot name a user. */
const MAX_ID = 2_147_483_647;

/** `?userId=&year=`: the person (default: the caller) and the year (default: this year in China); 422 naming each bad one. */
export function readLearningQuery(query: Record<string, unknown>, user: SessionUser, locale: Locale): { userId: number; year: number } {
  const errors: FieldError[] = [];
  const yearText = text(query.year) ?? chinaDate(new Date()).slice(0, 4);
  const year = Number(yearText);
  if (!/^\d{4}$/.test(yearText) || year < 1970 || year > 2999) errors.push({ path: '/year', message: t(locale, 'calendarYear') });
  const idText = text(query.userId);
  const userId = idText === undefined ? user.id : Number(idText);
  if (idText !== undefined && (!/^[1-9]\d{0,9}$/.test(idText) || userId > MAX_ID)) {
    errors.push({ path: '/userId', message: t(locale, 'notPositiveInt') });
  }
  if (errors.length) throw new ValidationError(errors);
  return { userId, year };
}

/** The per-person yearly list of learning records (学习记录) and its hours. */
export function createLearningRecords(orm: MikroORM) {
  return {
    /**
     * One person's records of a year with the total hours. The caller reads their own; a supervisor
     * also those of the managers reporting to them; the dept head, leaders and admins everyone's (403 otherwise).
     */
    async list(user: SessionUser, query: Record<string, unknown>, locale: Locale) {
      const { userId, year } = readLearningQuery(query, user, locale);
      const overseen = await overseenUserIds(orm, user);
      if (overseen !== 'all' && !overseen.includes(userId)) throw new ForbiddenError();
      const em = orm.em.fork();
      const person = await em.findOne(UserSchema, { id: userId });
      if (!person) throw new ValidationError([{ path: '/userId', message: t(locale, 'userMissing') }]);
      const rows = await em.getConnection().execute<RecordRow[]>(RECORDS_OF_YEAR, [userId, year]);
      return {
        user: { id: person.id, name: person.displayName },
        year,
        items: rows.map((row) => ({
          instanceId: row.instance_id, title: row.title, kind: row.kind, date: row.date, hours: Number(row.hours), status: row.status,
          acknowledgedBy: row.acknowledged_by == null ? null : { id: row.acknowledged_by, name: row.acknowledged_by_name ?? '' },
          acknowledgedAt: row.acknowledged_at == null ? null : new Date(row.acknowledged_at).toISOString(),
          submittedAt: new Date(row.submitted_at).toISOString(),
        })),
        totalHours: Number(rows[0]?.total_hours ?? 0),
        // Whose lists the caller may open (null: everyone's), for a person picker.
        people: overseen === 'all' ? null : overseen,
      };
    },
  };
}
