import type { DisplayState, FleetSnapshot } from '../fleet/index.js';
import type { CostPerRun } from './registry-cost-per-run.js';
import type { ReviewMark } from './review-marks.js';

/**
 * The registry (seed: "Agent | Owner | Trigger | Cost/run | Status"): the
 * team's answer to "what is running here", one row per agent file, valid or
 * not — an invalid agent is exactly the one nobody must forget.
 */
export interface RegistryRow {
  name: string;
  owner: string | null;
  description: string | null;
  /** in words: "every day at 23:00 Europe/Berlin", "manual only" */
  trigger: string;
  triggerKind: 'cron' | 'watch' | 'when' | 'webhook' | 'manual' | null;
  /** the cron expression as written, for a cron trigger */
  cron: string | null;
  runner: string | null;
  model: string | null;
  costPerRun: CostPerRun;
  monthToDate: number;
  budgetUsd: number | null;
  state: DisplayState;
  /** why it is paused or disabled, by whom, since when, until when */
  stateReason: string | null;
  stateBy: string | null;
  stateSince: string | null;
  pausedUntil: string | null;
  lastReview: ReviewMark | null;
  reviewCadence: string | null;
  problem: string | null;
  file: string;
  /** runbooks/<name>.md, or null when it has none (it should: the kill switch is written there) */
  runbook: string | null;
}

/** An agent retired with `nightshift retire`: listed apart, with when, who and why; its history stays in the journals. */
export interface RetiredRow {
  name: string;
  owner: string | null;
  description: string | null;
  /** when it was retired (state.json's since), null when its file lies under retired/ without a recorded retirement */
  since: string | null;
  by: string | null;
  reason: string | null;
  /** still counted: a retired agent's spend this month is part of the bill */
  monthToDate: number;
  lastReview: ReviewMark | null;
}

export interface Registry {
  generatedAt: string;
  home: string;
  timezone: string;
  month: string;
  globalStop: boolean;
  rows: RegistryRow[];
  /** `nightshift retire`d agents, a section of their own */
  retired: RetiredRow[];
  totals: { agents: number; byState: Partial<Record<DisplayState, number>>; monthToDate: number };
}

/** Pure: the registry from the fleet, the review marks and each agent's cost per run. */
export function buildRegistry(
  snapshot: FleetSnapshot,
  marks: ReadonlyMap<string, ReviewMark>,
  costPerRun: ReadonlyMap<string, CostPerRun>,
  runbooks: ReadonlySet<string>,
): Registry {
  const retired = snapshot.agents
    .filter((agent) => agent.operator.state === 'retired')
    .map((agent): RetiredRow => ({
      name: agent.name,
      owner: agent.owner,
      description: agent.description,
      since: agent.operator.since,
      by: agent.operator.by,
      reason: agent.operator.reason,
      monthToDate: agent.cost.monthToDate,
      lastReview: marks.get(agent.name) ?? null,
    }));
  const live = snapshot.agents.filter((agent) => agent.operator.state !== 'retired');
  const rows = live.map((agent): RegistryRow => {
    const trigger = agent.definition?.trigger;
    const paused = agent.operator.state !== 'enabled';
    return {
      name: agent.name,
      owner: agent.owner,
      description: agent.description,
      trigger: agent.trigger,
      triggerKind: agent.triggerKind,
      cron: trigger?.kind === 'cron' ? trigger.cron : null,
      runner: agent.definition?.runner.kind ?? null,
      model: agent.definition?.model ?? null,
      costPerRun: costPerRun.get(agent.name) ?? { usd: null, basis: 'none', samples: 0 },
      monthToDate: agent.cost.monthToDate,
      budgetUsd: agent.cost.budget,
      state: agent.display,
      stateReason: paused ? agent.operator.reason : null,
      stateBy: paused ? agent.operator.by : null,
      stateSince: paused ? agent.operator.since : null,
      pausedUntil: agent.operator.paused_until,
      lastReview: marks.get(agent.name) ?? null,
      reviewCadence: agent.definition?.review ?? null,
      problem: agent.problem,
      file: agent.file,
      runbook: runbooks.has(agent.name) ? `runbooks/${agent.name}.md` : null,
    };
  });
  const byState: Partial<Record<DisplayState, number>> = {};
  for (const row of rows) byState[row.state] = (byState[row.state] ?? 0) + 1;
  return {
    generatedAt: snapshot.generated_at,
    home: snapshot.home,
    timezone: snapshot.timezone,
    month: snapshot.month,
    globalStop: snapshot.global.stopped,
    rows,
    retired,
    totals: { agents: rows.length, byState, monthToDate: snapshot.totals.monthToDate },
  };
}
