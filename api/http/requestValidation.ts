import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { RequestHandler } from 'express';
import type { FieldError, Locale } from '../../forms/formDefinition.js';
import { addFormFormats, fieldPath, localized } from '../../forms/validate.js';
import { components } from '../openapi/components.js';
import type { ApiRoute } from './apiRoute.js';
import { ValidationError } from './errors.js';
import { requestLocale } from './locale.js';
import type { BodyMessage, BodyMessages } from './sharedContract.js';
import { notOneOf, t } from './messages.js';

const COMPONENTS_ID = 'dutyflow-components';

/** One Ajv for every route's body, the shared component schemas registered once. */
const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, coerceTypes: false, useDefaults: false });
addFormFormats(ajv);
ajv.addFormat('binary', true);
ajv.addFormat('password', true);
ajv.addSchema({ $id: COMPONENTS_ID, components }, COMPONENTS_ID);

/** The route's JSON body schema, if its operation declares one. */
export function jsonBodySchema(route: ApiRoute): object | undefined {
  const body = route.spec.requestBody as { content?: Record<string, { schema?: object }> } | undefined;
  return body?.content?.['application/json']?.schema;
}

/** `#/components/…` in a route's schema means the shared components. */
function resolveComponents(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolveComponents);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [
    key,
    key === '$ref' && typeof inner === 'string' && inner.startsWith('#/components/') ? `${COMPONENTS_ID}${inner}` : resolveComponents(inner),
  ]));
}

const compiled = new WeakMap<object, ValidateFunction>();

/** `body`'s errors against a body `schema` (each field at its path, in `locale`); none when it fits. */
export function bodyErrors(schema: object, body: unknown, locale: Locale): FieldError[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(resolveComponents(schema) as object);
    compiled.set(schema, validate);
  }
  return validate(body) ? [] : fieldErrors(validate.errors, locale);
}

/**
 * Checks the JSON body of `route` against the schema its OpenAPI operation declares, before any
 * handler runs: a bad body is 422 with every bad field at its path, in the caller's language (the
 * same shape as a form's errors). Routes without a JSON body schema pass through.
 */
export function validateBody(route: ApiRoute): RequestHandler | undefined {
  const schema = jsonBodySchema(route);
  if (!schema) return undefined;
  return (req, res, next) => {
    // Routes before the session check (login) have no user locale yet: the header's, else zh-CN.
    const errors = bodyErrors(schema, req.body ?? {}, (res.locals.locale as Locale | undefined) ?? requestLocale(req));
    if (errors.length) throw new ValidationError(errors);
    next();
  };
}

function fieldErrors(errors: ErrorObject[] | null | undefined, locale: Locale): FieldError[] {
  const seen = new Set<string>();
  const result: FieldError[] = [];
  for (const error of localized(errors, locale)) {
    // A failed `anyOf`/`oneOf` branch reports its own errors; `if` only says its `then` failed.
    if (error.keyword === 'if') continue;
    const path = fieldPath(error);
    const text = ownMessage(error, locale) ?? error.message ?? error.keyword;
    if (seen.has(path)) continue; // One message per field: the first is the one to fix.
    seen.add(path);
    result.push({ path, message: text });
  }
  return result;
}

/** The schema's `x-message` for this keyword; enums list what they allow. */
function ownMessage(error: ErrorObject, locale: Locale): string | undefined {
  const messages = messagesOf(error);
  const chosen = typeof messages === 'string' || Array.isArray(messages)
    ? messages as BodyMessage
    : (messages as Partial<Record<string, BodyMessage>> | undefined)?.[error.keyword];
  if (chosen) return typeof chosen === 'string' ? t(locale, chosen) : t(locale, chosen[0], chosen[1]);
  if (error.keyword === 'enum') return notOneOf(locale, (error.params as { allowedValues: unknown[] }).allowedValues.map(String));
  return undefined;
}

type Described = { 'x-message'?: BodyMessages; $ref?: string; properties?: Record<string, Described> };

/** The `x-message` that explains `error`: a missing field's own, else that of the schema that refused the value. */
function messagesOf(error: ErrorObject): BodyMessages | undefined {
  const parent = error.parentSchema as Described | undefined;
  if (error.keyword !== 'required') return parent?.['x-message'];
  const field = parent?.properties?.[(error.params as { missingProperty: string }).missingProperty];
  return field?.['x-message'] ?? componentOf(field?.$ref)?.['x-message'];
}

function componentOf(ref: string | undefined): Described | undefined {
  const name = ref?.match(/components\/schemas\/(\w+)$/)?.[1];
  return name ? (components.schemas as Record<string, Described>)[name] : undefined;
}
