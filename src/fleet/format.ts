import { formatWall } from '../alerts/index.js';
import { type CronMode, schedulerOf } from '../shared/index.js';
import type { FleetAgent, SchedulerHealth } from './types.js';

/**
 * Short forms for people, shared by the CLI tables and the console so a time
 * or an amount reads the same everywhere.
 */
export function relativeTime(iso: string | null | undefined, now: Date): string {
  if (!iso) return '—';
  const diff = Date.parse(iso) - now.getTime();
  const past = diff < 0;
  const text = shortSpan(Math.abs(diff));
  if (text === 'now') return 'now';
  return past ? `${text} ago` : `in ${text}`;
}

/** 42s, 5m, 3h, 2d, 6w — the coarsest unit that keeps a number ≥ 1. */
export function shortSpan(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 5) return 'now';
  if (s < 60) return `${s}s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h}h`;
  const d = Math.round(h / 24);
  if (d < 14) return `${d}d`;
  return `${Math.round(d / 7)}w`;
}

/** Run durations: 850ms, 42s, 4m12s, 1h03m. */
export function runDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** Money as tables show it: the one money module's. */
export { usd } from '../shared/index.js';

/** ▕███░░░░░▏ style bar of a fraction, `width` cells; over 1 is shown full. */
export function bar(fraction: number | null, width: number): string {
  if (fraction === null) return ' '.repeat(width);
  const filled = Math.max(0, Math.min(width, Math.round(fraction * width)));
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

/**
 * The scheduler's state in words, one wording for `status` and the console
 * header: a clean stop says when, in the home's zone, so "stopped" is not
 * mistaken for "crashed 3 minutes ago".
 */
/**
 * The NEXT cell of status and the console: when the agent runs next ("due"
 * once that time has come), "on event" for a trigger that fires on one,
 * "manual", or "—" for an agent that will not run (invalid, paused,
 * disabled, stopped, retired).
 */
export function nextLabel(agent: FleetAgent, nowMs: number): string {
  if (agent.nextDue) return Date.parse(agent.nextDue) <= nowMs ? 'due' : relativeTime(agent.nextDue, new Date(nowMs));
  if (
    !agent.valid ||
    agent.display === 'paused' ||
    agent.display === 'disabled' ||
    agent.display === 'stopped' ||
    agent.display === 'retired'
  )
    return '—';
  if (agent.triggerKind === 'watch' || agent.triggerKind === 'when' || agent.triggerKind === 'webhook')
    return 'on event';
  if (agent.triggerKind === 'manual') return 'manual';
  return '—';
}

export function describeScheduler(
  scheduler: SchedulerHealth,
  now: Date,
  timezone: string,
): { text: string; severity: 'ok' | 'warning' | 'error' } {
  // a daemon that beats schedules, whatever else is there; then Kubernetes while its watchdog beats, then cron
  const kubernetes = scheduler.state === 'up' ? undefined : scheduler.kubernetes;
  if (kubernetes?.state === 'up') return describeKubernetes(kubernetes, now);
  if (scheduler.cron) return describeWithCron(scheduler, scheduler.cron, now, timezone);
  if (kubernetes) return describeKubernetes(kubernetes, now);
  return describeDaemon(scheduler, now, timezone);
}

/**
 * Cron mode, by the one rule (schedulerOf): the crontab block is the
 * scheduler while a cron daemon runs (or none can be looked for), with the
 * last run cron started as its sign of life; a block nothing fires is down;
 * a block beside a beating daemon starts every due run twice.
 */
function describeWithCron(
  scheduler: SchedulerHealth,
  cron: CronMode,
  now: Date,
  timezone: string,
): { text: string; severity: 'ok' | 'warning' | 'error' } {
  const last = cron.last_cron_run_at ? `, last cron run ${relativeTime(cron.last_cron_run_at, now)}` : '';
  switch (schedulerOf(scheduler.state, cron)) {
    case 'both':
      return { text: 'scheduler up and the crontab block too: cron agents start twice', severity: 'warning' };
    case 'daemon':
      // the block is there, but nothing fires it: the daemon alone schedules
      return describeDaemon(scheduler, now, timezone);
    case 'cron':
      if (cron.daemon === 'running') return { text: `cron scheduler up${last}`, severity: 'ok' };
      return { text: `cron scheduler (crontab block; cron daemon not visible here${last})`, severity: 'ok' };
    case 'none':
      return { text: `cron scheduler DOWN: crontab block installed, no cron daemon running${last}`, severity: 'error' };
  }
}

/** Kubernetes' CronJobs start the runs; the watchdog CronJob's minute beat is the sign they are applied and running. */
function describeKubernetes(
  kubernetes: NonNullable<SchedulerHealth['kubernetes']>,
  now: Date,
): { text: string; severity: 'ok' | 'warning' | 'error' } {
  if (kubernetes.state === 'up')
    return { text: `Kubernetes schedules (watchdog checked ${relativeTime(kubernetes.beat_at, now)})`, severity: 'ok' };
  return {
    text: `Kubernetes watchdog SILENT since ${relativeTime(kubernetes.beat_at, now)} (are the CronJobs applied?)`,
    severity: 'error',
  };
}

function describeDaemon(
  scheduler: SchedulerHealth,
  now: Date,
  timezone: string,
): { text: string; severity: 'ok' | 'warning' | 'error' } {
  switch (scheduler.state) {
    case 'up':
      return { text: 'scheduler up', severity: 'ok' };
    case 'down':
      return { text: `scheduler DOWN since ${relativeTime(scheduler.beat_at, now)}`, severity: 'error' };
    case 'stopped': {
      const at = scheduler.stopped_at ?? scheduler.beat_at;
      return {
        text: `scheduler stopped at ${at ? formatWall(Date.parse(at), timezone) : '?'} (${relativeTime(at, now)})`,
        severity: 'error',
      };
    }
    case 'never':
      return { text: 'scheduler not running (no heartbeat)', severity: 'warning' };
  }
}
