import { execFileSync, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { startProduct, stopProduct, type BenchPorts } from '../bench/benchProduct.js';

/** One row of `ps`. */
interface Proc { pid: number; ppid: number; pgid: number; stat: string; comm: string }

function processTable(): Proc[] {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,pgid=,stat=,comm='], { encoding: 'utf8' });
  return out.split('\n').map((line) => line.trim().split(/\s+/)).filter((f) => f.length >= 5)
    .map(([pid, ppid, pgid, stat, ...comm]) => ({ pid: Number(pid), ppid: Number(ppid), pgid: Number(pgid), stat: stat!, comm: comm.join(' ') }));
}

/** The direct child of `root` (found by walking the tree, not by name alone) whose command is `comm`. */
export function childOf(root: number, comm: string): number | undefined {
  const table = processTable().filter((p) => !p.stat.startsWith('Z'));
  return table.find((p) => p.ppid === root && p.comm === comm)?.pid;
}

/** Every live (not zombie) process in the process group `pgid`. */
function groupMembers(pgid: number): Proc[] {
  return processTable().filter((p) => p.pgid === pgid && !p.stat.startsWith('Z'));
}

/** Waits until nothing is left in the product's process group; SIGKILLs the rest after `limitMs`. */
export async function waitGroupGone(pgid: number, limitMs = 30_000): Promise<void> {
  const deadline = performance.now() + limitMs;
  while (groupMembers(pgid).length > 0) {
    if (performance.now() > deadline) {
      const left = groupMembers(pgid);
      process.stderr.write(`  [chaos] group ${pgid} still has ${left.map((p) => `${p.pid}:${p.comm}`).join(', ')}: SIGKILL\n`);
      try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone meanwhile */ }
      await sleep(1_000);
      return;
    }
    await sleep(250);
  }
}

export type Target = 'node' | 'temporal' | 'postgres';

/** The product under chaos: its current Node process, restarted on the same data folder. */
export class ChaosProduct {
  child: ChildProcess;
  restarts = 0;

  constructor(private readonly ports: BenchPorts, private readonly env: NodeJS.ProcessEnv) {
    this.child = startProduct(ports, { env });
  }

  /** SIGKILLs the target; returns the pid killed (undefined when it could not be found). */
  kill(target: Target): number | undefined {
    const root = this.child.pid!;
    const pid = target === 'node' ? root : childOf(root, target);
    if (pid === undefined) return undefined;
    process.kill(pid, 'SIGKILL');
    return pid;
  }

  /**
   * Brings the product back on the same data folder: whatever is left of it is stopped (SIGINT, the
   * product stops its engines; SIGKILL after 20 s), its group must be empty, then it starts again.
   */
  async restart(): Promise<void> {
    const old = this.child;
    await stopProduct(old);
    await waitGroupGone(old.pid!);
    this.restarts += 1;
    this.child = startProduct(this.ports, { keepData: true, env: this.env });
  }

  async stop(): Promise<void> {
    await stopProduct(this.child);
    await waitGroupGone(this.child.pid!);
  }
}
