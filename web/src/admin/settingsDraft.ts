import type { BusinessSettingsBody } from '../../../api/settings/settingsContract';

/*
 * The 业务参数 form's values: every setting as the text its field shows (a duration `3wd`, a percent for the
 * adjust bound, megabytes for the attachment limit), and back into the body `PUT /api/admin/settings` takes.
 * A value that is not a number goes to the server as typed, so its 422 names the field.
 */

export type SettingsSection = keyof BusinessSettingsBody;
/**
 * How a setting is edited: a duration, a natural-time duration (no working days), one that may be left empty (the end of
 * the period), a whole number, a percent of a fraction, a cap (empty: none), a choice, MB of bytes, media types, visit bands,
 * business types' visit frequencies.
 */
export type SettingKind =
  | 'duration' | 'natural' | 'periodDue' | 'count' | 'percent' | 'cap' | 'choice' | 'megabytes' | 'types' | 'bands' | 'businessTypes';

/** The form's sections and fields, in the order shown. */
export const SETTING_FIELDS: readonly { section: SettingsSection; fields: readonly (readonly [string, SettingKind])[] }[] = [
  { section: 'regrade', fields: [['decisionDue', 'duration'], ['remindAfter', 'duration'], ['headApprovalAbove', 'count']] },
  {
    section: 'hazard',
    fields: [['assessDue', 'duration'], ['noticeDue', 'duration'], ['signOffDue', 'duration'], ['verifyDue', 'duration'],
      ['remindBeforeHours', 'count'], ['signOffMode', 'choice']],
  },
  { section: 'assignment', fields: [['acceptDue', 'duration'], ['clarifyDue', 'duration'], ['reviewDue', 'duration'], ['remindBeforeHours', 'count']] },
  {
    section: 'allocation',
    fields: [['adjustBound', 'percent'], ['cap', 'cap'], ['bigCustomerThreshold', 'count'], ['surgePercent', 'count'],
      ['reviewDue', 'duration'], ['approveDue', 'duration'], ['publishDue', 'duration']],
  },
  { section: 'attachments', fields: [['maxBytes', 'megabytes'], ['types', 'types']] },
  {
    section: 'visitPlan',
    fields: [['bands', 'bands'], ['byBusinessType', 'businessTypes'], ['dueAfter', 'periodDue'], ['remindBefore', 'natural'], ['lateGrace', 'natural']],
  },
];

export const DURATION_UNITS = ['wd', 'd', 'h', 'm', 's'] as const;
/** Natural time only: a visit plan's deadlines are counted in elapsed time. */
export const NATURAL_UNITS = ['d', 'h', 'm', 's'] as const;

/** A visit band in the draft: `25-30-week` (the numbers as typed, so a bad one reaches the server and its 422). */
export const bandText = (band: { fromTier: unknown; toTier: unknown; every: unknown }) => `${String(band.fromTier)}-${String(band.toTier)}-${String(band.every)}`;
export function parseBand(text: string): { fromTier: string; toTier: string; every: string } {
  const [fromTier = '', toTier = '', every = 'week'] = text.split('-');
  return { fromTier, toTier, every };
}

/** A business type's rule in the draft: `week:supermarket` (the business type last: it may hold any character). */
export const ruleText = (rule: { businessType: string; every: string }) => `${rule.every}:${rule.businessType}`;
export function parseRule(text: string): { businessType: string; every: string } {
  const colon = text.indexOf(':');
  return { every: text.slice(0, colon), businessType: text.slice(colon + 1) };
}

const MB = 1024 * 1024;
const NUMBER = /^\s*\d+(\.\d+)?\s*$/;

export type SettingValue = string | string[];
export type SettingsDraft = Record<SettingsSection, Record<string, SettingValue>>;

/** `3wd` as `['3', 'wd']`; a unit alone (`wd`, the number cleared) as `['', 'wd']`; nothing as `['', fallback]`. */
export function splitDuration(text: string, fallback = 'wd'): [string, string] {
  const unit = /(wd|d|h|m|s)$/.exec(text)?.[1] ?? fallback;
  return [text.slice(0, text.length - (text.endsWith(unit) ? unit.length : 0)), unit];
}

/** A number without float noise (0.1 + 0.2), for a field. */
const shown = (n: number) => String(Number(n.toFixed(6)));

function fieldText(kind: SettingKind, value: unknown): SettingValue {
  switch (kind) {
    case 'types': return [...(value as string[])];
    case 'bands': return (value as { fromTier: number; toTier: number; every: string }[]).map(bandText);
    case 'businessTypes': return (value as { businessType: string; every: string }[]).map(ruleText);
    case 'periodDue': return value === null ? '' : String(value);
    case 'percent': return shown((value as number) * 100);
    case 'cap': return value === null ? '' : String(value);
    case 'megabytes': return shown((value as number) / MB);
    default: return String(value);
  }
}

function fieldValue(kind: SettingKind, text: SettingValue): unknown {
  if (kind === 'bands') {
    return (text as string[]).map((band) => {
      const { fromTier, toTier, every } = parseBand(band);
      const tier = (t: string) => (NUMBER.test(t) ? Number(t) : t);
      return { fromTier: tier(fromTier), toTier: tier(toTier), every };
    });
  }
  if (kind === 'businessTypes') {
    return (text as string[]).map(parseRule).map((rule) => ({ ...rule, businessType: rule.businessType.trim() }));
  }
  if (Array.isArray(text)) return text;
  const numeric = NUMBER.test(text);
  switch (kind) {
    case 'count': return numeric ? Number(text) : text;
    case 'cap': return text.trim() === '' ? null : numeric ? Number(text) : text;
    case 'percent': return numeric ? Number((Number(text) / 100).toFixed(6)) : text;
    case 'megabytes': return numeric ? Math.round(Number(text) * MB) : text;
    case 'periodDue': return /\d/.test(text) ? text.trim() : null; // a unit alone: the number was cleared
    default: return text.trim();
  }
}

/** The form's texts of `settings`. */
export function draftOf(settings: BusinessSettingsBody): SettingsDraft {
  const draft = {} as SettingsDraft;
  for (const { section, fields } of SETTING_FIELDS) {
    const values = settings[section] as Record<string, unknown>;
    draft[section] = Object.fromEntries(fields.map(([key, kind]) => [key, fieldText(kind, values[key])]));
  }
  return draft;
}

/** The body of a save: every setting (as the API's schema has them). */
export function bodyOf(draft: SettingsDraft): BusinessSettingsBody {
  const body: Record<string, Record<string, unknown>> = {};
  for (const { section, fields } of SETTING_FIELDS) {
    body[section] = Object.fromEntries(fields.map(([key, kind]) => [key, fieldValue(kind, draft[section][key] ?? '')]));
  }
  return body as unknown as BusinessSettingsBody;
}

export const sameValue = (a: SettingValue | undefined, b: SettingValue | undefined) => JSON.stringify(a) === JSON.stringify(b);

/** The field a server error belongs to: `/attachments/types/2` is the list of types. */
export function fieldPath(path: string): string {
  return path.split('/').slice(0, 3).join('/');
}

/** A field's problem found before sending (the server's message would speak of fractions and bytes). */
export function localProblem(kind: SettingKind, text: SettingValue): 'percentRange' | 'mbRange' | undefined {
  if (Array.isArray(text) || !NUMBER.test(text)) return undefined;
  const n = Number(text);
  if (kind === 'percent' && n > 100) return 'percentRange';
  if (kind === 'megabytes' && (n * MB < 1024 || n > 100)) return 'mbRange';
  return undefined;
}
