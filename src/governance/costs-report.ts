import type { DisplayState } from '../fleet/index.js';
import { type DaySummary, emptyMonth, monthlyTotals, type MonthTotals } from '../journal/index.js';
import { dayKey, monthRange, previousMonth } from '../time/index.js';
import { monthsEndingWith } from './costs-month.js';
import { roundUsd, usdFine } from '../shared/index.js';

/**
 * The monthly cost check (seed: "an agent that used to cost $3 and now costs
 * $30"), computed in one place for `nightshift costs` and the console's Costs
 * view. Pure: the trail's daily summaries and the clock in, numbers out.
 */

/** An agent is flagged when the month is on course for more than this × last month (DESIGN §5). */
export const ANOMALY_RATIO = 3;
/** …or when a run costs this × what it did last month. */
export const PER_RUN_RATIO = 2;
/** Below this month amount nothing is flagged: pennies tripling is noise. */
export const ANOMALY_FLOOR_USD = 1;
/** Before this many days of the month a projection is wild; the month-to-date itself is compared. */
export const PROJECT_FROM_DAYS = 3;
/** Months in the trend, the selected one last. */
export const TREND_MONTHS = 6;
/** Days in the daily series (the console's sparkline). */
export const DAILY_DAYS = 30;

const DAY_MS = 86_400_000;

export interface CostAgentInput {
  name: string;
  owner: string | null;
  budgetUsd: number | null;
  /** false: it has runs in the trail but no agent file any more; its money still counts */
  defined: boolean;
  state: DisplayState | null;
  /** the agent's daily summaries from the trail (RunTrail.dailySummaries), any order */
  days: readonly DaySummary[];
}

export interface CostReportInput {
  /** "YYYY-MM": the month reported */
  month: string;
  now: Date;
  timezone: string;
  agents: readonly CostAgentInput[];
}

export type CostAnomalyKind = 'month_over_month' | 'cost_per_run';

export interface CostAnomaly {
  kind: CostAnomalyKind;
  /** null: nothing was spent to compare with */
  ratio: number | null;
  message: string;
}

export interface CostRow {
  name: string;
  owner: string | null;
  defined: boolean;
  state: DisplayState | null;
  /** spent in the month so far (the whole month once it is over) */
  monthToDate: number;
  runs: number;
  /** runs that could cost (not SKIPPED) */
  billableRuns: number;
  costPerRun: number | null;
  /** linear on the elapsed fraction of the month; equal to monthToDate for a month that is over */
  projected: number;
  lastMonth: number;
  lastMonthRuns: number;
  lastCostPerRun: number | null;
  budget: { monthlyUsd: number; used: number; projectedUse: number } | null;
  /** cost of each of the TREND_MONTHS months, oldest first */
  trend: number[];
  /** cost of each of the DAILY_DAYS local days up to the report's end, oldest first */
  daily: number[];
  anomalies: CostAnomaly[];
}

export interface CostReport {
  month: string;
  previousMonth: string;
  timezone: string;
  generatedAt: string;
  /** over: the month has ended, its figures are final */
  complete: boolean;
  elapsed: { fraction: number; days: number; daysInMonth: number };
  rows: CostRow[];
  totals: { monthToDate: number; projected: number; lastMonth: number; runs: number; budgetUsd: number; anomalies: number };
  /** the fleet's cost per month, oldest first; the last is the reported month */
  trend: Array<{ month: string; costUsd: number }>;
  thresholds: { ratio: number; perRunRatio: number; floorUsd: number; projectFromDays: number };
}

export function costReport(input: CostReportInput): CostReport {
  const { month, now, timezone } = input;
  const lastMonth = previousMonth(month);
  const elapsed = elapsedOf(month, now, timezone);
  const complete = elapsed.fraction >= 1;
  const trendMonths = monthsEndingWith(month, TREND_MONTHS);
  const dayKeys = dailyKeys(month, now, timezone, complete);

  const rows = input.agents.map((agent) => rowOf(agent, { month, lastMonth, elapsed, complete, trendMonths, dayKeys }));
  rows.sort((a, b) => b.monthToDate - a.monthToDate || b.lastMonth - a.lastMonth || a.name.localeCompare(b.name));

  const sum = (pick: (row: CostRow) => number) => roundUsd(rows.reduce((total, row) => total + pick(row), 0));
  return {
    month,
    previousMonth: lastMonth,
    timezone,
    generatedAt: now.toISOString(),
    complete,
    elapsed,
    rows,
    totals: {
      monthToDate: sum((row) => row.monthToDate),
      projected: sum((row) => row.projected),
      lastMonth: sum((row) => row.lastMonth),
      runs: rows.reduce((total, row) => total + row.runs, 0),
      budgetUsd: sum((row) => row.budget?.monthlyUsd ?? 0),
      anomalies: rows.filter((row) => row.anomalies.length > 0).length,
    },
    trend: trendMonths.map((key, i) => ({ month: key, costUsd: roundUsd(rows.reduce((total, row) => total + (row.trend[i] ?? 0), 0)) })),
    thresholds: { ratio: ANOMALY_RATIO, perRunRatio: PER_RUN_RATIO, floorUsd: ANOMALY_FLOOR_USD, projectFromDays: PROJECT_FROM_DAYS },
  };
}

interface RowContext {
  month: string;
  lastMonth: string;
  elapsed: CostReport['elapsed'];
  complete: boolean;
  trendMonths: string[];
  dayKeys: string[];
}

function rowOf(agent: CostAgentInput, context: RowContext): CostRow {
  const months = monthlyTotals(agent.days);
  const current = months.get(context.month) ?? emptyMonth();
  const last = months.get(context.lastMonth) ?? emptyMonth();
  const monthToDate = roundUsd(current.costUsd);
  const projected = context.complete || context.elapsed.fraction <= 0 ? monthToDate : roundUsd(current.costUsd / context.elapsed.fraction);
  const costPerRun = perRun(current);
  const lastCostPerRun = perRun(last);
  const byDay = new Map(agent.days.map((day) => [day.day, day.costUsd]));
  const budget = agent.budgetUsd !== null && agent.budgetUsd > 0 ? { monthlyUsd: agent.budgetUsd, used: monthToDate / agent.budgetUsd, projectedUse: projected / agent.budgetUsd } : null;
  const row: CostRow = {
    name: agent.name,
    owner: agent.owner,
    defined: agent.defined,
    state: agent.state,
    monthToDate,
    runs: current.runs,
    billableRuns: current.billableRuns,
    costPerRun,
    projected,
    lastMonth: roundUsd(last.costUsd),
    lastMonthRuns: last.runs,
    lastCostPerRun,
    budget,
    trend: context.trendMonths.map((key) => roundUsd(months.get(key)?.costUsd ?? 0)),
    daily: context.dayKeys.map((key) => roundUsd(byDay.get(key) ?? 0)),
    anomalies: [],
  };
  row.anomalies = anomaliesOf(row, context, last);
  return row;
}

/**
 * The two signs of a cost drifting: the month (projected, or final) more than
 * ANOMALY_RATIO × the last one, and a run costing PER_RUN_RATIO × what it did.
 * Nothing under ANOMALY_FLOOR_USD is flagged. Early in a month the projection
 * multiplies a day or two of noise, so only what was already spent counts.
 */
export function anomaliesOf(row: CostRow, context: Pick<RowContext, 'month' | 'lastMonth' | 'elapsed' | 'complete'>, last: MonthTotals): CostAnomaly[] {
  const judged = context.complete || context.elapsed.days >= PROJECT_FROM_DAYS ? row.projected : row.monthToDate;
  if (judged < ANOMALY_FLOOR_USD) return [];
  const found: CostAnomaly[] = [];
  const how = context.complete ? `cost ${usdFine(judged)} in ${context.month}` : judged === row.projected ? `is on course for ${usdFine(judged)} in ${context.month}` : `has spent ${usdFine(judged)} in ${context.month} already`;
  if (row.lastMonth > 0 && judged > ANOMALY_RATIO * row.lastMonth) {
    const ratio = judged / row.lastMonth;
    found.push({ kind: 'month_over_month', ratio: round2(ratio), message: `${how}, ${ratio.toFixed(1)}× ${context.lastMonth}'s ${usdFine(row.lastMonth)}` });
  } else if (row.lastMonth === 0 && last.billableRuns > 0) {
    // it ran all last month for nothing (a local model, an extractive runner): any real spend is a change of kind
    found.push({ kind: 'month_over_month', ratio: null, message: `${how}; its ${last.billableRuns} runs in ${context.lastMonth} cost nothing` });
  }
  if (row.costPerRun !== null && row.lastCostPerRun !== null && row.lastCostPerRun > 0 && row.costPerRun >= PER_RUN_RATIO * row.lastCostPerRun) {
    const ratio = row.costPerRun / row.lastCostPerRun;
    found.push({ kind: 'cost_per_run', ratio: round2(ratio), message: `a run costs ${usdFine(row.costPerRun)}, ${ratio.toFixed(1)}× ${context.lastMonth}'s ${usdFine(row.lastCostPerRun)}` });
  }
  return found;
}

function perRun(month: MonthTotals): number | null {
  return month.billableRuns > 0 ? roundUsd(month.costUsd / month.billableRuns) : null;
}

/** How far the month has gone in the zone: 1 once it is over. */
export function elapsedOf(month: string, now: Date, timezone: string): CostReport['elapsed'] {
  const { start, end } = monthRange(month, timezone);
  const length = end.getTime() - start.getTime();
  const gone = Math.min(length, Math.max(0, now.getTime() - start.getTime()));
  return { fraction: gone / length, days: round2(gone / DAY_MS), daysInMonth: Math.round(length / DAY_MS) };
}

/** The DAILY_DAYS local day keys up to today (or the month's last day once it is over), oldest first. */
function dailyKeys(month: string, now: Date, timezone: string, complete: boolean): string[] {
  const lastDay = complete ? lastDayOf(month) : dayKey(now, timezone);
  const [y, m, d] = lastDay.split('-').map(Number) as [number, number, number];
  const keys: string[] = [];
  for (let back = DAILY_DAYS - 1; back >= 0; back--) keys.push(new Date(Date.UTC(y, m - 1, d - back)).toISOString().slice(0, 10));
  return keys;
}

function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
