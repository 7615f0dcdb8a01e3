import type { DisplayState } from '../fleet/index.js';
import {
  ANOMALY_FLOOR_USD,
  ANOMALY_RATIO,
  type CostAnomaly,
  judgeCosts,
  monthElapsed,
  type MonthElapsed,
  PER_RUN_RATIO,
  PROJECT_FROM_DAYS,
} from '../alerts/index.js';
import { emptyMonth, type MonthTotals } from '../journal/index.js';
import { dayKey, previousMonth } from '../shared/index.js';
import { monthsEndingWith } from './costs-month.js';
import { roundUsd } from '../shared/index.js';

/**
 * The month's money per agent, computed in one place for `nightshift costs`
 * and the console's Costs view, each row judged by the cost anomaly rule that
 * `check` alerts on (src/alerts/rules/cost-anomaly.ts). Pure: the trail's
 * daily summaries and the clock in, numbers out.
 */

/** Months in the trend, the selected one last. */
export const TREND_MONTHS = 6;
/** Days in the daily series (the console's sparkline). */
export const DAILY_DAYS = 30;

export interface CostAgentInput {
  name: string;
  owner: string | null;
  budgetUsd: number | null;
  /** false: it has runs in the trail but no agent file any more; its money still counts */
  defined: boolean;
  state: DisplayState | null;
  /** the agent's totals per month "YYYY-MM" (RunTrail.monthTotals): at least the trend's months */
  months: ReadonlyMap<string, MonthTotals>;
  /** its cost per local day "YYYY-MM-DD" (RunTrail.dailyCosts): at least the daily series' days */
  daily: ReadonlyMap<string, number>;
}

export interface CostReportInput {
  /** "YYYY-MM": the month reported */
  month: string;
  now: Date;
  timezone: string;
  agents: readonly CostAgentInput[];
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
  elapsed: MonthElapsed;
  rows: CostRow[];
  totals: {
    monthToDate: number;
    projected: number;
    lastMonth: number;
    runs: number;
    budgetUsd: number;
    anomalies: number;
  };
  /** the fleet's cost per month, oldest first; the last is the reported month */
  trend: Array<{ month: string; costUsd: number }>;
  thresholds: { ratio: number; perRunRatio: number; floorUsd: number; projectFromDays: number };
}

export function costReport(input: CostReportInput): CostReport {
  const { month, now, timezone } = input;
  const lastMonth = previousMonth(month);
  const elapsed = monthElapsed(month, now, timezone);
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
    trend: trendMonths.map((key, i) => ({
      month: key,
      costUsd: roundUsd(rows.reduce((total, row) => total + (row.trend[i] ?? 0), 0)),
    })),
    thresholds: {
      ratio: ANOMALY_RATIO,
      perRunRatio: PER_RUN_RATIO,
      floorUsd: ANOMALY_FLOOR_USD,
      projectFromDays: PROJECT_FROM_DAYS,
    },
  };
}

interface RowContext {
  month: string;
  lastMonth: string;
  elapsed: MonthElapsed;
  complete: boolean;
  trendMonths: string[];
  dayKeys: string[];
}

function rowOf(agent: CostAgentInput, context: RowContext): CostRow {
  const { months, daily } = agent;
  const current = months.get(context.month) ?? emptyMonth();
  const last = months.get(context.lastMonth) ?? emptyMonth();
  const judged = judgeCosts({
    month: context.month,
    lastMonth: context.lastMonth,
    elapsed: context.elapsed,
    current,
    last,
  });
  const { monthToDate, projected } = judged;
  const budget =
    agent.budgetUsd !== null && agent.budgetUsd > 0
      ? { monthlyUsd: agent.budgetUsd, used: monthToDate / agent.budgetUsd, projectedUse: projected / agent.budgetUsd }
      : null;
  return {
    name: agent.name,
    owner: agent.owner,
    defined: agent.defined,
    state: agent.state,
    monthToDate,
    runs: current.runs,
    billableRuns: current.billableRuns,
    costPerRun: judged.costPerRun,
    projected,
    lastMonth: judged.lastMonth,
    lastMonthRuns: last.runs,
    lastCostPerRun: judged.lastCostPerRun,
    budget,
    trend: context.trendMonths.map((key) => roundUsd(months.get(key)?.costUsd ?? 0)),
    daily: context.dayKeys.map((key) => roundUsd(daily.get(key) ?? 0)),
    anomalies: judged.anomalies,
  };
}

/** The DAILY_DAYS local day keys up to today (or the month's last day once it is over), oldest first. */
export function dailyKeys(month: string, now: Date, timezone: string, complete: boolean): string[] {
  const lastDay = complete ? lastDayOf(month) : dayKey(now, timezone);
  const [y, m, d] = lastDay.split('-').map(Number) as [number, number, number];
  const keys: string[] = [];
  for (let back = DAILY_DAYS - 1; back >= 0; back--)
    keys.push(new Date(Date.UTC(y, m - 1, d - back)).toISOString().slice(0, 10));
  return keys;
}

function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
