import { type AgentDefinition, dueTimesBetween } from '../agents/index.js';
import { costAnomalyCondition, judgeCosts, monthElapsed } from '../alerts/index.js';
import { type AlertEvent, type AlertRule, alertEventSchema, type ChangeRecord, emptyMonth, median, type MonthTotals, OK_SIZES, type ReviewRecord } from '../journal/index.js';
import { monthKey, monthRange, previousMonth } from '../time/index.js';
import type { Clock } from './clock.js';
import { localDateTime } from './clock.js';
import { ALERT_CHANNELS, DAY_MS, DEMO_HOST, MINUTE_MS, REALERT_MS } from './constants.js';
import type { DemoFleet } from './fleet.js';
import type { BudgetEvent, SimRun } from './history.js';
import type { Story } from './story.js';
import { isNeutral, usdCents } from '../shared/index.js';

/**
 * logs/alerts.jsonl, derived from the history by the rules of DESIGN §5 as
 * the watchdog would have applied them after each run: an episode opens once
 * under a stable key, is sent again every `realert` while it stays open, and
 * is resolved once. Normal runs raise nothing. What is still open at "now"
 * is what the console shows on Monday morning.
 */
interface Episode {
  key: string;
  rule: AlertRule;
  agent: string | null;
  severity: AlertEvent['severity'];
  openAt: Date;
  message: string;
  details: Record<string, unknown>;
  resolveAt: Date | null;
  resolveMessage: string;
}

const CRITICAL = new Set(['TIMEOUT', 'CALL_LIMIT', 'COST_LIMIT', 'OUTPUT_LIMIT', 'RUNNER_FAILED', 'CRASHED']);
/** after a run, the watchdog looks within a second or two */
const AFTER_RUN_MS = 1_200;

export function deriveAlerts(input: {
  fleet: DemoFleet;
  story: Story;
  clock: Clock;
  runs: SimRun[];
  budgetEvents: BudgetEvent[];
  reviews: ReviewRecord[];
  changes: ChangeRecord[];
}): AlertEvent[] {
  const { fleet, clock } = input;
  const episodes: Episode[] = [];
  for (const agent of fleet.agents) {
    const runs = input.runs.filter((run) => run.record.agent === agent.name);
    episodes.push(...nonOk(agent, runs), ...runCost(agent, runs), ...outputDrop(agent, runs), ...costAnomaly(agent, runs, input.story, clock));
  }
  episodes.push(...budget(input.budgetEvents, clock), ...missed(input), ...reviewOverdue(input.reviews, fleet, clock));
  closeOnDisable(episodes, input.changes);
  return expand(episodes, clock.now);
}

function after(iso: string, ms = AFTER_RUN_MS): Date {
  return new Date(Date.parse(iso) + ms);
}

function nonOk(agent: AgentDefinition, runs: SimRun[]): Episode[] {
  const out: Episode[] = [];
  let open: Episode | null = null;
  let streak = 0;
  for (const { record } of runs) {
    if (record.status === 'SKIPPED') continue; // refused runs say nothing about the agent's health
    if (record.status === 'OK') {
      if (open) {
        open.resolveAt = after(record.ended_at);
        open.resolveMessage = `${agent.name} is OK again (run ${record.run_id.slice(0, 8)}) after ${streak} non-OK run${streak === 1 ? '' : 's'}`;
        open = null;
      }
      streak = 0;
      continue;
    }
    streak += 1;
    if (!open && streak >= agent.alerts.failures_before_alert) {
      open = {
        key: `non_ok:${agent.name}`,
        rule: 'non_ok',
        agent: agent.name,
        severity: CRITICAL.has(record.status) ? 'critical' : 'warning',
        openAt: after(record.ended_at),
        message: `${agent.name}: ${record.status} — ${record.reason ?? 'no reason recorded'}`,
        details: { run_id: record.run_id, status: record.status, streak, output_file: record.output_file },
        resolveAt: null,
        resolveMessage: '',
      };
      out.push(open);
    }
  }
  return out;
}

function runCost(agent: AgentDefinition, runs: SimRun[]): Episode[] {
  const threshold = agent.alerts.cost_over_usd;
  if (threshold === undefined) return [];
  const out: Episode[] = [];
  let open: Episode | null = null;
  for (const { record } of runs) {
    if (record.status === 'SKIPPED') continue;
    if (record.cost_usd > threshold && !open) {
      open = {
        key: `run_cost:${agent.name}`,
        rule: 'run_cost',
        agent: agent.name,
        severity: 'warning',
        openAt: after(record.ended_at),
        message: `${agent.name}: one run cost ${usdCents(record.cost_usd)}, over the alert threshold of ${usdCents(threshold)}`,
        details: { run_id: record.run_id, cost_usd: record.cost_usd, threshold_usd: threshold },
        resolveAt: null,
        resolveMessage: '',
      };
      out.push(open);
    } else if (record.cost_usd <= threshold && open) {
      open.resolveAt = after(record.ended_at);
      open.resolveMessage = `${agent.name}: run cost back under ${usdCents(threshold)} (${usdCents(record.cost_usd)})`;
      open = null;
    }
  }
  return out;
}

function outputDrop(agent: AgentDefinition, runs: SimRun[]): Episode[] {
  const out: Episode[] = [];
  const sizes: number[] = [];
  let open: Episode | null = null;
  for (const { record } of runs) {
    if (record.status !== 'OK') continue;
    const size = record.output_size_bytes;
    const typical = sizes.length >= 5 ? (median(sizes.slice(-OK_SIZES)) ?? 0) : 0;
    const dropped = typical > 0 && size < agent.alerts.output_drop * typical;
    if (dropped && !open) {
      open = {
        key: `output_drop:${agent.name}`,
        rule: 'output_drop',
        agent: agent.name,
        severity: 'warning',
        openAt: after(record.ended_at),
        message: `${agent.name}: output of ${size} bytes is below ${agent.alerts.output_drop} × the median ${Math.round(typical)} bytes of its last OK runs`,
        details: { run_id: record.run_id, output_file: record.output_file, size, median: typical },
        resolveAt: null,
        resolveMessage: '',
      };
      out.push(open);
    } else if (!dropped && open) {
      open.resolveAt = after(record.ended_at);
      open.resolveMessage = `${agent.name}: output size back to normal (${size} bytes)`;
      open = null;
    }
    sizes.push(size);
  }
  return out;
}

/**
 * The cost anomaly, judged after each run by the watchdog's own rule (a month
 * on course for 3× the last, or a run costing twice what it did), once the
 * history covers the month before.
 */
function costAnomaly(agent: AgentDefinition, runs: SimRun[], story: Story, clock: Clock): Episode[] {
  const out: Episode[] = [];
  const byMonth = new Map<string, MonthTotals>();
  let open: Episode | null = null;
  for (const { record } of runs) {
    const ended = new Date(record.ended_at);
    const month = monthKey(ended, clock.timezone);
    if (open && open.details.month !== month) {
      open.resolveAt = new Date(monthRange(month, clock.timezone).start.getTime() + MINUTE_MS);
      open.resolveMessage = `${agent.name}: a new month; the cost trend starts over`;
      open = null;
    }
    let current = byMonth.get(month);
    if (current === undefined) byMonth.set(month, (current = emptyMonth()));
    current.costUsd += record.cost_usd;
    current.runs++;
    if (!isNeutral(record.status)) current.billableRuns++;
    const last = previousMonth(month);
    if (open || monthRange(last, clock.timezone).start < story.start) continue;
    const judgement = judgeCosts({ month, lastMonth: last, elapsed: monthElapsed(month, ended, clock.timezone), current, last: byMonth.get(last) ?? emptyMonth() });
    if (judgement.anomalies.length === 0) continue;
    const alert = costAnomalyCondition(agent.name, month, judgement);
    open = {
      key: `cost_anomaly:${agent.name}`,
      rule: alert.rule,
      agent: agent.name,
      severity: alert.severity,
      openAt: after(record.ended_at, 2_000),
      message: alert.message,
      details: alert.details ?? {},
      resolveAt: null,
      resolveMessage: '',
    };
    out.push(open);
  }
  return out;
}

function budget(events: BudgetEvent[], clock: Clock): Episode[] {
  return events.map((event) => {
    const warn = event.kind === 'warn';
    return {
      key: `${warn ? 'budget_warn' : 'budget_reached'}:${event.agent}`,
      rule: warn ? 'budget_warn' : 'budget_reached',
      agent: event.agent,
      severity: warn ? 'warning' : 'critical',
      openAt: new Date(event.at.getTime() + AFTER_RUN_MS),
      message: warn
        ? `${event.agent}: ${usdCents(event.spent)} spent in ${event.month}, ${Math.round((event.spent / event.budget) * 100)}% of its $${event.budget} monthly budget (warning at ${Math.round(event.warnAt * 100)}%)`
        : `${event.agent}: ${usdCents(event.spent)} spent in ${event.month} reached its $${event.budget} monthly budget; paused until ${localDateTime(event.resetAt, clock.timezone)}`,
      details: { month: event.month, spent_usd: event.spent, budget_usd: event.budget },
      resolveAt: new Date(event.resetAt.getTime() + 30_000),
      resolveMessage: `${event.agent}: ${event.month} is over; the budget starts again`,
    } satisfies Episode;
  });
}

/** The night the scheduler was down: the heartbeat went stale, and every due run in the window was missed. */
function missed(input: { fleet: DemoFleet; story: Story; clock: Clock; runs: SimRun[] }): Episode[] {
  const { from, to, oldPid, newPid } = input.story.schedulerDown;
  const out: Episode[] = [
    {
      key: 'scheduler_down',
      rule: 'scheduler_down',
      agent: null,
      severity: 'critical',
      openAt: new Date(from.getTime() + 3 * MINUTE_MS + 4_000),
      message: `the scheduler's heartbeat stopped at ${localDateTime(from, input.clock.timezone)} (pid ${oldPid} on ${DEMO_HOST}); nothing scheduled will run until it is back`,
      details: { pid: oldPid, last_beat_at: from.toISOString() },
      resolveAt: new Date(to.getTime() + 5_000),
      resolveMessage: `the scheduler is back (pid ${newPid} on ${DEMO_HOST})`,
    },
  ];
  for (const agent of input.fleet.agents) {
    const trigger = agent.trigger;
    if (trigger?.kind !== 'cron') continue;
    for (const due of dueTimesBetween(trigger.expression, trigger.timezone, new Date(from.getTime() - 1), to)) {
      if (due.getTime() + trigger.grace >= to.getTime()) continue;
      const next = input.runs.find((run) => run.record.agent === agent.name && run.record.status === 'OK' && Date.parse(run.record.started_at) > due.getTime());
      out.push({
        key: `missed:${agent.name}:${due.toISOString()}`,
        rule: 'missed',
        agent: agent.name,
        severity: 'critical',
        // `nightshift check` runs from cron every five minutes, even while the daemon is down.
        openAt: new Date(Math.ceil((due.getTime() + trigger.grace) / (5 * MINUTE_MS)) * 5 * MINUTE_MS + 2_000),
        message: `${agent.name}: no run started for ${localDateTime(due, trigger.timezone)} (due + ${trigger.grace / MINUTE_MS}m grace has passed; the scheduler is down)`,
        details: { due_at: due.toISOString(), grace_ms: trigger.grace },
        resolveAt: next ? after(next.record.ended_at) : null,
        resolveMessage: next ? `${agent.name} ran OK again at ${localDateTime(new Date(next.record.started_at), trigger.timezone)}; the missed run is not caught up (past its deadline)` : '',
      });
    }
  }
  return out;
}

function reviewOverdue(reviews: ReviewRecord[], fleet: DemoFleet, clock: Clock): Episode[] {
  const out: Episode[] = [];
  for (const agent of fleet.agents) {
    const days = CADENCE_DAYS[agent.review];
    if (days === undefined) continue;
    const marks = reviews.filter((r) => r.agent === agent.name).sort((a, b) => a.at.localeCompare(b.at));
    marks.forEach((mark, i) => {
      const dueBy = Date.parse(mark.at) + (days + 2) * DAY_MS;
      const next = marks[i + 1];
      const nextAt = next ? Date.parse(next.at) : clock.now.getTime();
      if (nextAt <= dueBy) return;
      out.push({
        key: `review_overdue:${agent.name}`,
        rule: 'review_overdue',
        agent: agent.name,
        severity: 'info',
        openAt: new Date(dueBy + MINUTE_MS),
        message: `${agent.name}: last reviewed ${localDateTime(new Date(mark.at), clock.timezone)} by ${mark.by}; its ${agent.review} review is overdue`,
        details: { last_review_at: mark.at, cadence: agent.review },
        resolveAt: next ? new Date(next.at) : null,
        resolveMessage: next ? `${agent.name}: reviewed by ${next.by}` : '',
      });
    });
  }
  return out;
}

const CADENCE_DAYS: Partial<Record<string, number>> = { daily: 1, weekly: 7, monthly: 30, quarterly: 91 };

/** Disabling an agent closes its run alerts: it will not run again until someone enables it. */
function closeOnDisable(episodes: Episode[], changes: ChangeRecord[]): void {
  for (const change of changes) {
    if (change.action !== 'disable' || !change.agent) continue;
    const at = Date.parse(change.at);
    for (const episode of episodes) {
      if (episode.agent !== change.agent || !['non_ok', 'run_cost', 'output_drop'].includes(episode.rule)) continue;
      if (episode.openAt.getTime() > at || (episode.resolveAt && episode.resolveAt.getTime() <= at)) continue;
      episode.resolveAt = new Date(at + 1_000);
      episode.resolveMessage = `${change.agent} was disabled by ${change.by}; its run alerts are closed`;
    }
  }
}

function expand(episodes: Episode[], now: Date): AlertEvent[] {
  const events: AlertEvent[] = [];
  const channels = ALERT_CHANNELS.map((c) => ({ ...c }));
  for (const e of episodes) {
    if (e.openAt >= now) continue;
    const base = { v: 1 as const, key: e.key, rule: e.rule, agent: e.agent, severity: e.severity };
    events.push({ ...base, event: 'open', at: e.openAt.toISOString(), message: e.message, details: e.details, channels });
    const end = Math.min(e.resolveAt?.getTime() ?? Infinity, now.getTime());
    for (let t = e.openAt.getTime() + REALERT_MS; t < end; t += REALERT_MS) {
      events.push({ ...base, event: 'resend', at: new Date(t).toISOString(), message: e.message, details: e.details, channels });
    }
    if (e.resolveAt && e.resolveAt < now) {
      events.push({ ...base, event: 'resolve', severity: 'info', at: e.resolveAt.toISOString(), message: e.resolveMessage, channels });
    }
  }
  events.sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
  return events.map((event) => alertEventSchema.parse(event));
}
