import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { lockFile } from '../../files/index.js';
import { NightshiftError } from '../../shared/index.js';
import type { HomePaths } from '../../home/index.js';

/** One prune at a time per home: two would archive the same files twice and race on the journal rewrite. */
export class PruneBusyError extends NightshiftError {
  constructor(lock: string, cause: unknown) {
    super('PRUNE_BUSY', `another prune holds ${lock}; try again when it has finished`, {
      file: lock,
      expected: 'no other prune running',
      actual: 'the lock is held',
      fix: `if no nightshift prune is running, remove ${lock}`,
      cause,
    });
  }
}

export async function withPruneLock<T>(paths: HomePaths, work: () => Promise<T>): Promise<T> {
  await mkdir(paths.run, { recursive: true, mode: 0o700 });
  const lock = join(paths.run, 'prune.lock');
  let release: () => Promise<void>;
  try {
    release = await lockFile(paths.run, {
      lockfilePath: lock,
      realpath: false,
      stale: 30_000,
      update: 5_000,
      retries: 0,
      onCompromised: () => undefined,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new PruneBusyError(lock, error);
    throw error;
  }
  try {
    return await work();
  } finally {
    await release().catch(() => undefined);
  }
}
