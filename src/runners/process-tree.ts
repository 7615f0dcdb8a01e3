/**
 * The process supervisor every process runner uses and `nightshift kill`
 * reuses: spawn a run in its own process group, and end it with its whole
 * tree — including descendants that escaped into their own session.
 * On Linux escapees are found through /proc; elsewhere only the group is killed.
 */
import { environHas, isLive, listProcesses, procAvailable, readProc } from './process/proc-table.js';

export { procAvailable, readProc, selfStartTicks } from './process/proc-table.js';
export type { ProcInfo } from './process/proc-table.js';
export { RunProcess, startProcess } from './process/spawn.js';
export type { ExitStatus, StartOptions, StartResult } from './process/spawn.js';
export { superviseProcess } from './process/supervise.js';
export type { SuperviseOptions, SuperviseResult } from './process/supervise.js';
export { terminateRun } from './process/terminate.js';
export type { FoundBy, RunProcessRef, SignalledProcess, TerminateOptions, TerminationReport } from './process/terminate.js';

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
 * Whether the run a lock describes is still in flight: its leader, or any
 * process carrying its run id, is running. A pid reused by a stranger does
 * not count (Linux); without /proc, a live pid is taken at its word.
 */
export function runAlive(run: { pid: number; runId: string }): boolean {
  if (!procAvailable) return processAlive(run.pid);
  if (processAlive(run.pid) && environHas(run.pid, `NIGHTSHIFT_RUN_ID=${run.runId}`)) return true;
  return runProcesses(run.runId).length > 0;
}
