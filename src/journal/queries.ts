import { median, RECENT_RUNS, recordOf, type KeyedRun, type MergedAgent } from './agent-summary.js';
import type { DayTotals } from './day-table.js';
import { dayOfKey, type LocalDayClock, monthOfDayKey } from './local-day.js';
import { RUN_STATUSES, type RunRecord, type RunStatus } from './records.js';
import { addDay, type MonthTotals } from './month-totals.js';
import { isRefused } from '../shared/index.js';

/**
 * The questions every view and command asks of the run trail, answered from
 * the merged per-agent summaries alone (no disk). Time-range questions whose
 * edges fall inside a day also read the journal: see RunTrail.
 */
export interface TrailView {
  clock: LocalDayClock;
  agents: ReadonlyMap<string, MergedAgent>;
}

export interface DaySummary {
  /** local day, "YYYY-MM-DD", in the trail's time zone */
  day: string;
  runs: number;
  costUsd: number;
  durationMs: number;
  byStatus: Partial<Record<RunStatus, number>>;
}

export interface StatusCounts {
  total: number;
  byStatus: Partial<Record<RunStatus, number>>;
}

export function emptyStatusCounts(): StatusCounts {
  return { total: 0, byStatus: {} };
}

export function countStatus(counts: StatusCounts, status: RunStatus, n = 1): void {
  counts.total += n;
  counts.byStatus[status] = (counts.byStatus[status] ?? 0) + n;
}

export function lastRunPerAgent(view: TrailView): Map<string, RunRecord> {
  const last = new Map<string, RunRecord>();
  for (const name of [...view.agents.keys()].sort()) {
    const run = lastRun(view, name);
    if (run !== undefined) last.set(name, run);
  }
  return last;
}

export function lastRun(view: TrailView, agent: string): RunRecord | undefined {
  const entry = view.agents.get(agent)?.recent.at(-1);
  return (entry && recordOf(entry)) ?? undefined;
}

/** Newest first; at most RECENT_RUNS (30). */
export function recentRuns(view: TrailView, agent: string, n = RECENT_RUNS): RunRecord[] {
  const recent = view.agents.get(agent)?.recent ?? [];
  const count = Math.max(0, Math.min(Math.floor(n), RECENT_RUNS));
  const runs: RunRecord[] = [];
  for (let i = recent.length - 1; i >= 0 && runs.length < count; i--) {
    const run = recordOf(recent[i] as KeyedRun);
    if (run !== null) runs.push(run);
  }
  return runs;
}

export function failureStreak(view: TrailView, agent: string): number {
  return view.agents.get(agent)?.failureStreak ?? 0;
}

/** output_size_bytes of the last OK runs (up to 10), oldest first. */
export function lastOkOutputSizes(view: TrailView, agent: string): number[] {
  return [...(view.agents.get(agent)?.okSizes ?? [])];
}

export function medianOkOutputSize(view: TrailView, agent: string): number | undefined {
  return median(view.agents.get(agent)?.okSizes ?? []);
}

function toSummary(clock: LocalDayClock, totals: DayTotals): DaySummary {
  return {
    day: clock.keyOf(totals.day),
    runs: totals.runs,
    costUsd: totals.costUsd,
    durationMs: totals.durationMs,
    byStatus: totals.byStatus,
  };
}

/**
 * Ascending by day; only days with runs. With `fromDay`, only the days from it
 * on: the days before are skipped in the table's columns, never made into
 * objects (10M runs are 150,000 agent-days, of which `costs` reads 9,000).
 */
export function dailySummaries(view: TrailView, agent: string, fromDay?: string): DaySummary[] {
  const days = view.agents.get(agent)?.days;
  if (days === undefined) return [];
  const from = fromDay === undefined ? Number.NEGATIVE_INFINITY : dayOfKey(fromDay);
  if (Number.isNaN(from))
    throw new RangeError(`dailySummaries: fromDay "${fromDay}" is not a day: expected YYYY-MM-DD`);
  return days.allTotals(from).map((day) => toSummary(view.clock, day));
}

/** The local day key of the agent's first day with a run, or undefined when it has none. */
export function firstRunDay(view: TrailView, agent: string): string | undefined {
  const first = view.agents.get(agent)?.days.firstDay();
  return first === undefined ? undefined : view.clock.keyOf(first);
}

/** The sum over an agent's days from `fromDay` to `toDay` inclusive (local day keys "YYYY-MM-DD"); null agent: all agents. */
export function totalsOfDays(view: TrailView, agent: string | null, fromDay: string, toDay: string): DaySummary {
  const total: DaySummary = { day: fromDay, runs: 0, costUsd: 0, durationMs: 0, byStatus: {} };
  const span: [number, number] = [dayOfKey(fromDay), dayOfKey(toDay)];
  const agents = agent === null ? [...view.agents.values()] : [view.agents.get(agent)];
  for (const merged of agents) {
    if (merged === undefined) continue;
    const { days } = merged;
    for (let row = 0; row < days.size; row++) {
      if (!inDays(view.clock, days.dayAt(row), fromDay, toDay, span)) continue;
      const day = days.totalsAt(row);
      total.runs += day.runs;
      total.costUsd += day.costUsd;
      total.durationMs += day.durationMs;
      for (const [status, n] of Object.entries(day.byStatus) as Array<[RunStatus, number]>)
        total.byStatus[status] = (total.byStatus[status] ?? 0) + n;
    }
  }
  return total;
}

/**
 * Is day number `day` within the keys fromDay..toDay? By number when both keys
 * are days (`span`, their numbers): the same answer as comparing "YYYY-MM-DD"
 * keys, without a key per row of every agent's whole history (150,000 at 10M
 * runs, for `status`'s today and month).
 */
function inDays(clock: LocalDayClock, day: number, fromDay: string, toDay: string, span: [number, number]): boolean {
  if (!Number.isNaN(span[0]) && !Number.isNaN(span[1])) return day >= span[0] && day <= span[1];
  const key = clock.keyOf(day);
  return key >= fromDay && key <= toDay;
}

/** The day numbers from the first of the earliest of `months` ("YYYY-MM") to the last of the latest; null when one is not a month. */
function daySpanOfMonths(months: ReadonlySet<string>): [number, number] | null {
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const month of months) {
    const first = dayOfKey(`${month}-01`);
    if (Number.isNaN(first)) return null;
    const [year, monthNumber] = month.split('-').map(Number) as [number, number];
    // Date.UTC's day 0 of the next month is this month's last day
    const last = Date.UTC(year, monthNumber, 0) / 86_400_000;
    from = Math.min(from, first);
    to = Math.max(to, last);
  }
  return [from, to];
}

/**
 * Cost by agent and local month ("YYYY-MM"). With `months`, exactly those
 * months for every agent (0 where it spent nothing); without, every month
 * with runs.
 */
export function costPerAgentPerMonth(view: TrailView, months?: readonly string[]): Map<string, Map<string, number>> {
  const result = new Map<string, Map<string, number>>();
  const only = months === undefined ? undefined : new Set(months);
  for (const name of [...view.agents.keys()].sort()) {
    const totals = monthTotals(view, name, only);
    const perMonth = new Map<string, number>();
    if (months === undefined) for (const [month, total] of totals) perMonth.set(month, total.costUsd);
    else for (const month of months) perMonth.set(month, totals.get(month)?.costUsd ?? 0);
    result.set(name, perMonth);
  }
  return result;
}

/** The indices (statusIndex) of the statuses that never cost: SKIPPED (a KILLED run may have spent). */
const REFUSED_INDICES = RUN_STATUSES.flatMap((status, index) => (isRefused(status) ? [index] : []));

/**
 * An agent's months "YYYY-MM" with runs (with `only`, of those months), ascending:
 * cost, runs and billable runs (month-totals.ts addDay),
 * straight from the day table (`status` reads every agent's: no object per day).
 */
export function monthTotals(view: TrailView, agent: string, only?: ReadonlySet<string>): Map<string, MonthTotals> {
  const months = new Map<string, MonthTotals>();
  const days = view.agents.get(agent)?.days;
  if (days === undefined) return months;
  // the asked months' span first, by number: a few months of rows to sort and name, not the whole history
  const span = only === undefined ? null : daySpanOfMonths(only);
  const rows: number[] = [];
  for (let row = 0; row < days.size; row++) {
    const day = days.dayAt(row);
    if (span === null || (day >= span[0] && day <= span[1])) rows.push(row);
  }
  rows.sort((a, b) => days.dayAt(a) - days.dayAt(b));
  for (const row of rows) {
    const key = view.clock.keyOf(days.dayAt(row));
    if (only !== undefined && !only.has(monthOfDayKey(key))) continue;
    let refused = 0;
    for (const status of REFUSED_INDICES) refused += days.countAt(row, status);
    const runs = days.runsAt(row);
    addDay(months, key, days.costAt(row), runs, runs - refused);
  }
  return months;
}

/**
 * An agent's cost per local day "YYYY-MM-DD" from `fromDay` to `toDay`
 * inclusive, days without runs left out: a month's sparkline straight from
 * the day table, with no object per day of its history.
 */
export function dailyCosts(view: TrailView, agent: string, fromDay: string, toDay: string): Map<string, number> {
  const costs = new Map<string, number>();
  const days = view.agents.get(agent)?.days;
  if (days === undefined) return costs;
  const span: [number, number] = [dayOfKey(fromDay), dayOfKey(toDay)];
  for (let row = 0; row < days.size; row++) {
    const day = days.dayAt(row);
    if (inDays(view.clock, day, fromDay, toDay, span)) costs.set(view.clock.keyOf(day), days.costAt(row));
  }
  return costs;
}

/** Status counts over whole local days [fromDay, toDay] (day numbers, inclusive). */
export function statusCountsOfDays(
  view: TrailView,
  agent: string | null,
  fromDay: number,
  toDay: number,
): StatusCounts {
  const sums = new Array<number>(RUN_STATUSES.length).fill(0);
  for (const [name, merged] of view.agents) {
    if (agent !== null && name !== agent) continue;
    const { days } = merged;
    for (let row = 0; row < days.size; row++) {
      const day = days.dayAt(row);
      if (day >= fromDay && day <= toDay) days.addCountsAt(row, sums);
    }
  }
  const counts = emptyStatusCounts();
  sums.forEach((n, index) => {
    if (n > 0) countStatus(counts, RUN_STATUSES[index] as RunStatus, n);
  });
  return counts;
}
