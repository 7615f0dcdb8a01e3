import type { CostAgentInput } from '../../src/governance/costs-report.js';
import type { DaySummary } from '../../src/journal/index.js';
import { addDay, billableRuns, type MonthTotals } from '../../src/journal/month-totals.js';

/** A cost report's input for an agent with these days, as RunTrail.monthTotals and dailyCosts give them. */
export function costTotalsOf(days: readonly DaySummary[]): Pick<CostAgentInput, 'months' | 'daily'> {
  const months = new Map<string, MonthTotals>();
  const daily = new Map<string, number>();
  for (const day of [...days].sort((a, b) => (a.day < b.day ? -1 : 1))) {
    addDay(months, day.day, day.costUsd, day.runs, billableRuns(day.runs, day.byStatus));
    daily.set(day.day, (daily.get(day.day) ?? 0) + day.costUsd);
  }
  return { months, daily };
}
