import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../bench/benchProduct.js';

/** The CLI scripts/setup.mjs --fuzz installs (pinned there). */
const ST = join(ROOT, '.tools', 'fuzz-venv', 'bin', 'st');

export interface FuzzRunOptions {
  /** The OpenAPI document's URL; every request goes to its origin (127.0.0.1). */
  schemaUrl: string;
  token: string;
  /** Where the reports, the CLI's own output and its example database go. */
  dir: string;
  /** `--include-…`/`--exclude-…` filters. */
  filters: string[];
  maxExamples: number;
  timeLimitSeconds: number;
  seed: string | undefined;
}

export interface FuzzRun {
  ndjsonFile: string;
  jsonFile: string;
  logFile: string;
  /** Stopped at the time limit (the reports hold what was done until then). */
  timedOut: boolean;
  exitCode: number | null;
}

/** A run in progress: `stop()` ends it early (Ctrl-C), `done` settles when the CLI has exited. */
export interface RunningFuzz { done: Promise<FuzzRun>; stop(): void }

/**
 * Runs `st run` once with the given session. Every check it has (`--checks all`): the summary sorts
 * them. Reports are unsanitised so that a reproduction is exact; the token in them is of a throwaway
 * product. The CLI's output goes to a file, its phase lines to the terminal.
 */
export function runSchemathesis(options: FuzzRunOptions): RunningFuzz {
  if (!existsSync(ST)) throw new Error(`${ST} is missing: run node scripts/setup.mjs --fuzz`);
  rmSync(options.dir, { recursive: true, force: true });
  mkdirSync(options.dir, { recursive: true });
  const run: FuzzRun = {
    ndjsonFile: join(options.dir, 'events.ndjson'), jsonFile: join(options.dir, 'report.json'),
    logFile: join(options.dir, 'schemathesis.log'), timedOut: false, exitCode: null,
  };
  const args = ['run', options.schemaUrl,
    '--header', `Authorization: Bearer ${options.token}`,
    '--checks', 'all', '--max-examples', String(options.maxExamples), '--request-timeout', '30',
    '--report', 'ndjson,json', '--report-ndjson-path', run.ndjsonFile, '--report-json-path', run.jsonFile,
    '--output-sanitize', 'false', '--no-color',
    ...(options.seed ? ['--seed', options.seed] : []),
    ...options.filters];
  // cwd: the CLI keeps its example database (.hypothesis, .schemathesis) there, out of the work tree.
  const child = spawn(ST, args, { cwd: options.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(run.logFile);
  const echo = (chunk: Buffer) => {
    log.write(chunk);
    for (const line of chunk.toString().split('\n')) {
      if (/^\s*\S+\s+(Examples|Coverage|Fuzzing|Stateful) \(in /.test(line)) console.log(`    ${line.trim()}`);
    }
  };
  child.stdout.on('data', echo);
  child.stderr.on('data', echo);
  let killTimer: NodeJS.Timeout | undefined;
  const stop = () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGINT'); // the CLI finishes its reports on SIGINT
    killTimer ??= setTimeout(() => child.kill('SIGKILL'), 15_000);
  };
  const limit = setTimeout(() => {
    run.timedOut = true;
    stop();
  }, options.timeLimitSeconds * 1000);
  const done = new Promise<FuzzRun>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(limit);
      clearTimeout(killTimer);
      log.end();
      run.exitCode = code;
      resolve(run);
    });
  });
  return { done, stop };
}
