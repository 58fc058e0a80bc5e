import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD, DEMO_USERS } from '../db/demoSeed.js';
import { ROOT, stopProduct, waitReady } from './bench/benchProduct.js';
import { readFindings } from './fuzz/findings.js';
import { runIsolated } from './fuzz/isolation.js';
import { FUZZ_BASE_URL, removeFuzzData, startFuzzProduct } from './fuzz/product.js';
import { runSchemathesis, type FuzzRunOptions, type RunningFuzz } from './fuzz/schemathesis.js';
import { mustFail, printAccountSummary, printProductErrors, readRunReport, type AccountResult } from './fuzz/summary.js';

/**
 * `npm run fuzz`: starts the product with demo data on side ports (127.0.0.1 only, its own data folder),
 * runs schemathesis against its OpenAPI document once as `admin` and once as `mgr1`, prints what each
 * found and exits 1 on any 5xx or schema violation. FUZZ_MAX_EXAMPLES (default 50) and FUZZ_TIME_LIMIT
 * (seconds per account, default 360) bound the run; FUZZ_SEED repeats one.
 */
const ACCOUNTS = ['admin', 'mgr1'] as const;
const REPORT_DIR = join(ROOT, 'data', 'fuzz-report');
const SCHEMA_URL = `${FUZZ_BASE_URL}/api/openapi.json`;
const LOGOUT_REASON = 'POST /api/auth/logout from the main run: it ends the session the fuzzer sends with, so every later '
  + 'request would be 401; it is fuzzed after the main run, alone, with a spare session of the same account';

function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

async function login(username: string): Promise<string> {
  const res = await fetch(`${FUZZ_BASE_URL}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const body = await res.json().catch(() => null) as { token?: string } | null;
  if (!res.ok || !body?.token) throw new Error(`login as ${username} failed: ${res.status}`);
  return body.token;
}

/** `METHOD /path` of every operation the OpenAPI document declares. */
async function documentOperations(): Promise<string[]> {
  const doc = await (await fetch(SCHEMA_URL)).json() as { paths: Record<string, Record<string, unknown>> };
  const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item).filter((m) => methods.includes(m)).map((m) => `${m.toUpperCase()} ${path}`));
}

/** Why an operation of the document got no scenario: schemathesis' own rule, or look in its log. */
function untestedReason(operation: string): string {
  return operation === `GET ${new URL(SCHEMA_URL).pathname}`
    ? `${operation}: schemathesis never fuzzes the operation that serves the document it loaded (it has no parameters)`
    : `${operation}: schemathesis ran no scenario for it (see its log)`;
}

async function sessionAlive(token: string): Promise<boolean> {
  const res = await fetch(`${FUZZ_BASE_URL}/api/me`, { headers: { authorization: `Bearer ${token}` } });
  return res.ok;
}

/** The account's main run, then logout alone; their findings together. */
async function fuzzAccount(account: string, tokens: { main: string; spare: string }, declared: string[],
  stop: AbortSignal, track: (run: RunningFuzz) => void): Promise<AccountResult> {
  const started = performance.now();
  const common = { schemaUrl: SCHEMA_URL, maxExamples: envInt('FUZZ_MAX_EXAMPLES', 50), seed: process.env.FUZZ_SEED };
  const runOnce = async (options: Pick<FuzzRunOptions, 'token' | 'dir' | 'filters' | 'timeLimitSeconds'>) => {
    stop.throwIfAborted();
    const running = runSchemathesis({ ...common, ...options });
    track(running);
    const run = await running.done;
    return { run, findings: readFindings(run.ndjsonFile), report: readRunReport(run.jsonFile) };
  };
  console.log(`\n[fuzz] ${account}: every operation but logout (max ${common.maxExamples} examples each)`);
  const main = await runOnce({ token: tokens.main, dir: join(REPORT_DIR, account), filters: ['--exclude-operation-id', 'logout'],
    timeLimitSeconds: envInt('FUZZ_TIME_LIMIT', 360) });
  const notes: string[] = [];
  if (!(await sessionAlive(tokens.main))) notes.push('the session ended during the main run (GET /api/me is no longer 200): answers after that point are 401s');
  console.log(`[fuzz] ${account}: POST /api/auth/logout with a spare session`);
  const logout = await runOnce({ token: tokens.spare, dir: join(REPORT_DIR, `${account}-logout`), filters: ['--include-operation-id', 'logout'],
    timeLimitSeconds: 120 });
  for (const [name, { run, report, findings }] of [['main run', main], ['logout run', logout]] as const) {
    if (run.timedOut) notes.push(`the ${name} stopped at its time limit: what it did until then is counted`);
    else if (!findings.finished) notes.push(`the ${name} broke off (schemathesis exit ${run.exitCode}; see ${run.logFile})`);
    if (report.seed) notes.push(`${name} seed ${report.seed} (FUZZ_SEED=${report.seed} repeats it); full output: ${run.logFile}`);
  }
  const crashed = [main, logout].some(({ run, findings }) => !run.timedOut && !findings.finished);
  const seen = new Set([...main.findings.operationsSeen, ...logout.findings.operationsSeen]);
  return {
    operationsSeen: seen,
    account, role: DEMO_USERS.find((u) => u.username === account)?.roles.join(', ') ?? '?',
    seconds: (performance.now() - started) / 1000,
    requests: main.findings.requests + logout.findings.requests,
    serverErrorAnswers: main.findings.serverErrorAnswers + logout.findings.serverErrorAnswers,
    findings: [...main.findings.findings, ...logout.findings.findings],
    finished: main.findings.finished && logout.findings.finished,
    operations: {
      total: declared.length,
      selected: main.report.operations.selected + logout.report.operations.selected,
      tested: main.report.operations.tested + logout.report.operations.tested,
      skipped: [...main.report.operations.skipped, ...logout.report.operations.skipped],
      errors: [...main.report.operations.errors, ...logout.report.operations.errors],
      warnings: [...main.report.operations.warnings, ...logout.report.operations.warnings],
    },
    excluded: [LOGOUT_REASON, ...declared.filter((op) => !seen.has(op)).map(untestedReason)], notes, crashed,
  };
}

async function main(): Promise<void> {
  const isolatedExit = await runIsolated();
  if (isolatedExit !== undefined) {
    process.exitCode = isolatedExit;
    return;
  }
  mkdirSync(REPORT_DIR, { recursive: true });
  const productLog = join(REPORT_DIR, 'product.log');
  let product: ChildProcess | undefined;
  let current: RunningFuzz | undefined;
  const stop = new AbortController();
  let cleaning: Promise<void> | undefined;
  const cleanUp = () => (cleaning ??= (async () => {
    current?.stop();
    await current?.done.catch(() => undefined);
    if (product) await stopProduct(product);
    removeFuzzData();
  })());
  // `on`, not `once`: a second Ctrl-C must not cut the clean-up short.
  const onSignal = () => {
    if (stop.signal.aborted) return;
    stop.abort(new Error('stopped by a signal'));
    process.exitCode = 130;
    console.error('\n[fuzz] stopping: schemathesis, then the product');
    void cleanUp().then(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    console.log(`[fuzz] starting the product on ${FUZZ_BASE_URL} (data in data/fuzz-product, reports in ${REPORT_DIR})`);
    product = startFuzzProduct(productLog);
    await waitReady(product, FUZZ_BASE_URL, 180_000);
    // Every session up front: fuzzing the login route soon brings this address to its sign-in limit (429).
    const tokens = new Map<string, { main: string; spare: string }>();
    for (const account of ACCOUNTS) tokens.set(account, { main: await login(account), spare: await login(account) });
    const declared = await documentOperations();
    const results: AccountResult[] = [];
    for (const account of ACCOUNTS) results.push(await fuzzAccount(account, tokens.get(account)!, declared, stop.signal, (run) => {
      current = run;
    }));
    for (const result of results) printAccountSummary(result, tokens.get(result.account)!.main);
    printProductErrors(productLog);
    const failed = mustFail(results);
    console.log(`\n[fuzz] ${failed ? 'FAILED: 5xx answers or schema violations (see above)' : 'passed: no 5xx and no schema violation'}`);
    process.exitCode = failed ? 1 : 0;
  } catch (err) {
    if (!stop.signal.aborted) throw err; // else the signal handler ends the process once all has stopped
  } finally {
    await cleanUp();
  }
}

main().catch((err: unknown) => {
  console.error('[fuzz]', err);
  process.exit(1);
});
