import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_ACCOUNTS, type AccessAccount, type AccessRequest, type AccessRow, type AccessTable } from '../../api/http/accessTable.js';
import { openApiPath, type ApiRoute } from '../../api/http/apiRoute.js';
import { API_ROUTES } from '../../api/openapi/apiRoutes.js';
import { allocationAccess } from '../../api/allocation/allocationAccess.js';
import { assignedTaskAccess } from '../../api/assignments/assignedTaskAccess.js';
import { attachmentAccess } from '../../api/attachments/attachmentAccess.js';
import { calendarAccess } from '../../api/calendar/calendarAccess.js';
import { settingsAccess } from '../../api/settings/settingsAccess.js';
import { auditAccess } from '../../api/audit/auditAccess.js';
import { customerAccess } from '../../api/customers/customerAccess.js';
import { hazardAccess } from '../../api/hazards/hazardAccess.js';
import { learningAccess } from '../../api/learning/learningAccess.js';
import { meAccess } from '../../api/me/meAccess.js';
import { notificationAccess } from '../../api/notifications/notificationAccess.js';
import { openapiAccess } from '../../api/openapi/openapiAccess.js';
import { platformAccess } from '../../api/platform/platformAccess.js';
import { processAccess } from '../../api/processes/processAccess.js';
import { taskAccess } from '../../api/tasks/taskAccess.js';
import { userAccess, userAdminAccess } from '../../api/users/userAccess.js';
import { setupAccess } from '../../api/setup/setupAccess.js';
import { serviceAccess } from '../../api/service/serviceAccess.js';
import { visitPlanAccess } from '../../api/service/visitPlanAccess.js';
import { commentAccess } from '../../api/comments/commentAccess.js';
import { createAccessFixtures, type AccessFixtureSet } from '../support/accessFixtures.js';
import { SHORT_ALLOCATION_DUES } from '../support/allocationFlows.js';
import { contractViolations } from '../support/contract.js';
import { demoUsers, type DemoUsers } from '../support/demoUsers.js';
import { PNG } from '../support/hazardFlows.js';
import { startStack, type TestStack } from '../support/stack.js';

/*
 * Security issue 13: every route of API_ROUTES × every account, with the status its feature's access
 * table expects. Reads run first, then writes, each in API_ROUTES order; within a route the accounts
 * that should succeed go last, so a write that succeeds cannot change what a refused caller meets.
 */
const TABLES: readonly AccessTable[] = [
  allocationAccess, assignedTaskAccess, attachmentAccess, calendarAccess, customerAccess, hazardAccess, learningAccess,
  meAccess, notificationAccess, openapiAccess, platformAccess, processAccess, taskAccess, userAccess,
  userAdminAccess, setupAccess, settingsAccess, auditAccess, serviceAccess, visitPlanAccess, commentAccess,
];
const ROWS = new Map(TABLES.flatMap((table) => [...table]));
const ROUTES = [...API_ROUTES.filter((r) => r.method === 'get'), ...API_ROUTES.filter((r) => r.method !== 'get')];

let stack: TestStack;
let users: DemoUsers;
let fixtures: AccessFixtureSet;

beforeAll(async () => {
  stack = await startStack(SHORT_ALLOCATION_DUES);
  users = await demoUsers(stack);
  await users.tokens(ACCESS_ACCOUNTS.filter((a) => a !== 'anonymous'));
  fixtures = await createAccessFixtures(stack, users);
});
afterAll(() => stack?.close());

const routeName = (route: ApiRoute) => `${route.method.toUpperCase()} ${openApiPath(route)}`;

/** `text` with each `{name}` replaced by its fixture (renewed ones made now, once per request). */
async function resolved(text: string): Promise<string> {
  const values = new Map<string, string | number>();
  for (const [, name] of text.matchAll(/\{(\w+)\}/g)) {
    if (values.has(name!)) continue;
    const key = name as keyof AccessFixtureSet['values'];
    const value = fixtures.renewed[key] ? await fixtures.renewed[key]() : fixtures.values[key];
    if (value === undefined) throw new Error(`{${name}} names no fixture`);
    values.set(name!, value);
  }
  // A whole JSON string naming a number fixture becomes that number.
  return text.replace(/"\{(\w+)\}"/g, (whole, name: string) => (typeof values.get(name) === 'number' ? String(values.get(name)) : whole))
    .replace(/\{(\w+)\}/g, (_, name: string) => String(values.get(name)));
}

/** Sends `request` as `account`; its status and whatever about the answer the OpenAPI document does not allow. */
async function send(method: string, request: AccessRequest, account: AccessAccount) {
  const token = account === 'anonymous' ? undefined : request.freshSession ? await stack.login(account) : await users.token(account);
  const path = await resolved(request.path);
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  let body: BodyInit | undefined;
  if (request.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = await resolved(JSON.stringify(request.body));
  } else if (request.file) {
    headers['content-type'] = request.file.contentType;
    body = 'samplePng' in request.file ? PNG : request.file.text;
  }
  const response = await fetch(stack.baseUrl + path, { method, headers, body });
  const contentType = response.headers.get('content-type');
  const answer = contentType?.includes('application/json') ? await response.json() : (await response.arrayBuffer(), null);
  return { status: response.status, answer, violations: contractViolations(method, path, response.status, contentType, answer) };
}

/** The accounts of a row, those the row lets through last. */
function accountsOf(row: AccessRow): AccessAccount[] {
  const succeeds = (a: AccessAccount) => row.expect[a] < 300;
  return [...ACCESS_ACCOUNTS.filter((a) => !succeeds(a)), ...ACCESS_ACCOUNTS.filter(succeeds)];
}

describe('the authorisation matrix: every route as every account', () => {
  it('has rows only for routes the API serves', () => {
    expect([...ROWS.keys()].filter((route) => !API_ROUTES.includes(route)).map(routeName)).toEqual([]);
  });
  for (const route of ROUTES) {
    const row = ROWS.get(route);
    if (!row) {
      it(routeName(route), () => {
        throw new Error(`${routeName(route)} has no row in its feature's access table`);
      });
      continue;
    }
    describe(routeName(route), () => {
      it.each(accountsOf(row))('as %s', async (account) => {
        const { status, answer, violations } = await send(route.method.toUpperCase(), row.request, account);
        expect(status, JSON.stringify(answer?.error ?? answer)?.slice(0, 300)).toBe(row.expect[account]);
        expect(violations).toEqual([]);
      });
    });
  }
});
