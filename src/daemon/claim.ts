import { mkdir, readFile } from 'node:fs/promises';
import { NightshiftError } from '../shared/index.js';
import { lockFile } from '../files/index.js';
import type { HomePaths } from '../home/index.js';
import { type Heartbeat, heartbeatIsLive, readHeartbeat, writeHeartbeat } from '../fleet/index.js';

export class DaemonRunningError extends NightshiftError {
  constructor(home: string, heartbeat: Heartbeat) {
    super(
      'DAEMON_RUNNING',
      `a nightshift daemon (pid ${heartbeat.pid}, since ${heartbeat.started_at}) already schedules ${home}`,
      {
        file: `${home}/run/scheduler.json`,
        expected: 'no live daemon for this home',
        actual: `pid ${heartbeat.pid}, last beat ${heartbeat.beat_at}`,
        fix: `stop it first (kill ${heartbeat.pid}), or let it be`,
      },
    );
  }
}

/** Two daemons starting at once wait for each other this long at most (randomized backoff, 2 to 100 ms a try). */
const RETRIES = { retries: 100, factor: 1.5, minTimeout: 2, maxTimeout: 100, randomize: true };

/**
 * Makes this process the home's one scheduler: under a short lock around
 * run/scheduler.json, so two daemons started at the same moment cannot both
 * find no live heartbeat, it looks at the current one and either refuses
 * (DaemonRunningError, naming the live daemon's pid) or writes `first`, our
 * own first beat, which every later start then finds. Returns the file as it
 * was (null: there was none), for a start that fails after the claim to put
 * back: a daemon that never got going did not run.
 */
export async function claimScheduler(paths: HomePaths, first: Heartbeat, now: Date): Promise<string | null> {
  await mkdir(paths.run, { recursive: true, mode: 0o700 });
  const release = await lockFile(paths.scheduler, {
    lockfilePath: `${paths.scheduler}.lock`,
    realpath: false, // scheduler.json need not exist yet
    stale: 10_000,
    update: 2_000,
    retries: RETRIES,
    onCompromised: () => undefined,
  });
  try {
    const found = await readFile(paths.scheduler, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    const existing = await readHeartbeat(paths.scheduler);
    if (heartbeatIsLive(existing, now)) throw new DaemonRunningError(paths.root, existing);
    await writeHeartbeat(paths.scheduler, first);
    return found;
  } finally {
    await release().catch(() => undefined);
  }
}
