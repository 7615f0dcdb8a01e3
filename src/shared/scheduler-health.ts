/**
 * "Is the scheduler up?", answered once for status, the console, `check`'s
 * scheduler-down alert, doctor and a daemon deciding whether another one
 * already schedules the home. Pure: the heartbeat (run/scheduler.json, read
 * by the schedule room) and what the process table says about its pid in.
 */

/** How often the daemon beats. */
export const HEARTBEAT_EVERY_MS = 30_000;
/** Six missed beats: this much silence means the daemon is gone. */
export const HEARTBEAT_STALE_MS = 6 * HEARTBEAT_EVERY_MS;

/**
 * Whether the daemon that wrote a beat still runs, from this host's process
 * table: 'gone' (its pid is gone, a zombie, or reused by another process),
 * 'alive', or 'unknown' (the beat is from another host, or nobody looked):
 * then only the beat's age can tell.
 */
export type DaemonProcess = 'alive' | 'gone' | 'unknown';

/**
 * up: beating. down: its process is gone from this host's process table, or
 * the beat went stale (killed, crashed, host asleep). stopped: a clean stop
 * (down at once, though its last beat is fresh). never: no heartbeat file.
 */
export type SchedulerState = 'up' | 'down' | 'stopped' | 'never';

export interface Beat {
  beat_at: string;
  stopped_at?: string | null;
}

export function schedulerState(beat: Beat | null, now: Date, process: DaemonProcess = 'unknown'): SchedulerState {
  if (!beat) return 'never';
  // a clean stop's last beat is fresh, and nobody will beat again: judged by age it would read "up" for 3 more minutes
  if (beat.stopped_at) return 'stopped';
  // a daemon killed outright (SIGKILL, OOM) leaves a fresh beat: down as soon as its process is gone, not minutes later
  if (process === 'gone') return 'down';
  return now.getTime() - Date.parse(beat.beat_at) <= HEARTBEAT_STALE_MS ? 'up' : 'down';
}

/**
 * Cron mode (`nightshift cron install`): the user's crontab holds this
 * home's block, and the system's cron fires it. Whether a cron daemon runs
 * is read from the process table: 'running', 'absent' (nothing fires the
 * block), or 'unknown' (no process table to read: macOS, another host).
 */
export type CronDaemon = 'running' | 'absent' | 'unknown';

export interface CronMode {
  daemon: CronDaemon;
  /** the latest run a cron trigger started, the sign that cron fires */
  last_cron_run_at: string | null;
}

/**
 * Who schedules the home, by the one rule: the daemon when it is up; cron
 * when its block is installed and a cron daemon is not known to be absent;
 * both (every due time starts twice); or nobody.
 */
export type Scheduler = 'daemon' | 'cron' | 'both' | 'none';

export function schedulerOf(daemon: SchedulerState, cron: CronMode | null): Scheduler {
  const cronUp = cron !== null && cron.daemon !== 'absent';
  if (daemon === 'up') return cronUp ? 'both' : 'daemon';
  return cronUp ? 'cron' : 'none';
}
