import type { Containment } from './cgroup-paths.js';
import { startProcess, type StartOptions } from './spawn.js';
import type { TerminationReport } from './terminate.js';

/** What the harness learns when the process is up: for the run lock (`kill` from elsewhere) and the record. */
export interface SpawnedInfo {
  pid: number;
  pgid: number;
  /** the run's own cgroup, or null when the sweep contains it */
  cgroup: string | null;
  containment: Containment;
  /** why it is not a cgroup */
  containmentNote: string | null;
}

export interface SuperviseOptions extends StartOptions {
  signal: AbortSignal;
  killGraceMs: number;
  onStdout(chunk: Buffer): void;
  onStderr(chunk: Buffer): void;
  onSpawned?(info: SpawnedInfo): void;
  /** how long to wait for stdout/stderr to close after the leader exited and the sweep ran */
  drainMs?: number;
}

export type SuperviseResult =
  | { started: false; executable: string; code: string; message: string }
  | {
      started: true;
      pid: number;
      exitCode: number | null;
      exitSignal: NodeJS.Signals | null;
      /** the harness aborted the run (a limit, a kill) */
      aborted: boolean;
      containment: Containment;
      containmentNote: string | null;
      /** the abort's termination, or the sweep for leftovers after a normal exit */
      termination: TerminationReport;
      /** that sweep looked through the cgroup or /proc (not the group alone) and left nothing running */
      swept: boolean;
    };

/**
 * Runs one process to its end under the harness's signal. Whatever way it
 * ends, its tree is swept afterwards: a leader that exited normally can still
 * leave children behind, and those would hold the pipes open and outlive the run.
 */
export async function superviseProcess(options: SuperviseOptions): Promise<SuperviseResult> {
  const start = await startProcess(options);
  if (!start.ok) return { started: false, executable: start.executable, code: start.code, message: start.message };
  const proc = start.process;
  const { child } = proc;
  options.onSpawned?.({
    pid: proc.pid,
    pgid: proc.pgid,
    cgroup: proc.cgroup,
    containment: proc.containment,
    containmentNote: proc.containmentNote,
  });

  const stdoutClosed = new Promise<void>((resolve) => child.stdout.once('close', resolve));
  const stderrClosed = new Promise<void>((resolve) => child.stderr.once('close', resolve));
  child.stdout.on('data', options.onStdout);
  child.stderr.on('data', options.onStderr);

  let aborted = false;
  const onAbort = (): void => {
    aborted = true;
    void proc.terminate(options.killGraceMs);
  };
  if (options.signal.aborted) onAbort();
  else options.signal.addEventListener('abort', onAbort, { once: true });

  const exit = await proc.exited;
  options.signal.removeEventListener('abort', onAbort);
  const termination = await proc.terminate(options.killGraceMs);
  // input nobody read would keep a pending write, and the event loop, alive
  child.stdin?.destroy();

  // a survivor could still hold a pipe: do not wait on it forever
  const drained = await Promise.race([
    Promise.all([stdoutClosed, stderrClosed]).then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), options.drainMs ?? 2000).unref()),
  ]);
  if (!drained) {
    child.stdout.destroy();
    child.stderr.destroy();
  }
  child.stdout.off('data', options.onStdout);
  child.stderr.off('data', options.onStderr);
  const swept = termination.method !== 'group-only' && termination.survivors.length === 0;
  const containment = { containment: proc.containment, containmentNote: proc.containmentNote };
  return {
    started: true,
    pid: proc.pid,
    exitCode: exit.code,
    exitSignal: exit.signal,
    aborted,
    ...containment,
    termination,
    swept,
  };
}
