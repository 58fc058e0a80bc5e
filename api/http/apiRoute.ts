import type { RequestHandler, Router } from 'express';
import type { RouteParameters } from 'express-serve-static-core';
import { fail } from '../openapi/helpers.js';
import { jsonBodySchema, validateBody } from './requestValidation.js';

/** An OpenAPI 3.1 operation object: summary, parameters, request body, responses… */
export type OperationSpec = { operationId: string; summary: string; responses: Record<string, unknown> } & Record<string, unknown>;

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * One route of the API, declared once: its method, its Express path (under `/api`, or at the root
 * with `root`), and its OpenAPI operation. The router serves it from this declaration and the
 * document at `/api/openapi.json` is generated from the same one, so the two cannot drift apart.
 */
export interface ApiRoute<Path extends string = string> {
  method: HttpMethod;
  path: Path;
  root?: boolean;
  spec: OperationSpec;
}

/** Declares a route under `/api`. */
export function apiRoute<const Path extends string>(method: HttpMethod, path: Path, spec: OperationSpec): ApiRoute<Path> {
  return { method, path, spec };
}

/** Declares a route outside `/api` (health probes). */
export function rootRoute<const Path extends string>(method: HttpMethod, path: Path, spec: OperationSpec): ApiRoute<Path> {
  return { method, path, root: true, spec };
}

/**
 * Serves `route` on `router` (mounted at `/api`, or at the root for root routes) with its handlers,
 * after checking its JSON body against the schema its operation declares.
 */
export function serve<Path extends string>(router: Router, route: ApiRoute<Path>, ...handlers: RequestHandler<RouteParameters<Path>>[]): void {
  const bodyCheck = validateBody(route);
  router[route.method](route.path, ...(bodyCheck ? [bodyCheck] : []), ...(handlers as RequestHandler[]));
}

/** A required JSON request body of `schema`. */
export const jsonBody = <const S extends object>(schema: S) => ({ required: true, content: { 'application/json': { schema } } });

/** The OpenAPI path of a route: `/api` + its Express path, `:param` written `{param}`. */
export function openApiPath(route: ApiRoute): string {
  return `${route.root ? '' : '/api'}${route.path}`.replace(/:(\w+)/g, '{$1}');
}

/** A route that reads JSON also answers 400 for a body that is not JSON (or not an object): said once, here. */
function withBodyErrors(route: ApiRoute): OperationSpec {
  if (!jsonBodySchema(route) || route.spec.responses['400']) return route.spec;
  return { ...route.spec, responses: { '400': fail('InvalidJson'), ...route.spec.responses } };
}

/** The document's `paths` object for `routes`. */
export function openApiPaths(routes: readonly ApiRoute[]): Record<string, Partial<Record<HttpMethod, OperationSpec>>> {
  const paths: Record<string, Partial<Record<HttpMethod, OperationSpec>>> = {};
  for (const route of routes) {
    const path = openApiPath(route);
    if (paths[path]?.[route.method]) throw new Error(`${route.method.toUpperCase()} ${path} is declared twice`);
    (paths[path] ??= {})[route.method] = withBodyErrors(route);
  }
  return paths;
}
