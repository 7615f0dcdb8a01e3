import { isRefused, type RunStatus } from '../shared/index.js';
import { monthOfDayKey } from './local-day.js';

/**
 * What a month cost one agent, and how many of its runs could have cost: the
 * one fold of local days into months (queries.ts monthTotals, from the day
 * table), for the fleet's month-to-date, the budget, the cost anomaly and
 * `nightshift costs`.
 */
export interface MonthTotals {
  costUsd: number;
  runs: number;
  /** runs that could cost: SKIPPED runs call no model */
  billableRuns: number;
}

export const emptyMonth = (): MonthTotals => ({ costUsd: 0, runs: 0, billableRuns: 0 });

/** Of `runs` counted by status, those that could cost (every status but SKIPPED: a KILLED run may have spent). */
export function billableRuns(runs: number, byStatus: Partial<Record<RunStatus, number>>): number {
  let refused = 0;
  for (const [status, n] of Object.entries(byStatus) as Array<[RunStatus, number]>) if (isRefused(status)) refused += n;
  return runs - refused;
}

/** Adds one local day "YYYY-MM-DD" to its month: the fold, for summaries and for the trail's day table alike. */
export function addDay(
  months: Map<string, MonthTotals>,
  dayKey: string,
  costUsd: number,
  runs: number,
  billable: number,
): void {
  const key = monthOfDayKey(dayKey);
  let month = months.get(key);
  if (month === undefined) months.set(key, (month = emptyMonth()));
  month.costUsd += costUsd;
  month.runs += runs;
  month.billableRuns += billable;
}
