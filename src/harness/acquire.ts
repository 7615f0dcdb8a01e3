import type { HomePaths } from '../home/index.js';
import { createRunLock, lockLiveness, readRunLock, type RunLock } from './lock.js';
import type { HarnessPorts } from './ports.js';
import { reapStaleLock } from './reap.js';

/**
 * Takes run/<name>.lock for a new run. A holder that is alive (or on another
 * host) means overlap; a dead one is reaped as CRASHED first — by us or by a
 * concurrent looker — and the lock tried again.
 */
export type LockAttempt = { taken: true } | { taken: false; holder: RunLock };

const ATTEMPTS = 5;

export async function takeRunLock(
  paths: HomePaths,
  lock: RunLock,
  options: { graceMs: number; ports: Pick<HarnessPorts, 'appendRunRecord' | 'terminateRun'> },
): Promise<LockAttempt> {
  let holder: RunLock | null = null;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (await createRunLock(paths, lock)) return { taken: true };
    holder = await readRunLock(paths, lock.agent);
    if (!holder) continue; // released between our try and our read
    if ((await lockLiveness(holder)) !== 'dead') return { taken: false, holder };
    await reapStaleLock(paths, lock.agent, { by: 'the next run', graceMs: options.graceMs, ports: options.ports });
    // Someone else may be reaping it right now: give them a moment before the next try.
    await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1)));
  }
  return { taken: false, holder: holder ?? lock };
}
