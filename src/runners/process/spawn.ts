import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { formatSize } from '../../agents/index.js';
import { MAX_ARG_BYTES, measureCommandLine } from '../../arg-limits.js';
import { listProcesses, procAvailable, selfStartTicks } from './proc-table.js';
import { terminateRun, type TerminationReport } from './terminate.js';
import { DescendantTracker } from './tracker.js';

export interface StartOptions {
  argv: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  runId: string;
  /**
   * Written to stdin, which is then closed. Without it stdin is /dev/null, as
   * a run's must be: an agent that waits for input would hang instead of failing.
   */
  input?: string | Buffer;
  /** how often the descendant snapshot is taken while the run lives */
  trackEveryMs?: number;
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export type StartResult =
  | { ok: true; process: RunProcess }
  | { ok: false; executable: string; code: string; message: string };

/**
 * A run's process: leader of its own process group (detached), stdin closed
 * (after `input`, if any),
 * NIGHTSHIFT_RUN_ID in its environment so every descendant can be found later.
 */
export class RunProcess {
  readonly pid: number;
  /** detached → setsid(): the child leads a new session and group whose id is its pid */
  readonly pgid: number;
  readonly tracker: DescendantTracker;
  readonly exited: Promise<ExitStatus>;
  private termination: Promise<TerminationReport> | undefined;

  constructor(
    readonly child: ChildProcessByStdio<Writable | null, Readable, Readable>,
    readonly runId: string,
    trackEveryMs: number,
  ) {
    this.pid = child.pid!;
    this.pgid = this.pid;
    this.tracker = new DescendantTracker(this.pid, trackEveryMs);
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    this.tracker.start();
    void this.exited.then(() => this.tracker.stop());
  }

  /** Ends the run's whole tree; one termination at a time, later callers share it. */
  terminate(graceMs: number): Promise<TerminationReport> {
    if (!this.termination) {
      // one read of the process table serves the tracker's last look and the sweep's first
      const table = procAvailable ? listProcesses() : undefined;
      this.tracker.snapshot(table);
      this.termination = terminateRun({ pid: this.pid, pgid: this.pgid, runId: this.runId }, graceMs, {
        table,
        known: this.tracker.known(),
        ownsGroup: true,
        notBefore: selfStartTicks(),
      });
    }
    return this.termination;
  }
}

export async function startProcess(options: StartOptions): Promise<StartResult> {
  const [executable, ...args] = options.argv;
  if (!executable) return { ok: false, executable: '', code: 'EINVAL', message: 'empty command line' };
  const env = { ...options.env, NIGHTSHIFT_RUN_ID: options.runId };
  const failed = (error: NodeJS.ErrnoException): StartResult => {
    const code = error.code ?? 'ERROR';
    return { ok: false, executable, code, message: code === 'E2BIG' ? describeE2big(options.argv, env) : error.message };
  };
  let child: ChildProcessByStdio<Writable | null, Readable, Readable>;
  try {
    child = spawn(executable, args, {
      cwd: options.cwd,
      env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      detached: true,
      // spawn's typings cannot follow a stdin chosen at run time; stdout and stderr are pipes either way
    }) as ChildProcessByStdio<Writable | null, Readable, Readable>;
  } catch (error) {
    return failed(error as NodeJS.ErrnoException);
  }
  const started = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
    child.once('spawn', () => resolve(null));
    child.once('error', (error) => resolve(error));
  });
  if (started) return failed(started);
  // later errors (a failed kill) must not crash the harness
  child.on('error', () => {});
  if (options.input !== undefined && child.stdin) {
    // a command that exits without reading its input is not an error: EPIPE is expected
    child.stdin.on('error', () => {});
    child.stdin.end(options.input);
  }
  return { ok: true, process: new RunProcess(child, options.runId, options.trackEveryMs ?? 500) };
}

/**
 * Why exec refused the command line, in words: which argument or variable
 * is over the kernel's limit for one, and the size of the whole (src/arg-limits.ts).
 */
export function describeE2big(argv: readonly string[], env: NodeJS.ProcessEnv): string {
  const size = measureCommandLine(argv, env);
  const parts = ['the command line is too long for the kernel'];
  const one = formatSize(MAX_ARG_BYTES + 1);
  if (size.longestArg.bytes > MAX_ARG_BYTES) parts.push(`argument ${size.longestArg.index} is ${formatSize(size.longestArg.bytes)}, and one argument may hold at most ${one}`);
  if (size.longestEnv.bytes > MAX_ARG_BYTES) parts.push(`the environment variable ${size.longestEnv.name} is ${formatSize(size.longestEnv.bytes)}, and one may hold at most ${one}`);
  parts.push(`arguments and environment together are ${formatSize(size.total)} (the kernel allows about 2MB)`);
  return parts.join('; ');
}
