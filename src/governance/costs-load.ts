import { loadFleet, type FleetSnapshot } from '../fleet/index.js';
import type { Home } from '../home/index.js';
import type { RunTrail } from '../journal/index.js';
import { monthKey } from '../shared/index.js';
import { monthsEndingWith } from './costs-month.js';
import { monthElapsed } from '../alerts/index.js';
import { type CostAgentInput, costReport, type CostReport, dailyKeys, TREND_MONTHS } from './costs-report.js';

export interface LoadCostsOptions {
  now?: Date;
  /** "YYYY-MM" (checked by parseMonth); default: this month in the home's zone */
  month?: string;
  trail?: RunTrail;
  /** a fleet already loaded (the console's): no second load */
  fleet?: { snapshot: FleetSnapshot; trail: RunTrail };
}

/** Reads the fleet and the trail and computes the cost report. */
export async function loadCosts(
  home: Home,
  options: LoadCostsOptions = {},
): Promise<{ report: CostReport; snapshot: FleetSnapshot; trail: RunTrail }> {
  const now = options.now ?? new Date();
  const { snapshot, trail } =
    options.fleet ?? (await loadFleet(home, { now, trail: options.trail, lookedBy: 'costs' }));
  const month = options.month ?? monthKey(now, snapshot.timezone);
  const report = costReport({
    month,
    now,
    timezone: snapshot.timezone,
    agents: costInputs(snapshot, trail, month, now),
  });
  return { report, snapshot, trail };
}

/**
 * Every agent of the fleet, and every agent of the trail without a file any
 * more that spent money in the trend's months: a deleted agent's bill still
 * belongs in the fleet's total. Months and days come from the trail's day
 * table as totals: years of history, or a busy month, make no object per day.
 */
export function costInputs(
  snapshot: FleetSnapshot,
  trail: Pick<RunTrail, 'agents' | 'monthTotals' | 'dailyCosts'>,
  month: string,
  now: Date,
): CostAgentInput[] {
  const trend = monthsEndingWith(month, TREND_MONTHS);
  const days = dailyKeys(month, now, snapshot.timezone, monthElapsed(month, now, snapshot.timezone).fraction >= 1);
  const totals = (name: string): Pick<CostAgentInput, 'months' | 'daily'> => ({
    months: trail.monthTotals(name, trend),
    daily: trail.dailyCosts(name, days[0] as string, days.at(-1) as string),
  });
  const inputs: CostAgentInput[] = snapshot.agents.map((agent) => ({
    name: agent.name,
    owner: agent.owner,
    budgetUsd: agent.cost.budget,
    defined: true,
    state: agent.display,
    ...totals(agent.name),
  }));
  const defined = new Set(snapshot.agents.map((agent) => agent.name));
  for (const name of trail.agents()) {
    if (defined.has(name)) continue;
    const spent = totals(name);
    if ([...spent.months.values()].some((m) => m.costUsd > 0))
      inputs.push({ name, owner: null, budgetUsd: null, defined: false, state: null, ...spent });
  }
  return inputs;
}
