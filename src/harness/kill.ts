import { join } from 'node:path';
import { unlink } from 'node:fs/promises';
import { z } from 'zod';
import { lazySchema } from '../lazy.js';
import { UsageError } from '../errors.js';
import { assertAgentName, type HomePaths } from '../home/index.js';
import { guardedSafeParse, type RunRecord } from '../journal/index.js';
import { findRunInTail } from './journal-tail.js';
import { isExactKillMarker } from './lock-guard.js';
import { lockLiveness, readRunLock } from './lock.js';
import { type HarnessPorts, portsWith } from './ports.js';
import { reapStaleLock } from './reap.js';
import { writeFileAtomically } from '../atomic-write.js';
import { currentUser } from '../state/index.js';
import { readSmallFile } from '../small-file.js';

/**
 * `nightshift kill <agent>` (DESIGN §6): ends the run in flight from another
 * process, and the run still gets its one record, written by its own harness.
 *
 * How: a kill marker run/<name>.kill naming the run id and who killed it is
 * written first; then the runner's process tree is ended directly (no need
 * to trust a harness that may be stuck). The harness sees its runner end
 * without completing, finds the marker and records RUNNER_FAILED "killed by
 * <who>". A runner with no process (HTTP runners) is ended by the harness
 * itself, which polls for the marker. The harness's own pid is never
 * signalled: it may be the daemon or the console running the agent in-process.
 * If the harness is already gone, the lock is reaped as CRASHED instead.
 */
export const killMarkerSchema = lazySchema(() => z.object({ run_id: z.string(), by: z.string(), reason: z.string().nullable(), at: z.string() }));
export type KillMarker = z.output<typeof killMarkerSchema>;

export type KillResult =
  | { outcome: 'not-running' }
  /** the harness recorded the run (record found in the journal), or is about to */
  | { outcome: 'killed'; runId: string; record: RunRecord | null }
  /** the harness was already gone: recorded as CRASHED now */
  | { outcome: 'crashed'; runId: string; record: RunRecord | null };

export interface KillOptions {
  graceMs: number;
  /** who kills it, for the record's reason (default: the OS user) */
  by?: string;
  reason?: string | null;
  /** default: the real journal and process supervisor */
  ports?: Partial<Pick<HarnessPorts, 'terminateRun' | 'appendRunRecord'>>;
  /** how long to wait for the harness to record the run after its runner is gone (default grace + 5 s) */
  waitMs?: number;
}

export function killMarkerFile(paths: HomePaths, name: string): string {
  return join(paths.run, `${assertAgentName(name)}.kill`);
}

export async function killRun(paths: HomePaths, name: string, options: KillOptions): Promise<KillResult> {
  const by = options.by ?? currentUser();
  const lock = await readRunLock(paths, name);
  if (!lock) return { outcome: 'not-running' };
  const liveness = await lockLiveness(lock);
  if (liveness === 'other-host') {
    throw new UsageError(`${name} is running on ${lock.host}, not here: run the kill there`, { field: 'host', expected: lock.host, actual: 'this host' });
  }
  if (liveness === 'dead') {
    const record = await reapStaleLock(paths, name, { by: `kill by ${by}`, graceMs: options.graceMs, ports: options.ports });
    return { outcome: 'crashed', runId: lock.run_id, record };
  }
  const ports = await portsWith(options.ports);
  await writeKillMarker(paths, name, { run_id: lock.run_id, by, reason: options.reason ?? null, at: new Date().toISOString() });
  const current = (await readRunLock(paths, name)) ?? lock;
  if (current.run_id === lock.run_id && current.pgid !== null && current.runner_pid !== null) {
    // the harness is alive and is the one that wrote the lock (lockLiveness), so its start is this boot's
    await ports.terminateRun({ runId: lock.run_id, pgid: current.pgid, pid: current.runner_pid, notBefore: current.pid_start_ticks }, { graceMs: options.graceMs });
  }
  await waitForRelease(paths, name, lock.run_id, options.waitMs ?? options.graceMs + 5000);
  const after = await readRunLock(paths, name);
  if (after?.run_id === lock.run_id && (await lockLiveness(after)) === 'dead') {
    const record = await reapStaleLock(paths, name, { by: `kill by ${by}`, graceMs: options.graceMs, ports: options.ports });
    return { outcome: 'crashed', runId: lock.run_id, record };
  }
  return { outcome: 'killed', runId: lock.run_id, record: await findRunInTail(paths.runsJournal, lock.run_id) };
}

async function writeKillMarker(paths: HomePaths, name: string, marker: KillMarker): Promise<void> {
  await writeFileAtomically(killMarkerFile(paths, name), `${JSON.stringify(marker)}\n`, { mode: 0o600, durable: false });
}

/** The marker for this run, if someone asked to kill it. */
export async function readKillMarker(paths: HomePaths, name: string, runId: string): Promise<KillMarker | null> {
  try {
    const marker = guardedSafeParse(JSON.parse(await readSmallFile(killMarkerFile(paths, name))), isExactKillMarker, killMarkerSchema);
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
    text = await readSmallFile(file);
  } catch {
    return;
  }
  const marker = guardedSafeParse(safeJson(text), isExactKillMarker, killMarkerSchema);
  if (marker?.run_id !== runId) await unlink(file).catch(() => undefined);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function killReason(marker: KillMarker): string {
  return `killed by ${marker.by}${marker.reason ? `: ${marker.reason}` : ''}`;
}

async function waitForRelease(paths: HomePaths, name: string, runId: string, maxMs: number): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    const lock = await readRunLock(paths, name);
    if (!lock || lock.run_id !== runId || (await lockLiveness(lock)) === 'dead') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

