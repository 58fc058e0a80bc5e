import type { RequestHandler } from 'express';
import type { FieldError } from '../../forms/formDefinition.js';
import { fail } from '../openapi/helpers.js';
import { openApiPath, type ApiRoute } from './apiRoute.js';
import { ValidationError } from './errors.js';
import { requestLocale } from './locale.js';
import { t } from './messages.js';

/** Enough to show a client its mistake; a body full of NULs must not become a reply many times its size. */
const MAX_REPORTED = 10;

const escapePointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/** JSON pointers (`/a/0/b`) of the strings and keys under `root` that hold U+0000, walked without recursion (bodies nest deep). */
function nulPointers(root: unknown): string[] {
  const found: string[] = [];
  const pending: [string, unknown][] = [['', root]];
  for (let i = 0; i < pending.length && found.length < MAX_REPORTED; i++) {
    const [pointer, value] = pending[i]!;
    if (typeof value === 'string') {
      if (value.includes('\0')) found.push(pointer);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        const at = `${pointer}/${escapePointer(key)}`;
        if (key.includes('\0')) found.push(at);
        else pending.push([at, child]);
      }
    }
  }
  return found;
}

/** For each declared route with path parameters: its pattern on the raw path and the parameters' names, in order. */
function pathTemplates(routes: readonly ApiRoute[]) {
  return routes.map(openApiPath).filter((path) => path.includes('{')).map((path) => ({
    names: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
    pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '([^/]+)')}$`),
  }));
}

/**
 * Refuses U+0000 in any query parameter, path parameter or JSON string (or key) with 422 at the field
 * that holds it, before any route runs. PostgreSQL cannot store NUL in text or jsonb: a NUL that reached
 * a query failed it with a 500. Path parameters are named after the declared `routes`.
 */
export function refuseNulCharacters(routes: readonly ApiRoute[]): RequestHandler {
  const templates = pathTemplates(routes);
  const inPath = (path: string): string[] => {
    // A path can only carry NUL percent-encoded: the HTTP parser refuses a raw one.
    if (!/%00/i.test(path)) return [];
    for (const { names, pattern } of templates) {
      const values = pattern.exec(path)?.slice(1);
      const at = values?.findIndex((value) => /%00/i.test(value));
      if (at !== undefined && at >= 0) return [`/${names[at]}`];
    }
    return [''];
  };
  return (req, _res, next) => {
    const pointers = [...inPath(req.path), ...nulPointers(req.query), ...nulPointers(req.body)].slice(0, MAX_REPORTED);
    if (pointers.length === 0) return next();
    const message = t(requestLocale(req), 'nulCharacter');
    throw new ValidationError(pointers.map((path): FieldError => ({ path, message })));
  };
}

/**
 * `route` with the 422 that refuseNulCharacters may answer on it documented, unless the route
 * documents a 422 of its own already.
 */
export function documentNulRefusal(route: ApiRoute): ApiRoute {
  if ('422' in route.spec.responses) return route;
  const refusal = fail('Unprocessable', 'A NUL character (U+0000) in a query parameter, path parameter or JSON string, at its path.');
  return { ...route, spec: { ...route.spec, responses: { ...route.spec.responses, '422': refusal } } };
}
