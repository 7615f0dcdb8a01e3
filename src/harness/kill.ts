import { join } from 'node:path';
import { readFile, unlink } from 'node:fs/promises';
import { assertAgentName, type HomePaths } from '../home/index.js';
import type { RunRecord } from '../journal/index.js';
import { findRunInJournals } from './journal-tail.js';
import { lockLiveness, readRunLock, type RunLock } from './lock.js';
import { type HarnessPorts, portsWith } from './ports.js';
import { reapStaleLock } from './reap.js';
import { writeFileAtomically } from '../files/index.js';
import {
  currentHost,
  currentUser,
  type Infer,
  nullable,
  number,
  object,
  string,
  withDefault,
} from '../shared/index.js';
import { commandLineOf, runAlive } from '../runners/index.js';

/**
 * `nightshift kill <agent>` (DESIGN §6): ends the run in flight from another
 * process, and the run still gets its one record, written by its own harness.
 *
 * How: a kill marker run/<name>.kill naming the run id and who killed it is
 * written first; then the runner's processes are ended directly (no need
 * to trust a harness that may be stuck): its cgroup, its process group and
 * whatever carries its run id. The harness sees its runner end without
 * completing, finds the marker and records KILLED "killed by <who>: <reason>"
 * (an operator's decision, not a failure: no failure streak, no critical alert).
 * A runner with no process (HTTP runners) is ended by the harness itself,
 * which listens for the marker (kill-watch.ts). The harness's own pid is
 * never signalled: it may be the daemon or the console running the agent
 * in-process. If the harness is already gone, the lock is reaped as CRASHED
 * instead.
 *
 * It says what it did, truthfully. A lock whose pid is alive is not yet a
 * run: the run is proven by its processes (carrying its run id, or in its
 * cgroup) or by its harness answering the marker (`seen_by`). A lock with
 * neither (a forged lock, or a stale one whose pid now belongs to someone
 * else) is reported as not a nightshift run, and nothing is signalled.
 *
 * Across hosts (a home shared over NFS or sshfs), this host can neither
 * signal nor inspect the run's processes: the marker is then a kill request
 * (naming who asked, from which host, why) that the run's own harness hears
 * within KILL_POLL_MS and carries out with its own kill path, recording
 * KILLED "killed by <who> on <host>: <why>". A request no harness answers
 * (its host is down) stays for it; the run is recorded CRASHED once its
 * lease lapses (lease.ts).
 */
export const killMarkerSchema = object(
  {
    run_id: string(),
    by: string(),
    reason: nullable(string()),
    at: string(),
    /** the pid of the harness that heard the kill (KillWatch), null until then */
    seen_by: withDefault(nullable(number({ int: true, positive: true })), null),
    /** the host the kill was asked from (null in markers of older versions: this host) */
    host: withDefault(nullable(string()), null),
  },
  'a kill marker',
);
export type KillMarker = Infer<typeof killMarkerSchema>;

export type KillResult =
  | { outcome: 'not-running' }
  /** the harness recorded the run (record found in the journal), or is about to */
  | { outcome: 'killed'; runId: string; record: RunRecord | null }
  /**
   * the harness was gone, before the kill (a stale lock: `stale`) or by the end of it: recorded as CRASHED
   * now, and what it left running ended
   */
  | {
      outcome: 'crashed';
      runId: string;
      record: RunRecord | null;
      harnessPid: number;
      stale: boolean;
      leftRunning: boolean;
    }
  /** the run is on another host whose harness did not answer within `waitedMs`: the request stays for it */
  | { outcome: 'requested'; runId: string; host: string; waitedMs: number }
  /** the lock's pid is alive but no nightshift run answers to it: nothing was signalled */
  | { outcome: 'not-a-run'; runId: string; pid: number; command: string | null; waitedMs: number };

export interface KillOptions {
  graceMs: number;
  /** who kills it, for the record's reason (default: the OS user) */
  by?: string;
  reason?: string | null;
  /** default: the real journal and process supervisor */
  ports?: Partial<Pick<HarnessPorts, 'terminateRun' | 'appendRunRecord'>>;
  /** how long to wait for the harness to record the run after its runner is gone (default grace + 5 s) */
  waitMs?: number;
  /** how long a harness with no process of the run running may take to answer the marker (default ANSWER_WAIT_MS) */
  answerWaitMs?: number;
}

/** Many times the harness's look interval (KILL_POLL_MS): a harness busy for a moment still answers in time. */
export const ANSWER_WAIT_MS = 3000;

export function killMarkerFile(paths: HomePaths, name: string): string {
  return join(paths.run, `${assertAgentName(name)}.kill`);
}

export async function killRun(paths: HomePaths, name: string, options: KillOptions): Promise<KillResult> {
  const by = options.by ?? currentUser();
  const lock = await readRunLock(paths, name);
  if (!lock) return { outcome: 'not-running' };
  const liveness = await lockLiveness(lock);
  if (liveness === 'dead') return reapForKill(paths, name, lock, by, options, true);
  await writeKillMarker(paths, name, {
    run_id: lock.run_id,
    by,
    reason: options.reason ?? null,
    at: new Date().toISOString(),
    seen_by: null,
    host: currentHost(),
  });
  if (liveness === 'other-host') return requestKill(paths, name, lock, by, options);
  const ports = await portsWith(options.ports);
  const current = await readRunLock(paths, name);
  const runner = current?.run_id === lock.run_id ? current : lock;
  if (runHasProcesses(runner)) {
    // the harness is alive and is the one that wrote the lock (lockLiveness), so its start is this boot's
    await ports.terminateRun(
      {
        runId: lock.run_id,
        pgid: runner.pgid,
        pid: runner.runner_pid,
        cgroup: runner.cgroup,
        notBefore: runner.pid_start_ticks,
      },
      { graceMs: options.graceMs },
    );
  } else {
    const answerWaitMs = options.answerWaitMs ?? ANSWER_WAIT_MS;
    if ((await waitForAnswer(paths, name, lock, answerWaitMs)) === 'silent') {
      // nobody heard it: the marker goes too, so the kill leaves nothing behind
      await removeKillMarker(paths, name, lock.run_id);
      return {
        outcome: 'not-a-run',
        runId: lock.run_id,
        pid: lock.pid,
        command: commandLineOf(lock.pid),
        waitedMs: answerWaitMs,
      };
    }
  }
  await waitForRelease(paths, name, lock.run_id, options.waitMs ?? options.graceMs + 5000);
  const after = await readRunLock(paths, name);
  if (after?.run_id === lock.run_id && (await lockLiveness(after)) === 'dead')
    return reapForKill(paths, name, after, by, options, false);
  return { outcome: 'killed', runId: lock.run_id, record: await findRunInJournals(paths, lock.host, lock.run_id) };
}

/**
 * The run is on another host: its harness hears the marker and ends the run
 * (kill-watch.ts). Waits for its answer, then for the record (the lock let
 * go); a lock whose lease lapses meanwhile is recorded as CRASHED here.
 */
async function requestKill(
  paths: HomePaths,
  name: string,
  lock: RunLock,
  by: string,
  options: KillOptions,
): Promise<KillResult> {
  const answerWaitMs = options.answerWaitMs ?? ANSWER_WAIT_MS;
  if ((await waitForAnswer(paths, name, lock, answerWaitMs)) === 'silent')
    return { outcome: 'requested', runId: lock.run_id, host: lock.host, waitedMs: answerWaitMs };
  await waitForRelease(paths, name, lock.run_id, options.waitMs ?? options.graceMs + 5000);
  const after = await readRunLock(paths, name);
  if (after?.run_id === lock.run_id && (await lockLiveness(after)) === 'dead')
    return reapForKill(paths, name, after, by, options, false);
  return { outcome: 'killed', runId: lock.run_id, record: await findRunInJournals(paths, lock.host, lock.run_id) };
}

/** Some process of the run is running: its runner (carrying its run id), anything carrying the run id, or anything in its cgroup. */
function runHasProcesses(lock: RunLock): boolean {
  return runAlive({ pid: lock.runner_pid ?? 0, runId: lock.run_id, cgroup: lock.cgroup });
}

async function reapForKill(
  paths: HomePaths,
  name: string,
  lock: RunLock,
  by: string,
  options: KillOptions,
  stale: boolean,
): Promise<KillResult> {
  const leftRunning = runHasProcesses(lock);
  const record = await reapStaleLock(paths, name, {
    by: `kill by ${by}`,
    graceMs: options.graceMs,
    ports: options.ports,
  });
  return { outcome: 'crashed', runId: lock.run_id, record, harnessPid: lock.pid, stale, leftRunning };
}

/**
 * Waits for the lock's harness to answer the marker (its pid in `seen_by`),
 * or for the run to let go of its lock (it ended meanwhile); 'silent' when
 * neither happened within `maxMs`.
 */
async function waitForAnswer(
  paths: HomePaths,
  name: string,
  lock: RunLock,
  maxMs: number,
): Promise<'answered' | 'released' | 'silent'> {
  const deadline = Date.now() + maxMs;
  for (;;) {
    const marker = await readKillMarker(paths, name, lock.run_id);
    if (marker?.seen_by === lock.pid) return 'answered';
    const now = await readRunLock(paths, name);
    if (now?.run_id !== lock.run_id) return 'released';
    if (Date.now() >= deadline) return 'silent';
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * What `kill` did, in words for a person (the CLI, stop-all, the console),
 * for every outcome but a plain kill, whose words each caller sets around
 * its own figures.
 */
export function describeKill(agent: string, result: Exclude<KillResult, { outcome: 'killed' }>): string {
  switch (result.outcome) {
    case 'not-running':
      return `${agent} has no run in flight.`;
    case 'crashed': {
      const left = result.leftRunning ? '; the processes it left running were ended' : '';
      if (!result.stale)
        return `Killed run ${result.runId} of ${agent}; its harness (pid ${result.harnessPid}) ended before recording it${left}. Recorded as CRASHED.`;
      return (
        `No run of ${agent} was in flight: its lock (run ${result.runId}) was stale, its harness ` +
        `(pid ${result.harnessPid}) is gone${left}. Recorded as CRASHED.`
      );
    }
    case 'requested':
      return (
        `Asked the harness of ${agent} on ${result.host} to kill run ${result.runId}; it did not answer within ${result.waitedMs} ms. ` +
        `The request stays in run/${agent}.kill: that harness carries it out when it looks again, and if its host is down ` +
        `the run is recorded as CRASHED once its lock's lease lapses.`
      );
    case 'not-a-run': {
      const who = `pid ${result.pid}${result.command ? ` (${result.command.slice(0, 120)})` : ''}`;
      return (
        `Nothing was killed: run/${agent}.lock names run ${result.runId} and ${who}, which is running but is not a nightshift run ` +
        `(nothing carries the run's id, and it did not answer the kill within ${result.waitedMs} ms): the lock is forged, or stale with its pid reused. ` +
        `No process was signalled. If no run of ${agent} is in flight, remove run/${agent}.lock.`
      );
    }
  }
}

async function writeKillMarker(paths: HomePaths, name: string, marker: KillMarker): Promise<void> {
  await writeFileAtomically(killMarkerFile(paths, name), `${JSON.stringify(marker)}\n`, {
    mode: 0o600,
    durable: false,
  });
}

/** The harness's answer: the same marker with its pid in `seen_by` (KillWatch). */
export async function answerKillMarker(paths: HomePaths, name: string, marker: KillMarker): Promise<void> {
  await writeKillMarker(paths, name, { ...marker, seen_by: process.pid });
}

function markerOf(value: unknown): KillMarker | null {
  const parsed = killMarkerSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The marker for this run, if someone asked to kill it. */
export async function readKillMarker(paths: HomePaths, name: string, runId: string): Promise<KillMarker | null> {
  try {
    const marker = markerOf(JSON.parse(await readFile(killMarkerFile(paths, name), 'utf8')));
    return marker?.run_id === runId ? marker : null;
  } catch {
    return null;
  }
}

export async function removeKillMarker(paths: HomePaths, name: string, runId: string): Promise<void> {
  if (await readKillMarker(paths, name, runId)) await unlink(killMarkerFile(paths, name)).catch(() => undefined);
}

/** A marker left for an earlier run (it ended before the kill landed) must not kill this one, nor linger. */
export async function clearStaleKillMarker(paths: HomePaths, name: string, runId: string): Promise<void> {
  const file = killMarkerFile(paths, name);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return;
  }
  const marker = markerOf(safeJson(text));
  if (marker?.run_id !== runId) await unlink(file).catch(() => undefined);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The KILLED record's reason: who, from which host when it is not the run's own, and why. */
export function killReason(marker: KillMarker): string {
  const where = marker.host !== null && marker.host !== currentHost() ? ` on ${marker.host}` : '';
  return `killed by ${marker.by}${where}${marker.reason ? `: ${marker.reason}` : ''}`;
}

async function waitForRelease(paths: HomePaths, name: string, runId: string, maxMs: number): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    const lock = await readRunLock(paths, name);
    if (!lock || lock.run_id !== runId || (await lockLiveness(lock)) === 'dead') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
