import { hostname } from 'node:os';
import { mkdir, readFile, unlink } from 'node:fs/promises';
import * as z from 'zod';
import type { HomePaths } from '../home/index.js';
import { processAlive, readProc, selfStartTicks } from '../runners/index.js';
import type { RunnerUsage } from '../runners/index.js';
import { bootId } from './proc.js';
import { createFileExclusively, writeFileAtomically } from '../files/index.js';
import { COST_BASES, guardedParse } from '../journal/index.js';
import { isExactRunLock } from './lock-guard.js';
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
export const runLockSchema = z.object({
  run_id: z.string().min(1),
  agent: z.string().min(1),
  /** the harness process: alive while the run is in flight (0: the lock did not parse) */
  pid: z.number().int().nonnegative(),
  /** the runner's process group, once it has spawned; `kill` ends this group */
  pgid: z.number().int().positive().nullable(),
  runner_pid: z.number().int().positive().nullable().default(null),
  /** the runner's own cgroup directory, when it has one; `kill` ends it with cgroup.kill */
  cgroup: z.string().nullable().default(null),
  started_at: z.string(),
  trigger: z.string(),
  host: z.string(),
  boot_id: z.string().nullable().default(null),
  pid_start_ticks: z.number().nullable().default(null),
  runner: z.string().default('unknown'),
  model: z.string().nullable().default(null),
  prompt_sha256: z.string().nullable().default(null),
  definition_sha256: z.string().nullable().default(null),
  input_file: z.string().nullable().default(null),
  usage: z
    .object({
      llm_calls: z.number().int().nonnegative(),
      tool_calls: z.array(z.string()),
      cost_usd: z.number().nonnegative(),
      cost_basis: z.enum(COST_BASES),
      tokens: z.object({ input: z.number(), output: z.number(), cache_read: z.number().optional(), cache_write: z.number().optional() }),
    })
    .nullable()
    .default(null),
  /**
   * The output being published, written here before it gets its name, with
   * the final usage: if the run's record then cannot be written, the CRASHED
   * record names the file (the published name shares the temp file's inode).
   */
  output: z
    .object({
      stamp: z.string().min(1),
      ino: z.string().regex(/^\d+$/),
      size_bytes: z.number().int().nonnegative(),
    })
    .nullable()
    .default(null),
});
export type RunLock = z.output<typeof runLockSchema>;

export type LockLiveness = 'alive' | 'dead' | 'other-host';

export async function readRunLock(paths: HomePaths, name: string): Promise<RunLock | null> {
  const file = paths.lockFile(name);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return parseLock(text, name);
}

/**
 * A lock that does not parse (edited by hand, a disk error) still means "a run
 * may be in flight"; it comes back with pid 0, which is never alive, so the
 * next look reaps it like any crashed run.
 */
function parseLock(text: string, name: string): RunLock {
  try {
    return guardedParse(JSON.parse(text), isExactRunLock, runLockSchema);
  } catch {
    return runLockSchema.parse({
      run_id: `unreadable-lock-${Buffer.from(text).toString('base64url').slice(0, 16) || 'empty'}`,
      agent: name,
      pid: 0,
      pgid: null,
      started_at: new Date(0).toISOString(),
      trigger: 'unknown',
      host: hostname(),
    });
  }
}

/** The identity of this harness process, as a lock records it. */
export async function selfIdentity(): Promise<Pick<RunLock, 'pid' | 'host' | 'boot_id' | 'pid_start_ticks'>> {
  return { pid: process.pid, host: hostname(), boot_id: await bootId(), pid_start_ticks: selfStartTicks() };
}

/**
 * Alive, dead, or on another host. A lock from another host (a home shared
 * over the network) cannot be checked from here, so it is never reaped here.
 */
export async function lockLiveness(lock: RunLock): Promise<LockLiveness> {
  if (lock.pid === 0) return 'dead';
  if (lock.host !== hostname()) return 'other-host';
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
    return await createFileExclusively(file, `${JSON.stringify(lock)}\n`, { mode: 0o600, durable: false });
  } catch (error) {
    if (!(error instanceof DiskWriteError)) throw error;
    throw new DiskWriteError(file, diskProblem(error.cause) ?? error.message, { kept: 'the run did not start: nothing ran, nothing was published or recorded', cause: error.cause });
  }
}

/** Replaces the lock's content (rename is atomic); only the live owner ever does this. */
export async function rewriteRunLock(paths: HomePaths, lock: RunLock): Promise<void> {
  await writeFileAtomically(paths.lockFile(lock.agent), `${JSON.stringify(lock)}\n`, { mode: 0o600, durable: false });
}

/** The usage a lock keeps, from the runner's. Pure. */
export function lockUsageOf(usage: RunnerUsage): NonNullable<RunLock['usage']> {
  return { llm_calls: usage.llmCalls, tool_calls: usage.toolCalls, cost_usd: usage.costUsd, cost_basis: usage.costBasis, tokens: usage.tokens };
}

/** Removes the lock if it is still this run's; never someone else's. */
export async function releaseRunLock(paths: HomePaths, name: string, runId: string): Promise<void> {
  const current = await readRunLock(paths, name).catch(() => null);
  if (current?.run_id !== runId) return;
  await unlink(paths.lockFile(name)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}
