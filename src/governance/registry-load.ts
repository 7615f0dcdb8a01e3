import { readdir } from 'node:fs/promises';
import { type FleetSnapshot, loadFleet } from '../fleet/index.js';
import type { Home } from '../home/index.js';
import type { RunTrail } from '../journal/index.js';
import { dayKey } from '../shared/index.js';
import { COST_PER_RUN_DAYS, type CostPerRun, medianCostPerRun } from './registry-cost-per-run.js';
import { buildRegistry, type Registry } from './registry-rows.js';
import { readReviewMarks } from './review-marks.js';

const DAY_MS = 86_400_000;

export interface LoadRegistryOptions {
  now?: Date;
  trail?: RunTrail;
  /** a fleet already loaded (the console's): no second load */
  fleet?: { snapshot: FleetSnapshot; trail: RunTrail };
}

export async function loadRegistry(
  home: Home,
  options: LoadRegistryOptions = {},
): Promise<{ registry: Registry; badLines: Record<string, number> }> {
  const now = options.now ?? new Date();
  const [{ snapshot, trail }, reviews, runbookFiles] = await Promise.all([
    options.fleet ?? loadFleet(home, { now, trail: options.trail, lookedBy: 'registry' }),
    readReviewMarks(home.paths),
    readdir(home.paths.runbooks).catch(() => [] as string[]),
  ]);
  const runbooks = new Set(runbookFiles.filter((file) => file.endsWith('.md')).map((file) => file.slice(0, -3)));
  const from = new Date(now.getTime() - COST_PER_RUN_DAYS * DAY_MS);
  const window = {
    fromMs: from.getTime(),
    toMs: now.getTime(),
    fromDay: dayKey(from, snapshot.timezone),
    toDay: dayKey(now, snapshot.timezone),
  };
  const costPerRun = new Map<string, CostPerRun>();
  for (const agent of snapshot.agents)
    costPerRun.set(
      agent.name,
      medianCostPerRun(trail.recentRuns(agent.name, 30), trail.dailySummaries(agent.name), window),
    );
  const badLines = { ...snapshot.badLines, ...(reviews.bad > 0 ? { 'logs/reviews.jsonl': reviews.bad } : {}) };
  return { registry: buildRegistry(snapshot, reviews.marks, costPerRun, runbooks), badLines };
}
