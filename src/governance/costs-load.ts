import { loadFleet, type FleetSnapshot } from '../fleet/index.js';
import type { Home } from '../home/index.js';
import type { RunTrail } from '../journal/index.js';
import { monthKey } from '../shared/index.js';
import { monthsEndingWith } from './costs-month.js';
import { type CostAgentInput, costReport, type CostReport, TREND_MONTHS } from './costs-report.js';

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
  const report = costReport({ month, now, timezone: snapshot.timezone, agents: costInputs(snapshot, trail, month) });
  return { report, snapshot, trail };
}

/**
 * Every agent of the fleet, and every agent of the trail without a file any
 * more that spent money in the trend's months: a deleted agent's bill still
 * belongs in the fleet's total.
 */
export function costInputs(
  snapshot: FleetSnapshot,
  trail: Pick<RunTrail, 'agents' | 'dailySummaries'>,
  month: string,
): CostAgentInput[] {
  // the report reads the trend's months and the last 30 days (within them): years of history before are not loaded
  const first = monthsEndingWith(month, TREND_MONTHS)[0] as string;
  const firstDay = `${first}-01`;
  const inputs: CostAgentInput[] = snapshot.agents.map((agent) => ({
    name: agent.name,
    owner: agent.owner,
    budgetUsd: agent.cost.budget,
    defined: true,
    state: agent.display,
    days: trail.dailySummaries(agent.name, firstDay),
  }));
  const defined = new Set(snapshot.agents.map((agent) => agent.name));
  for (const name of trail.agents()) {
    if (defined.has(name)) continue;
    const days = trail.dailySummaries(name, firstDay);
    const spent = days.some((day) => day.costUsd > 0 && day.day.slice(0, 7) >= first && day.day.slice(0, 7) <= month);
    if (spent) inputs.push({ name, owner: null, budgetUsd: null, defined: false, state: null, days });
  }
  return inputs;
}
