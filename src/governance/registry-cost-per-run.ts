import { billableRuns, median, type DaySummary, type RunRecord } from '../journal/index.js';
import { isRefused } from '../shared/index.js';

/**
 * "Cost/run" of the registry: the median cost of the runs of the last 30
 * days (SKIPPED runs call no model and are left out; a KILLED run's spend counts). The trail keeps an
 * agent's last 30 runs in memory; when they reach back past the window they
 * are all of the window's runs and the median is exact. A busier agent would
 * need its whole month read from disk, so it gets the median of each day's
 * cost per run instead — the same figure for steady agents, at no I/O.
 */
export const COST_PER_RUN_DAYS = 30;

export interface CostPerRun {
  usd: number | null;
  /** runs: exact median over the window's runs; days: median of daily averages; none: no run in the window */
  basis: 'runs' | 'days' | 'none';
  /** billable runs in the window that the figure is over (days: the number of days) */
  samples: number;
}

export interface CostWindow {
  fromMs: number;
  toMs: number;
  /** local day keys of the window's first and last day */
  fromDay: string;
  toDay: string;
}

/** Pure. `recent`: newest first, as RunTrail.recentRuns returns them (at most 30). */
export function medianCostPerRun(
  recent: readonly RunRecord[],
  days: readonly DaySummary[],
  window: CostWindow,
  recentCap = 30,
): CostPerRun {
  const oldest = recent.at(-1);
  const covered = recent.length < recentCap || (oldest !== undefined && Date.parse(oldest.ended_at) < window.fromMs);
  if (covered) {
    const costs = recent
      .filter((run) => !isRefused(run.status))
      .filter((run) => {
        const ms = Date.parse(run.ended_at);
        return ms >= window.fromMs && ms <= window.toMs;
      })
      .map((run) => run.cost_usd);
    return costs.length === 0
      ? { usd: null, basis: 'none', samples: 0 }
      : { usd: median(costs) ?? null, basis: 'runs', samples: costs.length };
  }
  const billableDays = days
    .filter((day) => day.day >= window.fromDay && day.day <= window.toDay)
    .map((day) => ({ cost: day.costUsd, runs: billableRuns(day.runs, day.byStatus) }))
    .filter((day) => day.runs > 0);
  if (billableDays.length === 0) return { usd: null, basis: 'none', samples: 0 };
  // one run a day (a daily agent with a catch-up or two skipped): each day's average is that run's cost, so the median is exact
  const exact = billableDays.every((day) => day.runs === 1);
  return {
    usd: median(billableDays.map((day) => day.cost / day.runs)) ?? null,
    basis: exact ? 'runs' : 'days',
    samples: billableDays.length,
  };
}
