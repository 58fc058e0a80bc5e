import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import enModule from 'ajv-i18n/localize/en/index.js';
import zhModule from 'ajv-i18n/localize/zh/index.js';
import { ATTACHMENT_FORMAT, ATTACHMENT_ID_PATTERN } from './attachmentFields.js';
import type { FieldError, FormDefinition, Locale } from './formDefinition.js';
import { getForm } from './registry.js';

/** Validates submitted form data against the registered schemas. */
export interface FormValidator {
  /** Validates data against the form's schema; never throws for bad data. Unknown form key throws an Error. */
  validate<T = unknown>(
    formKey: string,
    data: unknown,
    locale: Locale,
  ): { ok: true; data: T } | { ok: false; errors: FieldError[] };
}

type Localize = (errors?: null | ErrorObject[]) => void;

/**
 * These packages are CommonJS whose typings declare `export default`. Under NodeNext TypeScript
 * types the default import as the whole module (`{ default: fn }`), while at runtime Node hands
 * over `module.exports` itself (ajv-i18n has no `.default`). Accept both shapes.
 */
function cjsDefault<T>(mod: unknown): T {
  return (typeof mod === 'function' ? mod : (mod as { default: T }).default) as T;
}

const addFormats = cjsDefault<(ajv: Ajv) => Ajv>(addFormatsModule);
const localizers: Record<Locale, Localize> = {
  'zh-CN': cjsDefault<Localize>(zhModule),
  en: cjsDefault<Localize>(enModule),
};
const labelSeparator: Record<Locale, string> = { 'zh-CN': '：', en: ': ' };
/** ajv-i18n's wording for a missing field repeats the property name; people read "required". */
const requiredMessage: Record<Locale, string> = { 'zh-CN': '为必填项', en: 'is required' };

/** The formats the forms' schemas use: ajv-formats' and the attachment id. */
export function addFormFormats(ajv: Ajv): void {
  addFormats(ajv);
  // Only the id's shape here; whether the caller may use that file is checked when the record is linked.
  ajv.addFormat(ATTACHMENT_FORMAT, ATTACHMENT_ID_PATTERN);
}

/** Creates a validator with its own Ajv instance; each form's schema is compiled on first use. */
export function createFormValidator(): FormValidator {
  // No coercion and no defaults: what the user submitted is exactly what gets stored.
  const ajv = new Ajv({ allErrors: true, strict: true, coerceTypes: false, useDefaults: false });
  addFormFormats(ajv);
  const compiled = new Map<string, ValidateFunction>();

  function compile(form: FormDefinition): ValidateFunction {
    let fn = compiled.get(form.key);
    if (!fn) {
      fn = ajv.compile(form.schema);
      compiled.set(form.key, fn);
    }
    return fn;
  }

  return {
    validate<T = unknown>(formKey: string, data: unknown, locale: Locale) {
      const form = getForm(formKey);
      if (!form) throw new Error(`Unknown form: ${formKey}`);
      const fn = compile(form);
      if (fn(data)) return { ok: true as const, data: data as T };
      return { ok: false as const, errors: toFieldErrors(localized(fn.errors, locale), form.i18n[locale], labelSeparator[locale]) };
    },
  };
}

/** Ajv's errors with messages in `locale` (copies: ajv-i18n rewrites messages in place). */
export function localized(errors: ErrorObject[] | null | undefined, locale: Locale): ErrorObject[] {
  const copies = (errors ?? []).map((e) => ({ ...e }));
  localizers[locale](copies);
  for (const error of copies) if (error.keyword === 'required') error.message = requiredMessage[locale];
  return copies;
}

function toFieldErrors(
  errors: ErrorObject[],
  labels: Record<string, string>,
  separator: string,
): FieldError[] {
  const seen = new Set<string>();
  const result: FieldError[] = [];
  for (const error of errors) {
    // `if` only reports that its `then` failed; the `then` errors themselves are already listed.
    if (error.keyword === 'if') continue;
    const path = fieldPath(error);
    const key = i18nKey(path);
    const message = labels[`${key}.error.${error.keyword}`] ?? error.message ?? error.keyword;
    const label = labels[`${key}.label`];
    const text = label ? `${label}${separator}${message}` : message;
    const id = `${path}\u0000${text}`;
    if (seen.has(id)) continue;
    seen.add(id);
    result.push({ path, message: text });
  }
  return result;
}

/** Points at the field itself, not its parent object, for keywords that report on the parent. */
export function fieldPath(error: ErrorObject): string {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const child =
    error.keyword === 'required'
      ? params.missingProperty
      : error.keyword === 'additionalProperties'
        ? params.additionalProperty
        : undefined;
  return child === undefined ? error.instancePath : `${error.instancePath}/${escapePointer(child)}`;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** JSON Forms' i18n key for a data path: segments joined by dots, array indexes dropped. */
function i18nKey(path: string): string {
  return path
    .split('/')
    .slice(1)
    .filter((segment) => !/^\d+$/.test(segment))
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}
