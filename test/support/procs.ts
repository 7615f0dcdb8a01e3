import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Looks at the process table itself (/proc), not at child handles: a test of
 * "nothing is left" must see what the kernel sees. Linux only.
 */
export function procState(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] ?? null;
  } catch {
    return null;
  }
}

/** Running: present in /proc and not a zombie. */
export function isRunning(pid: number): boolean {
  const state = procState(pid);
  return state !== null && state !== 'Z' && state !== 'X';
}

/** Every running process whose environment holds NIGHTSHIFT_RUN_ID=<runId>. */
export function pidsOfRun(runId: string): number[] {
  return pidsWithEnv('NIGHTSHIFT_RUN_ID', runId);
}

/**
 * Every running process (but this one) whose environment holds <name>=<value>,
 * e.g. NIGHTSHIFT_HOME=<home>: each runner the harness starts for that home
 * carries it, so this finds a run's processes before its run id is known.
 */
export function pidsWithEnv(name: string, value: string): number[] {
  const needle = `\0${name}=${value}\0`;
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const env = `\0${readFileSync(`/proc/${entry}/environ`, 'latin1')}`;
      if (env.includes(needle) && isRunning(Number(entry))) found.push(Number(entry));
    } catch {
      // gone, or not ours
    }
  }
  return found;
}

export async function waitFor(check: () => boolean, timeoutMs = 5000, everyMs = 20): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return check();
}

/** Last-resort cleanup for a failed test: SIGKILL by pid, never by name. */
export function killPids(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Parent, process group and session of a running process, from /proc/<pid>/stat. */
export function procIds(pid: number): { ppid: number; pgid: number; sid: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), pgid: Number(fields[2]), sid: Number(fields[3]) };
  } catch {
    return null;
  }
}

/** A pid that existed and is gone now: a harness that ended, for a lock to name. */
export async function deadPid(): Promise<number> {
  const child = spawn('true');
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

/**
 * Every running process whose command line is exactly `argv` (e.g. ['sleep', '3103']):
 * finds a process that cleared its environment, which pidsOfRun cannot.
 */
export function pidsWithCommand(argv: readonly string[]): number[] {
  const wanted = `${argv.join('\0')}\0`;
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'latin1') === wanted && isRunning(Number(entry)))
        found.push(Number(entry));
    } catch {
      // gone, or not ours
    }
  }
  return found;
}

/** The cgroup v2 path of a process (the `0::` line of /proc/<pid>/cgroup), null when it has none or is gone. */
export function cgroupOf(pid: number): string | null {
  try {
    const line = readFileSync(`/proc/${pid}/cgroup`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('0::'));
    return line ? line.slice(3) : null;
  } catch {
    return null;
  }
}
