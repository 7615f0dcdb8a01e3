/**
 * The process supervisor every process runner uses and `nightshift kill`
 * reuses: spawn a run in its own process group (and, on Linux where one can
 * be made, its own cgroup), and end it with its whole tree — including
 * descendants that escaped into their own session. In a cgroup nothing
 * escapes; without one, escapees are found through /proc; without /proc
 * only the group is killed.
 */
import { dirname } from 'node:path';
import { cgroupPopulated, checkRunCgroup } from './process/cgroup.js';
import type { Containment } from './process/cgroup-paths.js';
import { environHas, isLive, listProcesses, procAvailable, readProc } from './process/proc-table.js';
import { startProcess } from './process/spawn.js';

export { commandLineOf, procAvailable, readProc, selfStartTicks } from './process/proc-table.js';
export type { ProcInfo } from './process/proc-table.js';
export { RunProcess, startProcess } from './process/spawn.js';
export type { ExitStatus, StartOptions, StartResult } from './process/spawn.js';
export { superviseProcess } from './process/supervise.js';
export { executableProblem } from './process/executable.js';
export type { SpawnedInfo, SuperviseOptions, SuperviseResult } from './process/supervise.js';
export { CONTAINMENT_ENV, CONTAINMENT_SETTINGS, containmentSetting } from './process/cgroup-paths.js';
export type { Containment, ContainmentSetting } from './process/cgroup-paths.js';
export { terminateRun } from './process/terminate.js';
export type {
  FoundBy,
  RunProcessRef,
  SignalledProcess,
  TerminateOptions,
  TerminationReport,
} from './process/terminate.js';

/**
 * Running processes (zombies excluded) that carry NIGHTSHIFT_RUN_ID=<runId>:
 * what is left of a run. Empty without /proc.
 */
export function runProcesses(runId: string): number[] {
  if (!procAvailable) return [];
  const entry = `NIGHTSHIFT_RUN_ID=${runId}`;
  return listProcesses()
    .filter((proc) => isLive(proc) && proc.pid !== process.pid && environHas(proc.pid, entry))
    .map((proc) => proc.pid);
}

/**
 * Whether a pid is a running process (a zombie is not). For a lock's pid:
 * with /proc a zombie or a vanished pid is dead; without, signal 0 decides.
 */
export function processAlive(pid: number): boolean {
  if (pid <= 0) return false;
  if (procAvailable) {
    const info = readProc(pid);
    return info !== null && isLive(info);
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the run a lock describes is still in flight: its leader, any
 * process carrying its run id, or any process in its cgroup (one named for
 * the run: a lock's word is checked) is running. A pid reused by a stranger
 * does not count (Linux); without /proc, a live pid is taken at its word.
 */
export function runAlive(run: { pid: number; runId: string; cgroup?: string | null }): boolean {
  if (!procAvailable) return processAlive(run.pid);
  if (run.cgroup) {
    const checked = checkRunCgroup(run.cgroup, run.runId);
    if (checked.ok && cgroupPopulated(checked.dir)) return true;
  }
  if (processAlive(run.pid) && environHas(run.pid, `NIGHTSHIFT_RUN_ID=${run.runId}`)) return true;
  return runProcesses(run.runId).length > 0;
}

export interface ContainmentProbe {
  containment: Containment;
  /** why it is not a cgroup; null when it is */
  note: string | null;
  /** where runs' cgroups are made (this process's cgroup), when they are */
  cgroupParent: string | null;
}

/**
 * The containment a run started by this process gets, found the one sure
 * way: a no-op process started through the same supervisor (`doctor`).
 */
export async function probeContainment(env: NodeJS.ProcessEnv): Promise<ContainmentProbe> {
  const start = await startProcess({ argv: ['/bin/sh', '-c', 'exit 0'], cwd: '/', env, runId: `probe-${process.pid}` });
  if (!start.ok)
    return {
      containment: procAvailable ? 'sweep' : 'group',
      note: `a probe process could not start: ${start.code} ${start.message}`,
      cgroupParent: null,
    };
  const cgroup = start.process.cgroup;
  await start.process.exited;
  await start.process.terminate(0);
  return {
    containment: start.process.containment,
    note: start.process.containmentNote,
    cgroupParent: cgroup === null ? null : dirname(cgroup),
  };
}
