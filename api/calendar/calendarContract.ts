/** The JSON body the calendar route accepts: validated by Ajv, documented in OpenAPI, typed for server and web. */
import type { FromSchema } from 'json-schema-to-ts';
import { CALENDAR_DAY_KINDS } from '../../domain/calendar.js';
import { message } from '../http/sharedContract.js';

export const CALENDAR_NAME_MAX = 40;

export const calendarDayBody = {
  type: 'object',
  required: ['kind', 'name'],
  properties: {
    kind: {
      type: 'string', enum: CALENDAR_DAY_KINDS,
      description: '`holiday`: a weekday that is off (法定节假日). `workday`: a weekend day that is worked (调休上班). '
        + 'Else 422 at `/kind`, as is a `holiday` on a Saturday or Sunday or a `workday` on a weekday (they would change nothing).',
    },
    name: {
      type: 'string', minLength: 1, maxLength: CALENDAR_NAME_MAX, pattern: '\\S',
      description: `What the day is for, e.g. 春节, 国庆节. Trimmed; 1–${CALENDAR_NAME_MAX} characters, else 422 at \`/name\`.`,
      ...message('filterName', { max: CALENDAR_NAME_MAX }),
    },
  },
} as const;
export type CalendarDayBody = FromSchema<typeof calendarDayBody>;
