import { existsSync, readFileSync } from 'node:fs';
import type { Category, Finding, FuzzFindings, RecordedRequest } from './findings.js';

/** What one account's runs found, with what the run report says about coverage. */
export interface AccountResult extends FuzzFindings {
  account: string;
  role: string;
  seconds: number;
  operations: { total: number; selected: number; tested: number; skipped: string[]; errors: string[]; warnings: string[] };
  /** Operations left out of the main run or not tested at all, each with the reason printed beside it. */
  excluded: string[];
  notes: string[];
  /** A run that ended neither by itself nor at the time limit (the CLI failed). */
  crashed: boolean;
}

interface RunReport {
  operations?: { total: number; selected: number; tested: number; skip_reasons?: unknown[] };
  errors?: unknown[];
  warnings?: Record<string, unknown[]>;
}

/** The coverage part of schemathesis' JSON run report (absent when the run was killed before writing it). */
export function readRunReport(jsonFile: string): { operations: AccountResult['operations']; seed: string | undefined } {
  const text = existsSync(jsonFile) ? readFileSync(jsonFile, 'utf8') : '{}';
  const report = JSON.parse(text) as RunReport;
  // The seed is a 128-bit integer: read its digits, JSON.parse would round it.
  const seed = /"seed":\s*(\d+)/.exec(text)?.[1];
  const short = (item: unknown) => (typeof item === 'string' ? item : JSON.stringify(item)).slice(0, 300);
  return {
    seed,
    operations: {
      total: report.operations?.total ?? 0, selected: report.operations?.selected ?? 0, tested: report.operations?.tested ?? 0,
      skipped: (report.operations?.skip_reasons ?? []).map(short), errors: (report.errors ?? []).map(short),
      // e.g. missing_test_data: operations that only ever answered 404, so their handlers were barely reached.
      warnings: Object.entries(report.warnings ?? {}).filter(([, items]) => items.length > 0)
        .map(([kind, items]) => `${kind} (${items.length}): ${items.map(short).join(', ')}`),
    },
  };
}

const LABELS: Record<Category, string> = {
  serverError: '5xx answers',
  schema: 'schema violations (response schema, undocumented status or content type)',
  validRefused: 'valid requests refused (positive data acceptance)',
  invalidAccepted: 'invalid requests accepted (negative data rejection)',
  other: 'other checks (auth, methods, resources)',
};
const ORDER: Category[] = ['serverError', 'schema', 'validRefused', 'invalidAccepted', 'other'];

/**
 * `bytes` as one shell word: single-quoted when it is printable UTF-8, else ANSI-C quoted ($'…') with
 * every other byte escaped, so that the line still sends exactly those bytes.
 */
function quote(bytes: Buffer | string): string {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  const text = buffer.toString('utf8');
  if (Buffer.from(text, 'utf8').equals(buffer) && !/[\u0000-\u001f\u007f-\u009f]/.test(text)) return `'${text.replace(/'/g, `'"'"'`)}'`;
  let escaped = '';
  for (const byte of buffer) {
    escaped += byte >= 0x20 && byte < 0x7f && byte !== 0x27 && byte !== 0x5c ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return `$'${escaped}'`;
}
const SKIPPED_HEADERS = new Set(['user-agent', 'accept-encoding', 'accept', 'connection', 'content-length', 'x-schemathesis-testcaseid']);

/** A curl line for `request` with the session token as $TOKEN; a long body is cut (the NDJSON has it whole). */
export function curlOf(request: RecordedRequest, token: string): string {
  const parts = ['curl', '-X', request.method, quote(request.uri)];
  for (const [name, values] of Object.entries(request.headers)) {
    if (SKIPPED_HEADERS.has(name.toLowerCase())) continue;
    for (const value of values) parts.push('-H', name.toLowerCase() === 'authorization' ? '"Authorization: Bearer $TOKEN"' : quote(`${name}: ${value.replaceAll(token, '$TOKEN')}`));
  }
  if (request.body !== undefined && request.body.length > 0) {
    const cut = request.body.length > 300;
    parts.push('--data-binary', quote(cut ? request.body.subarray(0, 300) : request.body));
    if (cut) parts.push(`# body cut at 300 of ${request.body.length} bytes; events.ndjson has it whole`);
  }
  return parts.join(' ');
}

function countBy(findings: Finding[], category: Category): { cases: number; operations: number } {
  const mine = findings.filter((f) => f.category === category);
  return { cases: mine.reduce((n, f) => n + f.count, 0), operations: new Set(mine.map((f) => f.operation)).size };
}

/** Findings of one check and answer on many operations (TRACE → 404 everywhere) print as one entry. */
function groupAcrossOperations(findings: Finding[]): { first: Finding; operations: string[]; count: number }[] {
  const groups = new Map<string, { first: Finding; operations: string[]; count: number }>();
  for (const f of findings) {
    const key = `${f.check} ${f.status} ${f.detail}`;
    const group = groups.get(key) ?? { first: f, operations: [], count: 0 };
    group.operations.push(f.operation);
    group.count += f.count;
    groups.set(key, group);
  }
  return [...groups.values()];
}

function printFinding(f: Finding, token: string, operations = [f.operation], count = f.count): void {
  const where = operations.length === 1 ? operations[0] : `${operations.length} operations (${operations.join(', ')})`;
  const detail = f.category === 'serverError' ? '' : ` ${f.detail}`;
  console.log(`  - ${where} → ${f.status ?? 'no answer'}  ×${count}  [${f.check}]${detail}`);
  console.log(`      ${curlOf(f.request, token)}`);
  console.log(`      answered: ${f.response || '(empty body)'}`);
}

/** Prints one account's summary: the counts, then every failing operation with a reproduction. */
export function printAccountSummary(result: AccountResult, token: string): void {
  const ops = result.operations;
  console.log(`\n=== ${result.account} (${result.role}): ${result.operationsSeen.size} of the document's ${ops.total} operations tested, `
    + `${result.requests} requests, ${Math.round(result.seconds)} s ===`);
  for (const category of ORDER) {
    const { cases, operations } = countBy(result.findings, category);
    const count = category === 'serverError' ? result.serverErrorAnswers : cases;
    const unit = category === 'serverError' ? 'answers' : 'failing test cases';
    console.log(`  ${LABELS[category].padEnd(78)} ${String(count).padStart(5)} ${unit} in ${operations} operations`);
  }
  for (const line of result.excluded) console.log(`  excluded: ${line}`);
  for (const line of ops.skipped) console.log(`  skipped by schemathesis: ${line}`);
  for (const line of ops.errors) console.log(`  schemathesis error: ${line}`);
  for (const line of ops.warnings) console.log(`  schemathesis warning: ${line}`);
  for (const line of result.notes) console.log(`  note: ${line}`);
  for (const category of ORDER) {
    const findings = result.findings.filter((f) => f.category === category)
      .sort((a, b) => a.operation.localeCompare(b.operation) || (a.status ?? 0) - (b.status ?? 0));
    if (findings.length === 0) continue;
    console.log(`\n  ${LABELS[category]}:`);
    if (category === 'other') {
      for (const group of groupAcrossOperations(findings)) printFinding(group.first, token, group.operations, group.count);
    } else {
      for (const f of findings) printFinding(f, token);
    }
  }
}

/** True when the run must fail: any 5xx or any schema violation, or a schemathesis run that broke down. */
export function mustFail(results: AccountResult[]): boolean {
  return results.some((r) => r.serverErrorAnswers > 0 || r.crashed || r.findings.some((f) => f.category === 'schema'));
}

/** The distinct errors the product logged while it was fuzzed (the causes of its 5xx), newest last. */
export function printProductErrors(logFile: string): void {
  if (!existsSync(logFile)) return;
  const seen = new Map<string, number>();
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; method?: string; path?: string; err?: { type?: string; message?: string } };
      if ((entry.level ?? 0) < 50) continue;
      const where = entry.method ? `${entry.method} ${entry.path} ` : '';
      const key = `${where}${entry.msg ?? ''}: ${entry.err?.type ?? ''} ${(entry.err?.message ?? '').replace(/\s+/g, ' ').slice(0, 300)}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    } catch {
      // not a pino line
    }
  }
  if (seen.size === 0) return;
  console.log(`\n=== errors the product logged (${logFile}) ===`);
  for (const [key, count] of seen) console.log(`  ×${count}  ${key}`);
}
