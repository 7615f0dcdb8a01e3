import type { AgentDefinition } from '../agents/index.js';
import type { RunRecord } from '../journal/index.js';
import type { CronDaemon, DaemonProcess } from '../shared/index.js';

/**
 * Everything the alert rules look at, gathered once per check (from the fleet
 * snapshot, the run trail, reviews and the crontab) so the rules stay pure:
 * the same facts always give the same conditions.
 */
export interface AgentFacts {
  name: string;
  definition: AgentDefinition;
  /** effective operator state; a pause whose end has passed counts as enabled */
  mode: 'enabled' | 'paused' | 'disabled' | 'retired';
  /** when the operator state last changed (a resume, an enable), if recorded */
  stateSince: Date | null;
  /** the run in flight, from its lock */
  running: { started_at: string } | null;
  /** the last runs by end time, newest first (at most 30) */
  recentRuns: RunRecord[];
  /** consecutive non-OK runs at the end of the history; SKIPPED is neutral */
  failureStreak: number;
  /** output sizes of the last OK runs (at most 10), oldest first; the last run's own size included if it was OK */
  okSizes: number[];
  /** start of the local day of the agent's first recorded run */
  firstRunAt: Date | null;
  /** the definition file's mtime: missed runs are not looked for before the agent existed */
  definedAt: Date | null;
  monthToDate: number;
  lastMonth: number;
  /** runs that could cost (SKIPPED left out), this month and last: the cost anomaly's cost per run */
  billableRuns: { month: number; lastMonth: number };
  lastReviewAt: Date | null;
}

export interface SchedulerFacts {
  /** last heartbeat, null when run/scheduler.json is missing or unreadable */
  beatAt: Date | null;
  /** set when the daemon stopped cleanly */
  stoppedAt: Date | null;
  pid: number | null;
  /** what this host's process table says of that pid: 'gone' is down at once, whatever the beat's age; absent: nobody looked */
  process?: DaemonProcess;
}

export interface WatchdogFacts {
  now: Date;
  /** the home's zone: budget months and the cost anomaly are counted in it */
  timezone: string;
  /** "YYYY-MM" of now in that zone */
  month: string;
  global: { stopped: boolean; since: Date | null };
  scheduler: SchedulerFacts;
  /** a nightshift block for this home is installed in the user's crontab */
  plainCron: boolean;
  /** with that block: whether a cron daemon runs to fire it ('unknown' without /proc; absent: not looked) */
  cronDaemon?: CronDaemon;
  /**
   * Something outside the home starts the cron runs: `kubernetes` when check runs in the watchdog pod of
   * `nightshift export k8s` (NIGHTSHIFT_SCHEDULER=kubernetes). No heartbeat to read then: a run it failed to
   * start is the missed-run rule's to say.
   */
  externalScheduler?: 'kubernetes';
  lookbackMs: number;
  /**
   * why nightshift.yaml is not valid, when it is not: the watchdog goes on with its last valid settings, but every
   * run reads the file and refuses (absent: valid)
   */
  configProblem?: string;
  /** valid agents only: an invalid file is reported by validate/status, not alerted here */
  agents: AgentFacts[];
}
