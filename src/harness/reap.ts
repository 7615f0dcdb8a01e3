import { randomUUID } from 'node:crypto';
import { join, relative } from 'node:path';
import { open, rename, unlink } from 'node:fs/promises';
import type { HomePaths } from '../home/index.js';
import type { RunRecord } from '../journal/index.js';
import { currentHost, VERSION } from '../shared/index.js';
import { findRunInJournals } from './journal-tail.js';
import { liveFile } from './live-format.js';
import { lockLiveness, lockRenewedAt, readRunLock, type RunLock } from './lock.js';
import { type HarnessPorts, portsWith } from './ports.js';
import { type Containment, processAlive, procAvailable } from '../runners/index.js';
import { RunNotRecordedError } from './not-recorded.js';
import { findStagedOutput } from './output-file.js';
import { writePendingRetry } from './pending-retry.js';
import { buildRunRecord } from './record.js';
import { secretsOf } from '../secrets/index.js';
import { createFileExclusively } from '../files/index.js';

/**
 * A lock whose harness is gone is a crashed run (DESIGN §3 step 6): whoever
 * looks at it first (a run, `check`, `status`, the console) ends what the
 * run left running and records it, once.
 *
 * Once, with any number of lookers: a looker must first create a reap marker
 * (O_EXCL) for that run id, then re-read the lock. Only a marker holder that
 * still finds the same run id may write the record and remove the lock; no
 * one else removes a dead lock, and no new lock can appear while it exists,
 * so the re-read stays true until the removal. A marker whose holder died is
 * taken over by renaming it away (one rename wins). The journal's tail is
 * checked first, so a run whose harness (or reaper) died right after
 * appending its record is not recorded twice.
 *
 * Across hosts (a home on NFS or sshfs): another host's lock is dead once its
 * lease lapsed (lease.ts), and the marker is what makes "recorded once" hold
 * there too: it is created with link(2) from a private temp file
 * (createFileExclusively), which the NFS server performs atomically (NFSv2
 * and up, where O_EXCL is only safe from NFSv3; link is the classic lock of
 * open(2)'s manual, and claimName checks the link count when a retransmitted
 * reply says EEXIST). A marker another host left is taken over only once it
 * is MARKER_STALE_MS old: that host cannot be asked whether its reaper lives.
 * Another host's processes cannot be signalled from here; they ended with
 * their host, or their harness ends them when it finds its lease lost.
 */
/** A reap takes well under a second (plus a kill grace on its own host): a marker older than this was abandoned. */
export const MARKER_STALE_MS = 60_000;

export interface ReapOptions {
  now?: () => Date;
  /** who looked: "run", "check", "status", "console"; goes into the reason */
  by?: string;
  graceMs?: number;
  /** default: the real journal and process supervisor */
  ports?: Partial<Pick<HarnessPorts, 'appendRunRecord' | 'terminateRun'>>;
}

export async function reapStaleLock(
  paths: HomePaths,
  name: string,
  options: ReapOptions = {},
): Promise<RunRecord | null> {
  const lock = await readRunLock(paths, name);
  const nowMs = (options.now?.() ?? new Date()).getTime();
  if (!lock || (await lockLiveness(lock, nowMs)) !== 'dead') return null;
  const marker = join(paths.run, `${name}.reap-${lock.run_id.replace(/[^A-Za-z0-9_-]/g, '_')}`);
  const notRecorded = (error: unknown, output: string | null = null) =>
    new RunNotRecordedError(paths, { runId: lock.run_id, agent: name, status: 'CRASHED', output }, error);
  let claimed: boolean;
  try {
    claimed = await claimMarker(marker, nowMs);
  } catch (error) {
    throw notRecorded(error); // a full disk: the lock stays, and a later look, with space, records the run
  }
  if (!claimed) return null;
  try {
    const ports = await portsWith(options.ports);
    const again = await readRunLock(paths, name);
    // the same run, and still dead: a harness on another host may have renewed its lease since the first look
    if (!again || again.run_id !== lock.run_id || (await lockLiveness(again, nowMs)) !== 'dead') return null;
    // The harness is gone, so nothing bounds what it started: end it before anything else (on this host; see above).
    if (again.host === currentHost())
      await ports.terminateRun(
        { runId: lock.run_id, pgid: lock.pgid, pid: lock.runner_pid, cgroup: lock.cgroup },
        { graceMs: options.graceMs ?? 0 },
      );
    let record: RunRecord | null = null;
    // A harness that died after appending its record but before removing its lock already recorded the run.
    if ((await findRunInJournals(paths, again.host, lock.run_id)) === null) {
      const published = again.output ? await findStagedOutput(paths.outputsDir(name), again.output) : null;
      const output = published ? { file: relative(paths.root, published.path), sizeBytes: published.sizeBytes } : null;
      record = crashedRecord(again, options.now?.() ?? new Date(), options.by ?? 'nightshift', output);
      try {
        await ports.appendRunRecord(paths, record);
      } catch (error) {
        throw notRecorded(error, output?.file ?? null);
      }
      // its retry policy retries CRASHED: nobody waits for the next attempt, so the daemon starts it when due
      const retry = again.attempt?.crash_retry;
      if (again.attempt && retry)
        await writePendingRetry(
          paths,
          {
            agent: name,
            attempt: retry.attempt,
            first_run_id: again.attempt.first_run_id,
            due_at: new Date(Date.parse(record.ended_at) + retry.wait_ms).toISOString(),
            trigger: again.trigger,
          },
          { waiting: false },
        ).catch(() => undefined);
    }
    // what its live view showed is over too (the next run of it would truncate it anyway)
    await unlink(liveFile(paths, name)).catch(() => undefined);
    await unlink(paths.lockFile(name)).catch(ignoreMissing);
    return record;
  } finally {
    await unlink(marker).catch(ignoreMissing);
  }
}

/** True when we hold the marker: we made it, or took it over from a holder that died. */
async function claimMarker(marker: string, nowMs: number): Promise<boolean> {
  const self = JSON.stringify({ pid: process.pid, host: currentHost() });
  if (await createFileExclusively(marker, self, { durable: false })) return true;
  let holder: { pid?: number; host?: string } = {};
  let madeAtMs = nowMs;
  try {
    const handle = await open(marker, 'r');
    try {
      madeAtMs = (await handle.stat()).mtimeMs;
      holder = JSON.parse(await handle.readFile('utf8')) as typeof holder;
    } finally {
      await handle.close();
    }
  } catch {
    // unreadable or just removed: treat as abandoned, the rename below decides
  }
  if (holder.host !== undefined && holder.host !== currentHost() && nowMs - madeAtMs < MARKER_STALE_MS) return false;
  if (holder.host === currentHost() && typeof holder.pid === 'number' && processAlive(holder.pid)) return false;
  const abandoned = `${marker}.abandoned-${randomUUID().slice(0, 8)}`;
  try {
    await rename(marker, abandoned);
  } catch {
    return false;
  }
  await unlink(abandoned).catch(() => undefined);
  return createFileExclusively(marker, self, { durable: false });
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}

/** Why the run is judged crashed: its harness is gone here, or its host stopped renewing its lease. */
function crashCause(lock: RunLock): string {
  if (lock.pid === 0) return 'the run lock was unreadable';
  if (lock.host === currentHost())
    return `the harness (pid ${lock.pid} on ${lock.host}) ended without recording the run`;
  const renewed = lockRenewedAt(lock);
  const last = renewed === null ? '' : `, last at ${new Date(renewed).toISOString()}`;
  return `the harness (pid ${lock.pid} on ${lock.host}) stopped renewing its lock (every ${lock.lease_ms ?? '?'} ms${last}): its host crashed or lost the home`;
}

/** How the crashed run's runner was contained, as its lock tells: null when it had started none. */
function lockContainment(lock: RunLock): Containment | null {
  if (lock.cgroup) return 'cgroup';
  if (lock.runner_pid === null) return null;
  return procAvailable ? 'sweep' : 'group';
}

/** Pure: the CRASHED record of a lock, with the last usage the harness saved in it, and the output it published, if it did. */
export function crashedRecord(
  lock: RunLock,
  now: Date,
  by: string,
  output: { file: string; sizeBytes: number } | null = null,
): RunRecord {
  const started = Date.parse(lock.started_at);
  const startedAt = Number.isFinite(started) && started > 0 && started <= now.getTime() ? new Date(started) : now;
  const why = crashCause(lock);
  const usage = lock.usage;
  return buildRunRecord(
    {
      subject: {
        agent: lock.agent,
        runner: lock.runner,
        model: lock.model,
        promptSha256: lock.prompt_sha256,
        definitionSha256: lock.definition_sha256,
      },
      runId: lock.run_id,
      trigger: lock.trigger,
      startedAt,
      endedAt: now,
      status: 'CRASHED',
      ...(lock.attempt ? { attempt: { number: lock.attempt.number, firstRunId: lock.attempt.first_run_id } } : {}),
      reason:
        `${why}; found by ${by}${lock.host === currentHost() ? '' : ` on ${currentHost()}`}` +
        `${usage ? '; usage is the last the harness saw' : ''}${output ? '; its output was published' : ''}`,
      limitHit: null,
      input: lock.input_file ? { file: lock.input_file, sizeBytes: null } : null,
      output,
      usage: usage
        ? {
            llmCalls: usage.llm_calls,
            toolCalls: usage.tool_calls,
            costUsd: usage.cost_usd,
            costBasis: usage.cost_basis,
            tokens: {
              input: usage.tokens.input,
              output: usage.tokens.output,
              cache_read: usage.tokens.cache_read ?? 0,
              cache_write: usage.tokens.cache_write ?? 0,
            },
          }
        : null,
      exitCode: null,
      containment: lockContainment(lock),
      // the host it ran on (the lock's), not the one that found it: `found by … on <host>` says that
      host: lock.host ?? currentHost(),
      version: VERSION,
    },
    secretsOf(process.env),
  );
}
