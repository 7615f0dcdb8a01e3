import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { lockFile } from '../../file-lock.js';
import { foldAlerts, type OpenAlert } from '../../alerts/index.js';
import { NightshiftError } from '../../errors.js';
import type { HomePaths } from '../../home/index.js';
import { alertEventSchema, readAll } from '../../journal/index.js';

/**
 * The daemon's watchdog, a `check` from cron and a run's afterRun may all
 * reconcile at once; each reads the open alerts and appends under this lock,
 * so one condition never opens twice. Held across delivery, which the
 * channels' timeout bounds.
 */
const RETRIES = { retries: 400, factor: 1.3, minTimeout: 20, maxTimeout: 250, randomize: true };

/** Another watchdog held the alert journal for longer than we wait. Exit 4: try again. */
export class AlertsLockError extends NightshiftError {
  constructor(file: string, cause: unknown) {
    super('ALERTS_LOCKED', `${file} stayed locked by another nightshift process (a check or a finished run delivering alerts); try again`, {
      file,
      expected: 'the lock free within about a minute',
      actual: 'held the whole time',
      fix: `if no nightshift process is running, remove ${file}`,
      cause,
    }, 4);
  }
}

export async function withAlertsLock<T>(paths: HomePaths, work: (open: Map<string, OpenAlert>) => Promise<T>): Promise<T> {
  await mkdir(paths.run, { recursive: true, mode: 0o700 });
  // not "*.lock": run/<name>.lock means a run in flight to every reader of run/
  const lockfilePath = join(paths.run, 'alerts-journal.mutex');
  let release: () => Promise<void>;
  try {
    release = await lockFile(paths.alertsJournal, { lockfilePath, realpath: false, stale: 15_000, update: 3_000, retries: RETRIES, onCompromised: () => undefined });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new AlertsLockError(lockfilePath, error);
    throw error;
  }
  try {
    const { records } = await readAll(paths.alertsJournal, alertEventSchema);
    return await work(foldAlerts(records));
  } finally {
    await release().catch(() => undefined);
  }
}
