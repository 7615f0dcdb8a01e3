import * as fs from 'node:fs';
import type { LockOptions } from 'proper-lockfile';
import { createFileExclusively } from './atomic-write.js';

/**
 * proper-lockfile's `lock`, loaded on the first call: loading it installs
 * graceful-fs and signal-exit (~5 ms), which a command that takes no lock
 * (`nightshift run` of an agent, `status`) should not pay for.
 *
 * Its lock is a lease that holds on a network file system (a home shared by
 * hosts): mkdir creates it (atomic on NFS), the holder refreshes its mtime
 * every `update`, and a lock whose mtime is `stale` old is taken over; no
 * pid is ever checked. One gap is closed here: two processes that find the
 * same stale lock could both remove it, the second removing the first's new
 * lock. So a takeover first creates a breaker named after the stale lock's
 * mtime (link(2), exclusive on NFS: createFileExclusively); only its creator
 * removes the lock, and only if the lock still has that mtime; everyone else
 * is told "locked" and retries.
 */
export async function lockFile(file: string, options: LockOptions): Promise<() => Promise<void>> {
  const { default: lockfile } = await import('proper-lockfile');
  const lockPath = options.lockfilePath ?? `${file}.lock`;
  const guard = { releasing: false };
  const release = await lockfile.lock(file, {
    ...options,
    fs: { ...fs, rmdir: guardedRmdir(lockPath, options.stale ?? 10_000, guard) } as unknown as LockOptions['fs'],
  });
  return async () => {
    guard.releasing = true;
    await release();
  };
}

/** A breaker whose creator died mid-takeover (it takes milliseconds) is removed after this long. */
const BREAKER_STALE_MS = 60_000;

type Callback = (error?: NodeJS.ErrnoException | null) => void;

function guardedRmdir(lockPath: string, staleMs: number, guard: { releasing: boolean }) {
  return (path: fs.PathLike, callback: Callback): void => {
    // our own release, or something else than the lock: a plain rmdir
    if (guard.releasing || String(path) !== lockPath) return fs.rmdir(path, callback);
    takeOver(lockPath, staleMs).then(
      () => callback(null),
      (error: NodeJS.ErrnoException) => callback(error),
    );
  };
}

/** Removes a stale lock directory, once among any number of takers (test-only name: not on the door). */
export async function takeOver(lockPath: string, staleMs: number): Promise<void> {
  const locked = (): NodeJS.ErrnoException =>
    Object.assign(new Error(`${lockPath} is held or being taken over`), { code: 'ELOCKED' });
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(lockPath).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // gone already: the caller makes its own
    throw error;
  }
  if (mtimeMs >= Date.now() - staleMs) throw locked(); // renewed since it was judged stale
  const breaker = `${lockPath}.break-${Math.round(mtimeMs)}`;
  if (!(await createFileExclusively(breaker, String(process.pid), { durable: false }))) {
    removeIfOld(breaker);
    throw locked();
  }
  try {
    // ours to remove only if it is still the stale lock we broke (a new lock has a new mtime)
    if (fs.statSync(lockPath).mtimeMs !== mtimeMs) throw locked();
    fs.rmdirSync(lockPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  } finally {
    fs.rmSync(breaker, { force: true });
  }
}

function removeIfOld(breaker: string): void {
  try {
    if (fs.statSync(breaker).mtimeMs < Date.now() - BREAKER_STALE_MS) fs.rmSync(breaker, { force: true });
  } catch {
    // gone already
  }
}
