import { condition, type Condition } from '../conditions.js';
import type { WatchdogFacts } from '../facts.js';
import { activeAgents } from './tracking.js';
import { formatWall, HEARTBEAT_STALE_MS, schedulerState } from '../../shared/index.js';

/**
 * Scheduler down: enabled cron agents and nobody to start them. Nobody means
 * the scheduler is not up by the one rule status and the console read too
 * (src/shared/scheduler-health.ts: stopped cleanly, its process gone from
 * this host, or its beat older than HEARTBEAT_STALE_MS), or no heartbeat
 * ever while the oldest such agent has existed for as long.
 * A nightshift block in the crontab is a scheduler too, when a cron daemon
 * runs to fire it (or none can be looked for): then no alert. A block with no
 * cron daemon is down like a stopped daemon, unless the daemon is up. Under
 * the global stop nothing is to be started, so nothing is down. Nor when
 * Kubernetes schedules the home (facts.externalScheduler).
 */
export function schedulerDown(facts: WatchdogFacts): Condition[] {
  if (facts.global.stopped) return [];
  // Kubernetes' CronJobs start the runs (export k8s): nothing here beats for them; missed runs still alert
  if (facts.externalScheduler !== undefined) return [];
  const cronFires = facts.plainCron && facts.cronDaemon !== 'absent';
  if (cronFires) return [];
  const cronAgents = activeAgents(facts).filter((agent) => agent.definition.trigger?.kind === 'cron');
  if (cronAgents.length === 0) return [];
  const now = facts.now.getTime();
  const { beatAt, stoppedAt, pid } = facts.scheduler;
  const agents = cronAgents.map((agent) => agent.name);
  const daemonUp =
    beatAt !== null &&
    schedulerState(
      { beat_at: beatAt.toISOString(), stopped_at: stoppedAt?.toISOString() ?? null },
      facts.now,
      facts.scheduler.process,
    ) === 'up';
  if (daemonUp) return [];
  if (facts.plainCron) {
    // cron mode, and no cron daemon in the process table: the block is there, nothing reads it
    return [
      condition(
        'scheduler_down',
        'scheduler_down',
        null,
        `the scheduler is down: this home's crontab block is installed but no cron daemon runs to fire it ` +
          `(start cron, or run nightshift daemon), and ${agents.length} cron agent(s) depend on it`,
        { cron_daemon: 'absent', agents },
      ),
    ];
  }
  if (beatAt) {
    const age = now - beatAt.getTime();
    const gone =
      facts.scheduler.process === 'gone' && !stoppedAt && age <= HEARTBEAT_STALE_MS ? ', its process is gone' : '';
    const how = stoppedAt
      ? `was stopped at ${formatWall(stoppedAt, facts.timezone)}`
      : `last beat at ${formatWall(beatAt, facts.timezone)} (pid ${pid ?? '?'}${gone})`;
    return [
      condition(
        'scheduler_down',
        'scheduler_down',
        null,
        `the scheduler is down: nightshift daemon ${how}, and ${agents.length} cron agent(s) depend on it`,
        {
          beat_at: beatAt.toISOString(),
          stopped_at: stoppedAt?.toISOString() ?? null,
          age_ms: age,
          agents,
        },
      ),
    ];
  }
  const known = cronAgents
    .map((agent) => agent.definedAt?.getTime() ?? agent.firstRunAt?.getTime())
    .filter((t): t is number => t !== undefined);
  const oldest = known.length > 0 ? Math.min(...known) : now;
  if (now - oldest <= HEARTBEAT_STALE_MS) return [];
  return [
    condition(
      'scheduler_down',
      'scheduler_down',
      null,
      `no scheduler runs this home: ${agents.length} cron agent(s) are never started; ` +
        'run `nightshift daemon` (or `nightshift daemon install`) or `nightshift cron install`',
      { beat_at: null, stopped_at: null, agents },
    ),
  ];
}
