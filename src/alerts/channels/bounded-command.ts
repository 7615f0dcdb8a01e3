import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

/**
 * A command that must not outlive its welcome: `when` conditions and the
 * notify command. It runs as the leader of its own process group; at the
 * timeout (or an abort) the whole group gets SIGTERM, then SIGKILL, so a
 * hanging `sh -c` and whatever it started are gone, not orphaned.
 */
export interface BoundedCommand {
  /** an argv, or a string run with `sh -c` */
  command: string | readonly string[];
  timeoutMs: number;
  /** written to stdin, then stdin is closed; without it stdin is /dev/null */
  input?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** between SIGTERM and SIGKILL */
  killGraceMs?: number;
  signal?: AbortSignal;
}

export interface BoundedResult {
  /** exited 0 in time */
  ok: boolean;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  aborted: boolean;
  /** the command could not be started (not found, not executable) */
  spawnError: string | null;
  /** the last 2 KB of stderr, for the error message */
  stderr: string;
  durationMs: number;
}

const STDERR_KEEP = 2048;

export function argvOf(command: string | readonly string[]): string[] {
  return typeof command === 'string' ? ['sh', '-c', command] : [...command];
}

export function runBoundedCommand(options: BoundedCommand): Promise<BoundedResult> {
  const started = Date.now();
  const [file, ...args] = argvOf(options.command);
  const grace = options.killGraceMs ?? 500;
  return new Promise((resolve) => {
    if (!file) {
      resolve(result({ spawnError: 'empty command' }));
      return;
    }
    let stderr = '';
    let timedOut = false;
    let aborted = false;
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'ignore', 'pipe'],
    });
    function result(partial: Partial<BoundedResult>): BoundedResult {
      return { ok: false, exitCode: null, signal: null, timedOut, aborted, spawnError: null, stderr: stderr.slice(-STDERR_KEEP), durationMs: Date.now() - started, ...partial };
    }
    const signalGroup = (sig: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, sig);
      } catch {
        // the group is gone already
      }
    };
    const end = (why: 'timeout' | 'abort') => {
      if (settled || killTimer) return;
      if (why === 'timeout') timedOut = true;
      else aborted = true;
      signalGroup('SIGTERM');
      killTimer = setTimeout(() => signalGroup('SIGKILL'), grace);
    };
    const timer = setTimeout(() => end('timeout'), options.timeoutMs);
    const onAbort = () => end('abort');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_KEEP * 2);
    });
    if (options.input !== undefined && child.stdin) {
      child.stdin.on('error', () => undefined); // a command that does not read its stdin is not an error
      child.stdin.end(options.input);
    }
    const finish = async (partial: Partial<BoundedResult>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      // whatever the leader left behind in its group goes with it once it was ended
      if (timedOut || aborted) {
        clearTimeout(killTimer);
        signalGroup('SIGKILL');
        await groupGone(child.pid);
      }
      child.stderr?.destroy();
      resolve(result(partial));
    };
    child.once('error', (error) => void finish({ spawnError: error.message }));
    child.once('exit', (code, signal) => void finish({ ok: code === 0 && !timedOut && !aborted, exitCode: code, signal }));
  });
}

async function groupGone(pgid: number | undefined): Promise<void> {
  if (pgid === undefined) return;
  const deadline = Date.now() + 2000;
  while (Date.now() < deadline) {
    if (!(await groupAlive(pgid))) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A live member of the group; zombies do not count (killed orphans wait for a reaper that may be slow, or absent in a container). */
async function groupAlive(pgid: number): Promise<boolean> {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return true; // no /proc: the signal probe is all there is
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => null);
    if (stat === null) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') return true;
  }
  return false;
}
