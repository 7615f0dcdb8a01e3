import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { lockFile } from '../files/index.js';
import { foldAlerts, type OpenAlert } from '../alerts/index.js';
import { NightshiftError } from '../shared/index.js';
import type { HomePaths } from '../home/index.js';
import { alertEventSchema, readMerged } from '../journal/index.js';

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
    super(
      'ALERTS_LOCKED',
      `${file} stayed locked by another nightshift process (a check or a finished run delivering alerts); try again`,
      {
        file,
        expected: 'the lock free within about a minute',
        actual: 'held the whole time',
        fix: `if no nightshift process is running, remove ${file}`,
        cause,
      },
      4,
    );
  }
}

/**
 * withAlertsLock for a reconcile that often has nothing to do (a run that
 * ended as the one before it did): the open alerts are first read without
 * the lock, and only if `changes` finds something to append are they read
 * again under it and `work` run. A look without the lock can only be stale by
 * a reconcile racing this one, which the lock would merely have put in
 * another order; the next run or check settles it either way. Returns
 * undefined when nothing needed the lock.
 */
export async function withAlertsLockIfChanged<T>(
  paths: HomePaths,
  changes: (open: Map<string, OpenAlert>) => boolean,
  work: (open: Map<string, OpenAlert>) => Promise<T>,
): Promise<T | undefined> {
  if (!changes(await readOpenAlerts(paths))) return undefined;
  return withAlertsLock(paths, work);
}

async function readOpenAlerts(paths: HomePaths): Promise<Map<string, OpenAlert>> {
  return foldAlerts((await readMerged(paths.logs, 'alerts', alertEventSchema)).records);
}

export async function withAlertsLock<T>(
  paths: HomePaths,
  work: (open: Map<string, OpenAlert>) => Promise<T>,
): Promise<T> {
  await mkdir(paths.run, { recursive: true, mode: 0o700 });
  // not "*.lock": run/<name>.lock means a run in flight to every reader of run/
  const lockfilePath = join(paths.run, 'alerts-journal.mutex');
  let release: () => Promise<void>;
  try {
    release = await lockFile(paths.alertsJournal, {
      lockfilePath,
      realpath: false,
      stale: 15_000,
      update: 3_000,
      retries: RETRIES,
      onCompromised: () => undefined,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new AlertsLockError(lockfilePath, error);
    throw error;
  }
  try {
    return await work(await readOpenAlerts(paths));
  } finally {
    await release().catch(() => undefined);
  }
}
