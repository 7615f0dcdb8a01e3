import { readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomically } from '../files/index.js';
import type { HomePaths } from '../home/index.js';
import { currentHost } from '../shared/index.js';

/**
 * run/<agent>.retry.json: the attempt a `nightshift run` process is waiting
 * to start (README "Retry policy"). Written before the backoff, removed when
 * the wait ends either way. Left behind only when that process died during
 * the wait (a reboot, SIGKILL): the daemon then starts the attempt itself
 * (`nightshift run <agent> --attempt N --first-run-id ID`), so a restart
 * loses no attempt.
 */
export interface PendingRetry {
  v: 1;
  agent: string;
  /** the 1-based number of the attempt to start */
  attempt: number;
  first_run_id: string;
  /** when it is due, ISO */
  due_at: string;
  trigger: string;
  /** the process that waits for it, and where; null when none does (a CRASHED run's retry, written by reap.ts) */
  pid: number | null;
  host: string;
}

const SUFFIX = '.retry.json';

export function pendingRetryFile(paths: HomePaths, agent: string): string {
  return join(dirname(paths.lockFile(agent)), `${agent}${SUFFIX}`);
}

export async function writePendingRetry(
  paths: HomePaths,
  pending: Omit<PendingRetry, 'v' | 'pid' | 'host'>,
  options: { waiting: boolean } = { waiting: true },
): Promise<void> {
  const body: PendingRetry = { v: 1, ...pending, pid: options.waiting ? process.pid : null, host: currentHost() };
  await writeFileAtomically(pendingRetryFile(paths, pending.agent), `${JSON.stringify(body)}\n`);
}

/** Removes the agent's pending retry, only if it is the one of this run (an older file of another run stays). */
export async function removePendingRetry(paths: HomePaths, agent: string, firstRunId: string): Promise<void> {
  const file = pendingRetryFile(paths, agent);
  const current = await readPending(file);
  if (current === null || current.first_run_id === firstRunId) await rm(file, { force: true });
}

/** Every pending retry in run/; a file that does not read as one is passed over (and left for a person). */
export async function readPendingRetries(paths: HomePaths): Promise<PendingRetry[]> {
  const dir = dirname(paths.lockFile('x'));
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const found = await Promise.all(
    names.filter((name) => name.endsWith(SUFFIX)).map((name) => readPending(join(dir, name))),
  );
  return found.filter((pending): pending is PendingRetry => pending !== null);
}

/**
 * Whether the process that wrote the file still waits for the attempt: on
 * this host, a live pid. On another host it cannot be told: that host's
 * scheduler owns it.
 */
export function pendingWaiterAlive(pending: PendingRetry): boolean {
  if (pending.pid === null) return false;
  if (pending.host !== currentHost()) return true;
  try {
    process.kill(pending.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readPending(file: string): Promise<PendingRetry | null> {
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as Partial<PendingRetry>;
    const ok =
      value.v === 1 &&
      typeof value.agent === 'string' &&
      Number.isInteger(value.attempt) &&
      typeof value.first_run_id === 'string' &&
      typeof value.due_at === 'string' &&
      Number.isFinite(Date.parse(value.due_at)) &&
      typeof value.trigger === 'string' &&
      (value.pid === null || Number.isInteger(value.pid)) &&
      typeof value.host === 'string';
    return ok ? (value as PendingRetry) : null;
  } catch {
    return null;
  }
}
