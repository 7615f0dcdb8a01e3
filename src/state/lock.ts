import { mkdir, stat } from 'node:fs/promises';
import { lockFile } from '../files/index.js';
import { HomeMissingError } from '../shared/index.js';
import type { HomePaths } from '../home/index.js';
import { StateLockError } from './errors.js';

/**
 * A lock held by a process that died (SIGKILL, power loss) is taken over once
 * its mtime is this old; the holder refreshes the mtime every UPDATE_MS, so a
 * live holder never looks stale. A read-modify-write takes milliseconds.
 */
const STALE_MS = 5_000;
const UPDATE_MS = 1_000;
/**
 * Randomized exponential backoff from 2 ms up to 100 ms, about 20-40 s in all:
 * long enough for many processes in line and for a crashed holder's lock to go
 * stale. A short ceiling keeps the lock busy instead of idle while waiters sleep.
 */
const RETRIES = { retries: 200, factor: 1.5, minTimeout: 2, maxTimeout: 100, randomize: true };

/** Throws if the lock was lost (our process stalled past STALE_MS and another took it over). */
export type AssertLockHeld = () => void;

/**
 * Runs `critical` holding run/state.lock, the one lock around every
 * read-modify-write of state.json and the matching append to changes.jsonl.
 */
export async function withStateLock<T>(
  paths: HomePaths,
  critical: (assertHeld: AssertLockHeld) => Promise<T>,
): Promise<T> {
  await requireHome(paths.root);
  await mkdir(paths.run, { recursive: true, mode: 0o700 });
  let lost: Error | null = null;
  let release: () => Promise<void>;
  try {
    release = await lockFile(paths.state, {
      lockfilePath: paths.stateLock,
      realpath: false, // state.json need not exist yet
      stale: STALE_MS,
      update: UPDATE_MS,
      retries: RETRIES,
      // The default throws from a timer and kills the process; we refuse to write instead.
      onCompromised: (error) => {
        lost = error;
      },
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOCKED') {
      throw new StateLockError(`${paths.state} stayed locked by another nightshift process; try again`, {
        file: paths.stateLock,
        expected: 'the lock free within about 20 seconds',
        actual: 'held the whole time',
        fix: `if no nightshift process is running, remove ${paths.stateLock}`,
        cause: error,
      });
    }
    throw error;
  }
  const assertHeld: AssertLockHeld = () => {
    if (lost) {
      throw new StateLockError(`lost the lock on ${paths.state} before writing; nothing was written, try again`, {
        file: paths.stateLock,
        cause: lost,
      });
    }
  };
  try {
    return await critical(assertHeld);
  } finally {
    if (!lost) await release();
  }
}

async function requireHome(root: string): Promise<void> {
  try {
    if ((await stat(root)).isDirectory()) return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  throw new HomeMissingError(root);
}
