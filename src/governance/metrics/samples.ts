import type { FleetSnapshot } from '../../fleet/index.js';
import { RUN_STATUSES, type RunStatus } from '../../journal/index.js';

/**
 * What nightshift tells Prometheus, worked out from the fleet snapshot (the
 * one `status --json` prints) and the run counts of the journals. Pure: the
 * same snapshot gives the same samples, so tests need no server and no clock.
 * Rendering them in the text format is prom-client's job (render.ts).
 */
export interface MetricSample {
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  /** Prometheus conventions: the unit in the name (_seconds, _usd), _total on counters */
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  labelNames: readonly string[];
  samples: MetricSample[];
}

export interface MetricsInput {
  snapshot: FleetSnapshot;
  /** every run in the journals, per agent and status (RunTrail: firstRunDay..now) */
  runsByStatus: ReadonlyMap<string, Partial<Record<RunStatus, number>>>;
}

/** The display states an agent can be in (fleet/types.ts DisplayState), each a series of its enum gauge. */
const DISPLAY_STATES = ['enabled', 'paused', 'disabled', 'invalid', 'error', 'running', 'stopped', 'retired'] as const;
const SCHEDULER_STATES = ['up', 'down', 'stopped', 'never'] as const;

export function metricSamples({ snapshot, runsByStatus }: MetricsInput): MetricFamily[] {
  const agents = snapshot.agents;
  const seconds = (iso: string) => Date.parse(iso) / 1000;

  const runs: MetricSample[] = [];
  // an agent whose file is gone keeps its history: its counter must not vanish while its runs are in the journals
  const names = [...new Set([...agents.map((a) => a.name), ...runsByStatus.keys()])].sort();
  for (const agent of names) {
    const counts = runsByStatus.get(agent) ?? {};
    // every status, zeros too: rate() and increase() need a series before its first increment
    for (const status of RUN_STATUSES) runs.push({ labels: { agent, status }, value: counts[status] ?? 0 });
  }

  const lastRunTime: MetricSample[] = [];
  const lastRunStatus: MetricSample[] = [];
  const monthCost: MetricSample[] = [];
  const budget: MetricSample[] = [];
  const nextDue: MetricSample[] = [];
  const running: MetricSample[] = [];
  const state: MetricSample[] = [];
  for (const agent of agents) {
    const name = agent.name;
    if (agent.lastRun) {
      lastRunTime.push({ labels: { agent: name }, value: seconds(agent.lastRun.ended_at) });
      const last = agent.lastRun.status;
      // an enum as Prometheus likes it: one series per status, 1 for the current one
      for (const status of RUN_STATUSES)
        lastRunStatus.push({ labels: { agent: name, status }, value: status === last ? 1 : 0 });
    }
    monthCost.push({ labels: { agent: name }, value: agent.cost.monthToDate });
    if (agent.cost.budget !== null) budget.push({ labels: { agent: name }, value: agent.cost.budget });
    if (agent.nextDue !== null) nextDue.push({ labels: { agent: name }, value: seconds(agent.nextDue) });
    running.push({ labels: { agent: name }, value: agent.running ? 1 : 0 });
    for (const display of DISPLAY_STATES)
      state.push({ labels: { agent: name, state: display }, value: display === agent.display ? 1 : 0 });
  }

  const alertCounts = new Map<string, MetricSample>();
  const openAlerts = [...agents.flatMap((a) => a.openAlerts), ...snapshot.fleetAlerts];
  for (const alert of openAlerts) {
    // fleet-wide alerts (scheduler down, a failing channel) belong to no agent: the label is empty, as Prometheus has it for "absent"
    const labels = { agent: alert.agent ?? '', rule: alert.rule, severity: alert.severity };
    const id = JSON.stringify(labels);
    const sample = alertCounts.get(id) ?? { labels, value: 0 };
    sample.value += 1;
    alertCounts.set(id, sample);
  }

  const scheduler = snapshot.scheduler;
  return [
    family(
      'nightshift_runs_total',
      'Runs recorded in the journals, by agent and status.',
      'counter',
      ['agent', 'status'],
      runs,
    ),
    family(
      'nightshift_last_run_timestamp_seconds',
      'When the last run of the agent ended (unix seconds).',
      'gauge',
      ['agent'],
      lastRunTime,
    ),
    family(
      'nightshift_last_run_status',
      "The status of the agent's last run: 1 for its status, 0 for the others.",
      'gauge',
      ['agent', 'status'],
      lastRunStatus,
    ),
    family(
      'nightshift_month_cost_usd',
      'What the agent cost this month so far, in the home time zone (USD).',
      'gauge',
      ['agent'],
      monthCost,
    ),
    family(
      'nightshift_month_budget_usd',
      'The monthly budget of the agent (USD), where it has one.',
      'gauge',
      ['agent'],
      budget,
    ),
    family(
      'nightshift_next_due_timestamp_seconds',
      'When the cron agent is next due (unix seconds); absent when it will not run (paused, disabled, stopped).',
      'gauge',
      ['agent'],
      nextDue,
    ),
    family('nightshift_agent_running', '1 while a run of the agent is in flight.', 'gauge', ['agent'], running),
    family(
      'nightshift_agent_state',
      'What the fleet shows for the agent: 1 for its state, 0 for the others.',
      'gauge',
      ['agent', 'state'],
      state,
    ),
    family(
      'nightshift_open_alerts',
      'Open alerts by agent (empty for fleet-wide ones), rule and severity.',
      'gauge',
      ['agent', 'rule', 'severity'],
      [...alertCounts.values()],
    ),
    family(
      'nightshift_scheduler_heartbeat_timestamp_seconds',
      'The last heartbeat of the scheduler (daemon), unix seconds; absent when it never beat.',
      'gauge',
      [],
      scheduler.beat_at ? [{ labels: {}, value: seconds(scheduler.beat_at) }] : [],
    ),
    family(
      'nightshift_scheduler_state',
      'The scheduler as status shows it: 1 for its state (up, down, stopped, never), 0 for the others.',
      'gauge',
      ['state'],
      SCHEDULER_STATES.map((s) => ({ labels: { state: s }, value: s === scheduler.state ? 1 : 0 })),
    ),
    family(
      'nightshift_fleet_stopped',
      '1 while the whole fleet is stopped (stop-all).',
      'gauge',
      [],
      [{ labels: {}, value: snapshot.global.stopped ? 1 : 0 }],
    ),
  ];
}

function family(
  name: string,
  help: string,
  type: MetricFamily['type'],
  labelNames: readonly string[],
  samples: MetricSample[],
): MetricFamily {
  return { name, help, type, labelNames, samples };
}
