import type { ApiRoute } from './apiRoute.js';

/*
 * The authorisation matrix (security issue 13): each feature keeps, beside its routes, a table of who
 * may call each route on which record, and test/integration/accessMatrix.test.ts sends every row as
 * every account. A route without a row fails that test by name, and a table that misses one of its
 * *Api.ts routes fails the compiler.
 */

/**
 * Who calls: no session, or one demo account of each role (db/demoSeed.ts). mgr1 is in sup1's team and
 * owns the fixtures below; mgr4 and sup2 are the other team, so a row shows own records against others'.
 */
export const ACCESS_ACCOUNTS = ['anonymous', 'mgr1', 'mgr4', 'sup1', 'sup2', 'head', 'safety', 'leader', 'admin'] as const;
export type AccessAccount = (typeof ACCESS_ACCOUNTS)[number];

/**
 * The records the matrix sets up once before the rows run, named in a row's path or body as
 * `{name}`. A whole JSON string `"{name}"` becomes the value itself (a number stays a number).
 */
export interface AccessFixtures {
  /** mgr1's user id. */
  mgr1Id: number;
  /** mgr1's customer with the open regrade below. */
  mgr1Customer: number;
  /** mgr1's customer at tier 11 with no regrade: free for a new one. */
  mgr1FreeCustomer: number;
  /** mgr1's regrade (open), and its review task, assigned to sup1 and excluding mgr1. */
  reviewInstance: string;
  reviewTask: string;
  /** Another review task of an open regrade of mgr1's, for sup1, for the row that completes it. */
  decidableTask: string;
  /** Another open regrade of mgr1's, for the row that withdraws it. */
  withdrawableInstance: string;
  /** The code of a hazard mgr1 reported (with a photo), and its assessment task, offered to safety officers. */
  mgr1Hazard: string;
  assessTask: string;
  /** The same assessment task, claimed by `safety` again before each request that would release it. */
  claimedAssessTask: string;
  /** mgr1's photo, linked to that hazard's instance. */
  hazardPhoto: string;
  /** A file mgr1 uploaded and no form uses yet: theirs alone. */
  mgr1Draft: string;
  /** A 督办 the leader assigned to mgr1, accepted by mgr1. */
  assignment: string;
  /** One of mgr1's notifications, a saved inbox filter of theirs. */
  mgr1Notification: string;
  mgr1Filter: string;
  /** The month (`YYYY-MM`) of a published allocation plan. */
  allocationMonth: string;
  /** A user the admin made for the matrix (no demo account), whom the people rows change and reset. */
  spareUserId: number;
  /** A request id never used before (a new one each time it is named). */
  requestId: string;
}

/** A `{name}` placeholder of a fixture. */
export type AccessPlaceholder = `{${keyof AccessFixtures}}`;

/** A body that is not JSON: a file's type and bytes, as text or as the matrix's sample PNG. */
export type AccessFile = { contentType: string; text: string } | { contentType: string; samplePng: true };

/** The request a row makes; the method is its route's. */
export interface AccessRequest {
  /** From the server's root, with the query; fixtures as `{name}`. */
  path: string;
  /** A JSON body; strings may name fixtures. */
  body?: unknown;
  file?: AccessFile;
  /** The request ends the session it is sent with (logout): each account signs in anew for it. */
  freshSession?: true;
}

/** One route's row: its request, and the status each account gets. */
export interface AccessRow {
  request: AccessRequest;
  expect: Record<AccessAccount, number>;
}

/** A feature's rows, keyed by the route objects of its *Api.ts (so every route has one). */
export type AccessTable = ReadonlyMap<ApiRoute, AccessRow>;

/** The table of `api`'s routes: the compiler refuses one that misses a route or names one `api` does not have. */
export function accessTable<Api extends Record<string, ApiRoute>>(api: Api, rows: { [K in keyof Api]: AccessRow }): AccessTable {
  return new Map(Object.keys(api).map((key) => [api[key]!, rows[key]!]));
}

/** The statuses of a route every signed-in account gets alike (401 without a session, unless `anonymous` says otherwise). */
export function sameForEveryAccount(status: number, anonymous = 401): Record<AccessAccount, number> {
  return { anonymous, mgr1: status, mgr4: status, sup1: status, sup2: status, head: status, safety: status, leader: status, admin: status };
}
