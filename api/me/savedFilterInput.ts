import type { FieldError, Locale } from '../../forms/formDefinition.js';
import { ValidationError } from '../http/errors.js';
import { t } from '../http/messages.js';

export const FILTER_NAME_MAX = 60;
export const FILTER_VALUE_MAX = 200;
export const FILTERS_PER_USER = 50;
/** The inbox query parameters a saved filter may hold (paging is not part of a filter). */
export const FILTER_KEYS = ['view', 'status', 'process', 'q', 'dueBefore', 'dueAfter', 'overdue', 'sort'] as const;

export interface SavedFilterInput {
  name: string;
  query: Record<string, string>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{name, query}` of a save: a trimmed name of 1–60 characters, known keys with short text values; else 422 with paths. */
export function savedFilterInput(body: Record<string, unknown>, locale: Locale): SavedFilterInput {
  const errors: FieldError[] = [];
  const name = typeof body.name === 'string' ? body.name.trim() : '';
  if (name === '' || name.length > FILTER_NAME_MAX) {
    errors.push({ path: '/name', message: t(locale, 'filterName', { max: FILTER_NAME_MAX }) });
  }
  const query: Record<string, string> = {};
  if (!isObject(body.query)) {
    errors.push({ path: '/query', message: t(locale, 'notObject') });
  } else {
    for (const [key, value] of Object.entries(body.query)) {
      if (!(FILTER_KEYS as readonly string[]).includes(key)) {
        errors.push({ path: `/query/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, message: t(locale, 'unknownFilter') });
      } else if (typeof value !== 'string' || value.length > FILTER_VALUE_MAX) {
        errors.push({ path: `/query/${key}`, message: t(locale, 'filterValue', { max: FILTER_VALUE_MAX }) });
      } else {
        query[key] = value;
      }
    }
  }
  if (errors.length) throw new ValidationError(errors);
  return { name, query };
}
