import { loadFleet } from '../../fleet/index.js';
import type { Home } from '../../home/index.js';
import type { RunStatus, RunTrail } from '../../journal/index.js';
import type { MetricsInput } from './samples.js';

/**
 * What the metrics are computed from, read the way `status --json` reads it
 * (loadFleet, cron mode included), plus each agent's runs by status from the
 * trail's day table (every day from its first run on: no journal is re-read).
 * `trail`: the one a long-lived server keeps, refreshed instead of reopened.
 */
export async function loadMetricsInput(
  home: Home,
  options: { now?: Date; trail?: RunTrail } = {},
): Promise<{ input: MetricsInput; trail: RunTrail }> {
  const now = options.now ?? new Date();
  const { snapshot, trail } = await loadFleet(home, { now, trail: options.trail, lookedBy: 'metrics', cron: true });
  // a run recorded a little ahead of this clock (another host's) is counted already, not at midnight
  const lastDay = trail.dayKeyOf(new Date(now.getTime() + 2 * 86_400_000));
  const runsByStatus = new Map<string, Partial<Record<RunStatus, number>>>();
  for (const agent of trail.agents()) {
    const first = trail.firstRunDay(agent);
    if (first !== undefined) runsByStatus.set(agent, trail.totalsOfDays(agent, first, lastDay).byStatus);
  }
  return { input: { snapshot, runsByStatus }, trail };
}
