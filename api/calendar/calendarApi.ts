import { apiRoute, jsonBody } from '../http/apiRoute.js';
import { calendarDayBody } from './calendarContract.js';
import { fail, json, list, param, schema, secured, tags } from '../openapi/helpers.js';

/** The routes of calendarRoutes.ts, each with its OpenAPI operation (the document is generated from these). */
export const calendarApi = {
  listCalendarDays: apiRoute('get', '/admin/calendar', {
    tags: tags.calendar,
    operationId: 'listCalendarDays',
    summary: 'The work calendar\'s holidays and 调休 working days, by date',
    description: 'Deadlines in working days (e.g. the regrade decision\'s 3) skip weekends and `holiday` days and count '
      + '`workday` days. The State Council\'s published schedule comes with the installation; later years are entered here. '
      + 'Workers read the calendar at most a minute old, so a change applies to deadlines set from then on; '
      + 'deadlines already set keep their date.',
    parameters: [
      {
        name: 'year', in: 'query', description: 'Only this year (four digits, else 422 at `/year`); absent: every year.',
        schema: { type: 'integer', minimum: 1900, maximum: 2999, examples: [2026] },
      },
      param('AcceptLanguage'),
    ],
    responses: secured({
      '200': list('CalendarDay', 'The days, by date.'),
      '403': fail('Forbidden', 'Not an admin.'),
      '422': fail('Unprocessable', 'A `year` that is not four digits (at `/year`).'),
    }),
  }),
  setCalendarDay: apiRoute('put', '/admin/calendar/:date', {
    tags: tags.calendar,
    operationId: 'setCalendarDay',
    summary: 'Mark a day as a holiday or a 调休 working day (or rename it)',
    description: 'Idempotent: the same values again change nothing (200). Each change is audited (`calendar.daySet`).',
    parameters: [param('CalendarDate'), param('AcceptLanguage')],
    requestBody: jsonBody(calendarDayBody),
    responses: secured({
      '201': json('The day was not in the calendar before.', schema('CalendarDay')),
      '200': json('The day was in the calendar: it now reads as given.', schema('CalendarDay')),
      '400': fail('InvalidJson'),
      '403': fail('Forbidden', 'Not an admin.'),
      '422': fail('Unprocessable', 'Every bad field at once: `/date`, `/kind` (also a kind that means nothing on that day), `/name`.'),
    }),
  }),
  deleteCalendarDay: apiRoute('delete', '/admin/calendar/:date', {
    tags: tags.calendar,
    operationId: 'deleteCalendarDay',
    summary: 'Return a day to the weekday rule',
    description: 'Idempotent: a day that is not in the calendar is 204 too. A removal is audited (`calendar.dayRemoved`).',
    parameters: [param('CalendarDate'), param('AcceptLanguage')],
    responses: secured({
      '204': { description: 'The day follows the weekday rule.' },
      '403': fail('Forbidden', 'Not an admin.'),
      '422': fail('Unprocessable', 'Not a date (at `/date`).'),
    }),
  }),
};
