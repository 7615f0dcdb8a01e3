import { mkdir, open, unlink } from 'node:fs/promises';
import type { HomePaths } from '../home/index.js';
import { processAlive, readProc, selfStartTicks } from '../runners/index.js';
import type { RunnerUsage } from '../runners/index.js';
import { bootId } from './proc.js';
import { leaseLapsed, touchLock } from './lease.js';
import { createFileExclusively, writeFileAtomically } from '../files/index.js';
import { COST_BASES } from '../journal/index.js';
import {
  array,
  currentHost,
  type Infer,
  nullable,
  number,
  object,
  oneOf,
  optional,
  string,
  withDefault,
} from '../shared/index.js';
import { DiskWriteError, diskProblem } from '../files/index.js';

/**
 * run/<name>.lock: present while a run of <name> is in flight (DESIGN §1, §3).
 * It names the harness process (pid, and its start time so a reused pid is
 * not mistaken for it), the runner's process group and cgroup once known, and
 * what a CRASHED record needs if the harness dies: the agent's identity, the
 * last usage seen, so a crash does not lose the money spent from the month's
 * total, and the output once it is being published, so no output is ever
 * left that no record names.
 */
export const runLockSchema = object(
  {
    run_id: string({ min: 1 }),
    agent: string({ min: 1 }),
    /** the harness process: alive while the run is in flight (0: the lock did not parse) */
    pid: number({ int: true, min: 0 }),
    /** the runner's process group, once it has spawned; `kill` ends this group */
    pgid: nullable(number({ int: true, positive: true })),
    runner_pid: withDefault(nullable(number({ int: true, positive: true })), null),
    /** the runner's own cgroup directory, when it has one; `kill` ends it with cgroup.kill */
    cgroup: withDefault(nullable(string()), null),
    started_at: string(),
    trigger: string(),
    host: string(),
    /** the harness renews the lock (its mtime) every lease_ms (lease.ts); null in locks of older versions: never lapses */
    lease_ms: withDefault(nullable(number({ int: true, positive: true })), null),
    boot_id: withDefault(nullable(string()), null),
    pid_start_ticks: withDefault(nullable(number()), null),
    runner: withDefault(string(), 'unknown'),
    model: withDefault(nullable(string()), null),
    prompt_sha256: withDefault(nullable(string()), null),
    definition_sha256: withDefault(nullable(string()), null),
    input_file: withDefault(nullable(string()), null),
    /**
     * An attempt of a run with a retry policy: its number, the first attempt's run id, and, when the policy
     * retries CRASHED after it, the next attempt and the wait before it. Whoever records the run CRASHED
     * (its harness died) writes that attempt down for the daemon (reap.ts): the lock is all it has then.
     */
    attempt: withDefault(
      nullable(
        object({
          number: number({ int: true, positive: true }),
          first_run_id: string({ min: 1 }),
          crash_retry: nullable(
            object({ attempt: number({ int: true, positive: true }), wait_ms: number({ min: 0 }) }),
          ),
        }),
      ),
      null,
    ),
    usage: withDefault(
      nullable(
        object({
          llm_calls: number({ int: true, min: 0 }),
          tool_calls: array(string()),
          cost_usd: number({ min: 0 }),
          cost_basis: oneOf(COST_BASES),
          tokens: object({
            input: number(),
            output: number(),
            cache_read: optional(number()),
            cache_write: optional(number()),
          }),
        }),
      ),
      null,
    ),
    /**
     * The output being published, written here before it gets its name, with
     * the final usage: if the run's record then cannot be written, the CRASHED
     * record names the file (the published name shares the temp file's inode).
     */
    output: withDefault(
      nullable(
        object({
          stamp: string({ min: 1 }),
          ino: string({ regex: /^\d+$/, expected: 'a string of digits (an inode number)' }),
          size_bytes: number({ int: true, min: 0 }),
        }),
      ),
      null,
    ),
  },
  'a run lock',
);
export type RunLock = Infer<typeof runLockSchema>;

export type LockLiveness = 'alive' | 'dead' | 'other-host';

/** When each lock read was last renewed (its mtime at the read), for lockLiveness: not part of the lock's content. */
const renewedAt = new WeakMap<RunLock, number>();

/** The lock's renewal time as read (ms), null for a lock that was not read from its file. */
export function lockRenewedAt(lock: RunLock): number | null {
  return renewedAt.get(lock) ?? null;
}

export async function readRunLock(paths: HomePaths, name: string): Promise<RunLock | null> {
  const file = paths.lockFile(name);
  let text: string;
  let mtimeMs: number;
  try {
    // open, then fstat: on NFS the open fetches fresh attributes (close-to-open), so the renewal time is current
    const handle = await open(file, 'r');
    try {
      mtimeMs = (await handle.stat()).mtimeMs;
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const lock = parseLock(text, name);
  renewedAt.set(lock, mtimeMs);
  return lock;
}

/**
 * A lock that does not parse (edited by hand, a disk error) still means "a run
 * may be in flight"; it comes back with pid 0, which is never alive, so the
 * next look reaps it like any crashed run.
 */
function parseLock(text: string, name: string): RunLock {
  try {
    return runLockSchema.read(JSON.parse(text));
  } catch {
    return runLockSchema.parse({
      run_id: `unreadable-lock-${Buffer.from(text).toString('base64url').slice(0, 16) || 'empty'}`,
      agent: name,
      pid: 0,
      pgid: null,
      started_at: new Date(0).toISOString(),
      trigger: 'unknown',
      host: currentHost(),
    });
  }
}

/** The identity of this harness process, as a lock records it. */
export async function selfIdentity(): Promise<Pick<RunLock, 'pid' | 'host' | 'boot_id' | 'pid_start_ticks'>> {
  return { pid: process.pid, host: currentHost(), boot_id: await bootId(), pid_start_ticks: selfStartTicks() };
}

/**
 * Alive, dead, or on another host. Another host's processes cannot be
 * checked from here (a home shared over the network): its lock is a lease,
 * 'other-host' while its harness renews it, 'dead' once it has missed
 * MISSED_RENEWALS renewals (lease.ts). A lock without a lease (an older
 * version) is never judged dead from another host.
 */
export async function lockLiveness(lock: RunLock, nowMs: number = Date.now()): Promise<LockLiveness> {
  if (lock.pid === 0) return 'dead';
  if (lock.host !== currentHost()) {
    const renewed = lockRenewedAt(lock);
    if (lock.lease_ms !== null && renewed !== null && leaseLapsed(renewed, lock.lease_ms, nowMs)) return 'dead';
    return 'other-host';
  }
  const boot = await bootId();
  if (lock.boot_id && boot && lock.boot_id !== boot) return 'dead';
  if (!processAlive(lock.pid)) return 'dead';
  if (lock.pid_start_ticks !== null) {
    const info = readProc(lock.pid);
    if (info && info.startTime !== lock.pid_start_ticks) return 'dead';
  }
  return 'alive';
}

/**
 * Creates the lock with its whole content at once: written to a private temp
 * file, then hard-linked to the lock's name, which fails if the name exists
 * (like O_EXCL) and never shows a reader an empty or half-written lock.
 */
export async function createRunLock(paths: HomePaths, lock: RunLock): Promise<boolean> {
  await mkdir(paths.run, { recursive: true, mode: 0o700 });
  const file = paths.lockFile(lock.agent);
  try {
    const created = await createFileExclusively(file, `${JSON.stringify(lock)}\n`, { mode: 0o600, durable: false });
    // the lease starts by this host's clock (the temp file's mtime may be a file server's)
    if (created) await touchLock(paths, lock.agent, Date.now()).catch(() => undefined);
    return created;
  } catch (error) {
    if (!(error instanceof DiskWriteError)) throw error;
    throw new DiskWriteError(file, diskProblem(error.cause) ?? error.message, {
      kept: 'the run did not start: nothing ran, nothing was published or recorded',
      cause: error.cause,
    });
  }
}

/**
 * Replaces the lock's content (rename is atomic); only the live owner ever
 * does this, and only while the lock is still its own: a lock another host
 * took over after its lease lapsed is not brought back by a rewrite. (A
 * takeover between the look and the rename is possible only for a harness
 * that stalled past its lease; its next renewal then finds the lease lost.)
 */
export async function rewriteRunLock(paths: HomePaths, lock: RunLock): Promise<void> {
  const current = await readRunLock(paths, lock.agent);
  if (current?.run_id !== lock.run_id) return;
  await writeFileAtomically(paths.lockFile(lock.agent), `${JSON.stringify(lock)}\n`, { mode: 0o600, durable: false });
  await touchLock(paths, lock.agent, Date.now()).catch(() => undefined);
}

/** One renewal of a run's lease: 'lost' when the lock is gone or names another run (throws only what the network throws). */
export async function renewRunLease(
  paths: HomePaths,
  name: string,
  runId: string,
  nowMs: number,
): Promise<'renewed' | 'lost'> {
  await touchLock(paths, name, nowMs);
  const current = await readRunLock(paths, name);
  return current?.run_id === runId ? 'renewed' : 'lost';
}

/** The usage a lock keeps, from the runner's. Pure. */
export function lockUsageOf(usage: RunnerUsage): NonNullable<RunLock['usage']> {
  return {
    llm_calls: usage.llmCalls,
    tool_calls: usage.toolCalls,
    cost_usd: usage.costUsd,
    cost_basis: usage.costBasis,
    tokens: usage.tokens,
  };
}

/** Removes the lock if it is still this run's; never someone else's. */
export async function releaseRunLock(paths: HomePaths, name: string, runId: string): Promise<void> {
  const current = await readRunLock(paths, name).catch(() => null);
  if (current?.run_id !== runId) return;
  await unlink(paths.lockFile(name)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}
