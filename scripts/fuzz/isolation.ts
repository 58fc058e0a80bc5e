import { spawn, spawnSync } from 'node:child_process';

const INSIDE = 'DUTYFLOW_FUZZ_NETNS';

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Root with `unshare` and `ip`, and a kernel or container that lets us make a namespace. */
function canUnshare(): boolean {
  if (process.getuid?.() !== 0 || !hasCommand('unshare') || !hasCommand('ip')) return false;
  return spawnSync('unshare', ['--net', 'true'], { stdio: 'ignore' }).status === 0;
}

/**
 * Runs this same script again inside a network namespace of its own that has nothing but loopback,
 * and resolves to its exit status; undefined when that cannot be (or already is) done and the caller
 * should go on here.
 *
 * Why: the fuzzer saves webhooks with the URLs it invents, and the product resolves those names and
 * later delivers to them. In a private namespace nothing the fuzz run does leaves 127.0.0.1, and its
 * ports cannot meet those of a running `npm start`. It needs root (as CI is); elsewhere the run stays
 * in the host's network, on side ports, and says so.
 */
export async function runIsolated(): Promise<number | undefined> {
  if (process.env[INSIDE] === '1') {
    console.log('[fuzz] in a private network namespace: only loopback is reachable');
    return undefined;
  }
  if (process.env.FUZZ_NO_NETNS === '1' || !canUnshare()) {
    console.log('[fuzz] not isolated (needs root, unshare and ip; FUZZ_NO_NETNS=1 turns it off): the product may '
      + 'resolve the webhook host names the fuzzer invents');
    return undefined;
  }
  const child = spawn('unshare', ['--net', '--', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"',
    process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit', env: { ...process.env, [INSIDE]: '1' },
  });
  // Ctrl-C reaches the child from the terminal and it stops what it started; this process only waits
  // for it. A SIGTERM aimed at this process alone is passed on.
  const ignore = () => undefined;
  const forward = () => child.kill('SIGTERM');
  process.on('SIGINT', ignore);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => {
    child.once('error', (err) => {
      console.error(`[fuzz] could not enter a network namespace: ${err.message}`);
      resolve(1);
    });
    child.once('exit', (code, signal) => {
      process.off('SIGINT', ignore);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal === 'SIGINT' ? 130 : 1));
    });
  });
}
