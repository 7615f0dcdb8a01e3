import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { formatSize } from '../../agents/index.js';
import { MAX_ARG_BYTES, measureCommandLine } from '../../shared/index.js';
import { cgroupPopulated, enterCgroup, removeCgroup } from './cgroup.js';
import type { Containment } from './cgroup-paths.js';
import { type ContainmentPlan, planContainment, sweepInstead } from './containment.js';
import { executableProblem } from './executable.js';
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
  { ok: true; process: RunProcess } | { ok: false; executable: string; code: string; message: string };

/**
 * A run's process: leader of its own process group (detached), stdin closed
 * (after `input`, if any), in a cgroup of its own where one can be made,
 * NIGHTSHIFT_RUN_ID in its environment so every descendant can be found later.
 */
export class RunProcess {
  readonly pid: number;
  /** detached → setsid(): the child leads a new session and group whose id is its pid */
  readonly pgid: number;
  readonly tracker: DescendantTracker;
  readonly exited: Promise<ExitStatus>;
  /** the run's own cgroup (its directory), or null when it is contained by the sweep */
  readonly cgroup: string | null;
  readonly containment: Containment;
  /** why the containment is not a cgroup (null when it is) */
  readonly containmentNote: string | null;
  private termination: Promise<TerminationReport> | undefined;

  constructor(
    readonly child: ChildProcessByStdio<Writable | null, Readable, Readable>,
    readonly runId: string,
    trackEveryMs: number,
    plan: ContainmentPlan,
  ) {
    this.pid = child.pid!;
    this.pgid = this.pid;
    this.cgroup = plan.cgroup;
    this.containment = plan.containment;
    this.containmentNote = plan.note;
    this.tracker = new DescendantTracker(this.pid, trackEveryMs);
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    this.tracker.start();
    void this.exited.then(() => {
      this.tracker.stop();
      // nothing left in it: gone now, whether or not terminate() is ever called
      if (this.cgroup !== null && !cgroupPopulated(this.cgroup)) removeCgroup(this.cgroup);
    });
  }

  /** Ends the run's whole tree; one termination at a time, later callers share it. */
  terminate(graceMs: number): Promise<TerminationReport> {
    if (!this.termination) {
      // one read of the process table serves the tracker's last look and the sweep's first
      const table = procAvailable ? listProcesses() : undefined;
      this.tracker.snapshot(table);
      this.termination = terminateRun(
        { pid: this.pid, pgid: this.pgid, runId: this.runId, cgroup: this.cgroup },
        graceMs,
        {
          table,
          known: this.tracker.known(),
          ownsGroup: true,
          notBefore: selfStartTicks(),
        },
      );
    }
    return this.termination;
  }
}

/**
 * With a cgroup, the child is started through a gate: /bin/sh, which waits
 * on fd 3 before it execs the real command. The harness moves the waiting
 * shell into the cgroup, then opens the gate, so nothing the command does,
 * forking included, can happen outside the cgroup. (Node cannot run code
 * between fork and exec; a shell that moved itself would leave the harness
 * guessing whether the move worked. Here the harness makes the move and
 * sees its outcome, falls back to the sweep if it failed, and a harness
 * that dies before opening the gate leaves a shell that exits instead of
 * an agent running loose.) The pid stays the same across the exec.
 */
const GATE = 'IFS= read -r go <&3 && [ "$go" = go ] || exit 125; exec "$@" 3<&-';

export async function startProcess(options: StartOptions): Promise<StartResult> {
  const [executable, ...args] = options.argv;
  if (!executable) return { ok: false, executable: '', code: 'EINVAL', message: 'empty command line' };
  const env = { ...options.env, NIGHTSHIFT_RUN_ID: options.runId };
  let plan = planContainment(options.runId, options.env);
  const gated = plan.cgroup !== null;
  const giveUp = (result: StartResult): StartResult => {
    if (plan.cgroup) removeCgroup(plan.cgroup);
    return result;
  };
  const failed = (error: NodeJS.ErrnoException): StartResult => {
    const code = error.code ?? 'ERROR';
    return giveUp({
      ok: false,
      executable,
      code,
      message: code === 'E2BIG' ? describeE2big(options.argv, env) : error.message,
    });
  };
  if (gated) {
    // spawn would have said so itself; through the gate, /bin/sh would only exit 127
    const problem = executableProblem(executable, options.env, options.cwd);
    if (problem) return giveUp({ ok: false, executable, code: problem, message: `spawn ${executable} ${problem}` });
  }
  let child: ChildProcessByStdio<Writable | null, Readable, Readable>;
  try {
    const stdin = options.input === undefined ? 'ignore' : 'pipe';
    child = spawn(gated ? '/bin/sh' : executable, gated ? ['-c', GATE, 'nightshift-gate', executable, ...args] : args, {
      cwd: options.cwd,
      env,
      stdio: gated ? [stdin, 'pipe', 'pipe', 'pipe'] : [stdin, 'pipe', 'pipe'],
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
  if (plan.cgroup) {
    const entered = enterCgroup(plan.cgroup, child.pid!);
    if (!entered.ok) {
      removeCgroup(plan.cgroup);
      plan = sweepInstead(entered.reason);
    }
    openGate(child);
  }
  if (options.input !== undefined && child.stdin) {
    // a command that exits without reading its input is not an error: EPIPE is expected
    child.stdin.on('error', () => {});
    child.stdin.end(options.input);
  }
  return { ok: true, process: new RunProcess(child, options.runId, options.trackEveryMs ?? 500, plan) };
}

function openGate(child: ChildProcessByStdio<Writable | null, Readable, Readable>): void {
  const gate = child.stdio[3] as unknown as Writable;
  // the gate closes when the command execs (or the shell exits): neither is an error here
  gate.on('error', () => {});
  gate.end('go\n');
}

/**
 * Why exec refused the command line, in words: which argument or variable
 * is over the kernel's limit for one, and the size of the whole (src/arg-limits.ts).
 */
export function describeE2big(argv: readonly string[], env: NodeJS.ProcessEnv): string {
  const size = measureCommandLine(argv, env);
  const parts = ['the command line is too long for the kernel'];
  const one = formatSize(MAX_ARG_BYTES + 1);
  if (size.longestArg.bytes > MAX_ARG_BYTES)
    parts.push(
      `argument ${size.longestArg.index} is ${formatSize(size.longestArg.bytes)}, and one argument may hold at most ${one}`,
    );
  if (size.longestEnv.bytes > MAX_ARG_BYTES)
    parts.push(
      `the environment variable ${size.longestEnv.name} is ${formatSize(size.longestEnv.bytes)}, and one may hold at most ${one}`,
    );
  parts.push(`arguments and environment together are ${formatSize(size.total)} (the kernel allows about 2MB)`);
  return parts.join('; ');
}
