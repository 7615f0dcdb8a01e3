import type { RunStatus, TriggerKind } from '../journal/index.js';
import type { ChangeSource, StateAction } from '../state/index.js';
import { RESEARCH_LIMITS_AFTER, RESEARCH_LIMITS_BEFORE, WEEKLY_METRICS_CRON, WEEKLY_METRICS_OLD_CRON } from './agents/index.js';
import { type Clock, weekday } from './clock.js';
import { DAY_MS, HISTORY_DAYS, OPERATORS } from './constants.js';

/**
 * The ninety days the demo fleet lived through, told in local time relative
 * to "today". Everything that is not plain routine is written down here, so
 * the history, the alerts, the change log and the reviews all tell the same
 * story: a mailing-list storm that spent a budget, a stop-all during an API
 * outage, a night the scheduler was down, an agent disabled after it kept
 * failing, a research feed that quietly made one agent ten times dearer, and
 * an inbox digest that timed out this very morning.
 *
 * The story is told from the latest Monday on or before today (its day 0),
 * so day offsets that are multiples of a week land on Mondays and weekday
 * agents keep their weekdays whatever day "now" is; the days since that
 * Monday are routine. Only what must be recent is told from today itself:
 * the inbox digest's failure is always the last one before now.
 */
export interface OperatorChange {
  at: Date;
  action: StateAction;
  agent?: string;
  by: string;
  reason: string;
  until?: Date;
  source: ChangeSource;
}

/** A scripted outcome for every run of `agent` that starts in [from, to). */
export interface Forced {
  agent: string;
  from: Date;
  to: Date;
  status: RunStatus;
  /** names an episode the profile and the output know how to tell (storm, killed, ollama-down, …) */
  variant?: string;
}

/** A run that no trigger generator would produce by itself: a rerun by hand, a scripted file event. */
export interface ExtraRun {
  agent: string;
  at: Date;
  trigger: TriggerKind;
}

export interface Story {
  start: Date;
  operatorChanges: OperatorChange[];
  schedule: { at: Date; by: string; agent: string; before: string; after: string; reason: string };
  definition: { at: Date; by: string; agent: string; before: object; after: object; reason: string };
  kill: { agent: string; at: Date; by: string; reason: string };
  schedulerDown: { from: Date; to: Date; oldPid: number; newPid: number };
  forced: Forced[];
  extraRuns: ExtraRun[];
  /** from this moment on, the research feed carries the cs.LG listing and every run costs more */
  researchFeedGrowsFrom: Date;
  /**
   * The drifting agent's spend is steered to `lastMonth` dollars last month,
   * and this month to what puts it on course for `projectedRatio` × that:
   * a share of the month in proportion to how much of it has gone.
   */
  costTargets: Array<{ agent: string; lastMonth: number; projectedRatio: number }>;
  /** days from today back to the story's day 0, the latest Monday (0 on a Monday, 6 on a Sunday) */
  sinceMonday: number;
  /** release days, when release-notes-drafter is run by hand; `version` is the minor number */
  releaseDays: Array<{ at: Date; version: string }>;
}

/** The inbox digest runs at 07:00 with a 5m limit: its run of today has ended (timed out) by this time. */
const INBOX_RUN_OVER = '07:15';

export function buildStory(clock: Clock): Story {
  const sinceMonday = (weekday(clock.at(0, '12:00'), clock.timezone) + 6) % 7;
  const at = (offset: number, time: string) => clock.at(offset - sinceMonday, time);
  const lastInboxRun = clock.now >= clock.at(0, INBOX_RUN_OVER) ? 0 : -1; // from today, not from day 0
  const day = (offset: number) => ({ from: at(offset, '00:00'), to: at(offset + 1, '00:00') });
  const around = (offset: number, time: string) => {
    const t = at(offset, time).getTime();
    return { from: new Date(t - 5_000), to: new Date(t + 5_000) };
  };
  const { aycee, sam, jo } = OPERATORS;

  const forced: Forced[] = [
    // nightly-summarizer: quiet Sundays, a pasted debug dump, malformed lines, a two-line day
    { agent: 'nightly-summarizer', ...day(-78), status: 'EMPTY' },
    { agent: 'nightly-summarizer', ...day(-75), status: 'TOO_LARGE' },
    { agent: 'nightly-summarizer', ...day(-61), status: 'PARTIAL' },
    { agent: 'nightly-summarizer', ...day(-47), status: 'BAD_FORMAT' },
    { agent: 'nightly-summarizer', ...day(-36), status: 'EMPTY' },
    { agent: 'nightly-summarizer', ...day(-15), status: 'EMPTY' },
    { agent: 'nightly-summarizer', ...day(-12), status: 'PARTIAL' },
    // weekly-metrics: the export still being written at 08:00 (twice), then a missing heading
    { agent: 'weekly-metrics', ...day(-56), status: 'UNEXPECTED_INPUT' },
    { agent: 'weekly-metrics', ...day(-49), status: 'PARTIAL' },
    { agent: 'weekly-metrics', ...day(-28), status: 'BAD_FORMAT' },
    // inbox-digest: a root-owned export, a mailing-list storm, a quiet Sunday, two floods
    { agent: 'inbox-digest', ...day(-84), status: 'TOOL_FAILED' },
    ...[-63, -62, -61, -60, -59, -58].map((offset) => ({ agent: 'inbox-digest', ...day(offset), status: 'OK' as const, variant: 'storm' })),
    { agent: 'inbox-digest', ...day(-50), status: 'OK', variant: 'quiet' },
    { agent: 'inbox-digest', ...day(-35), status: 'TIMEOUT', variant: 'flood' },
    { agent: 'inbox-digest', from: clock.at(lastInboxRun, '00:00'), to: clock.at(lastInboxRun + 1, '00:00'), status: 'TIMEOUT', variant: 'flood' },
    // error-log-watcher: Ollama down after a reboot, chatty 8B endings, a loop, an unrotated log, an overlap
    { agent: 'error-log-watcher', from: at(-70, '00:00'), to: at(-70, '08:52'), status: 'RUNNER_FAILED', variant: 'ollama-down' },
    ...[-81, -54, -39, -11].map((offset) => ({ agent: 'error-log-watcher', ...around(offset, '14:21:36'), status: 'NO_END' as const })),
    { agent: 'error-log-watcher', ...around(-33, '11:02:10'), status: 'OK', variant: 'slow' },
    { agent: 'error-log-watcher', ...around(-33, '11:02:52'), status: 'SKIPPED', variant: 'overlap' },
    { agent: 'error-log-watcher', ...around(-24, '15:47:03'), status: 'OUTPUT_LIMIT' },
    { agent: 'error-log-watcher', ...around(-13, '09:14:27'), status: 'TOO_LARGE' },
    // queue-depth-responder: a line in a new format, a queue that drained before the run
    { agent: 'queue-depth-responder', ...around(-53, '14:35:00'), status: 'ERROR' },
    { agent: 'queue-depth-responder', ...around(-18, '11:20:00'), status: 'EMPTY' },
    // release-notes-drafter: saved with Edit and without writes: true, so the harness refused the run
    { agent: 'release-notes-drafter', ...around(-24, '16:41:26'), status: 'SKIPPED', variant: 'invalid' },
    // research-digest: a cut-off feed, a half-written feed, then the cost climb
    { agent: 'research-digest', ...day(-67), status: 'INCOMPLETE' },
    { agent: 'research-digest', ...day(-46), status: 'TOOL_FAILED' },
    { agent: 'research-digest', ...day(-20), status: 'COST_LIMIT' },
    { agent: 'research-digest', ...day(-9), status: 'RUNNER_FAILED', variant: 'killed' },
    // ticket-monitor: a huge export read in chunks, then the helpdesk renamed its columns
    { agent: 'ticket-monitor', ...around(-32, '17:00'), status: 'CALL_LIMIT' },
    { agent: 'ticket-monitor', ...around(-25, '13:00'), status: 'UNEXPECTED_INPUT' },
    // sales-pipeline: an expired key, a reboot mid-run, then OOM kills from its Bash stats script
    { agent: 'sales-pipeline', ...day(-35), status: 'RUNNER_FAILED', variant: 'auth' },
    { agent: 'sales-pipeline', ...day(-34), status: 'RUNNER_FAILED', variant: 'auth' },
    { agent: 'sales-pipeline', ...day(-28), status: 'CRASHED' },
    ...[-27, -26, -25, -24, -21].map((offset) => ({ agent: 'sales-pipeline', ...day(offset), status: 'RUNNER_FAILED' as const, variant: 'oom' })),
  ];

  const extraRuns: ExtraRun[] = [
    // Ollama down: two file events before jo paused the agent, one while paused
    { agent: 'error-log-watcher', at: at(-70, '08:07:31'), trigger: 'watch' },
    { agent: 'error-log-watcher', at: at(-70, '08:34:12'), trigger: 'watch' },
    { agent: 'error-log-watcher', at: at(-70, '09:41:55'), trigger: 'watch' },
    ...[-81, -54, -39, -11].map((offset) => ({ agent: 'error-log-watcher', at: at(offset, '14:21:36'), trigger: 'watch' as const })),
    { agent: 'error-log-watcher', at: at(-33, '11:02:10'), trigger: 'watch' },
    { agent: 'error-log-watcher', at: at(-33, '11:02:52'), trigger: 'watch' },
    { agent: 'error-log-watcher', at: at(-24, '15:47:03'), trigger: 'watch' },
    { agent: 'error-log-watcher', at: at(-13, '09:14:27'), trigger: 'watch' },
    // a log write during the stop-all: refused as stopped
    { agent: 'error-log-watcher', at: at(-42, '08:12:44'), trigger: 'watch' },
    { agent: 'queue-depth-responder', at: at(-53, '14:35:00.412'), trigger: 'when' },
    { agent: 'queue-depth-responder', at: at(-18, '11:20:00.388'), trigger: 'when' },
    // after the stop-all: the skipped morning runs, rerun by hand
    { agent: 'inbox-digest', at: at(-42, '09:28:40'), trigger: 'manual' },
    { agent: 'weekly-metrics', at: at(-42, '09:31:05'), trigger: 'manual' },
    { agent: 'sales-pipeline', at: at(-42, '09:33:50'), trigger: 'manual' },
    // release day: the drafter was given Edit to fix CHANGELOG.md itself; refused (invalid), reverted, run again
    { agent: 'release-notes-drafter', at: at(-24, '16:41:26'), trigger: 'manual' },
    // people trying the disabled sales-pipeline by hand
    { agent: 'sales-pipeline', at: at(-19, '11:02:18'), trigger: 'manual' },
    { agent: 'sales-pipeline', at: at(-7, '10:20:41'), trigger: 'manual' },
  ];

  const operatorChanges: OperatorChange[] = [
    {
      at: at(-70, '08:52:10'),
      action: 'pause',
      agent: 'error-log-watcher',
      by: jo,
      reason: 'Ollama is down since the host reboot; pausing instead of failing on every log write',
      source: 'console',
    },
    {
      at: at(-70, '10:41:37'),
      action: 'resume',
      agent: 'error-log-watcher',
      by: jo,
      reason: 'Ollama back (systemctl --user restart ollama, model pulled again); added it to the boot units',
      source: 'cli',
    },
    {
      at: at(-42, '06:48:02'),
      action: 'stop-all',
      by: aycee,
      reason: 'Anthropic API answering 529 overloaded since 06:30; stopping the fleet rather than burning retries',
      source: 'console',
    },
    {
      at: at(-42, '09:25:19'),
      action: 'start-all',
      by: aycee,
      reason: 'API healthy again since 09:10 (status page green); rerunning the skipped morning digests by hand',
      source: 'console',
    },
    {
      at: at(-21, '10:05:44'),
      action: 'disable',
      agent: 'sales-pipeline',
      by: sam,
      reason:
        'Failing for two weeks (RUNNER_FAILED, CRASHED): its Bash stats script gets OOM-killed, and Bash (writes: true) should never have shipped without a month of read-only runs. Off until rewritten read-only.',
      source: 'cli',
    },
    {
      at: at(-4, '10:12:26'),
      action: 'pause',
      agent: 'ticket-monitor',
      by: jo,
      reason: 'Helpdesk migrates to its new export format this week; reports would be wrong during the cut-over. Support does a manual sweep meanwhile.',
      until: at(8, '00:00'),
      source: 'cli',
    },
  ];

  return {
    start: new Date(clock.now.getTime() - (HISTORY_DAYS + sinceMonday) * DAY_MS),
    sinceMonday,
    operatorChanges,
    schedule: {
      at: at(-48, '10:14:03'),
      by: sam,
      agent: 'weekly-metrics',
      before: WEEKLY_METRICS_OLD_CRON,
      after: WEEKLY_METRICS_CRON,
      reason:
        'The warehouse export finishes around 08:20; at 08:00 the agent read it half-written twice (UNEXPECTED_INPUT, PARTIAL). 09:00 still leaves time before the 10:00 product meeting.',
    },
    definition: {
      at: at(-19, '10:30:51'),
      by: aycee,
      agent: 'research-digest',
      before: { limits: RESEARCH_LIMITS_BEFORE },
      after: { limits: RESEARCH_LIMITS_AFTER },
      reason:
        "Feed doubled since the arXiv cs.LG listing was added; yesterday's run hit the $1.50 cost limit halfway through. Raising time, calls and cost to fit the bigger feed.",
    },
    kill: {
      agent: 'research-digest',
      at: new Date(at(-9, '06:30').getTime() + 11 * 60_000 + 12_000),
      by: jo,
      reason: 'Eleven minutes in and still rereading the same part of the feed; stopping it before it spends its whole cost limit',
    },
    schedulerDown: { from: at(-27, '22:41:07'), to: at(-26, '06:20:14'), oldPid: 2231, newPid: 3187 },
    forced,
    extraRuns,
    researchFeedGrowsFrom: at(-22, '00:00'),
    // about $33 by the 23rd of a 30-day month
    costTargets: [{ agent: 'research-digest', lastMonth: 3.0, projectedRatio: 14.76 }],
    releaseDays: [
      { at: at(-80, '15:12:09'), version: '38' },
      { at: at(-66, '16:03:44'), version: '39' },
      { at: at(-52, '15:40:27'), version: '40' },
      { at: at(-38, '15:21:58'), version: '41' },
      { at: at(-24, '16:47:13'), version: '42' },
      { at: at(-10, '15:08:36'), version: '43' },
    ],
  };
}
