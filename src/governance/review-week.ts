import type { RunGlance, RunRecord, RunStatus, RunTrail } from '../journal/index.js';
import { runOutcome } from '../shared/index.js';
import { roundUsd } from '../shared/index.js';

/**
 * What each agent did in the review's window: runs by status, failures
 * (SKIPPED is counted apart — a refusal, not a failure), cost, and the output
 * files its runs left, the pool the random output is drawn from.
 */
export interface WeekActivity {
  runs: number;
  ok: number;
  /** not OK and not SKIPPED */
  nonOk: number;
  skipped: number;
  byStatus: Partial<Record<RunStatus, number>>;
  costUsd: number;
  /** output files of the window's runs, relative to the home, oldest run first, each once */
  outputs: string[];
}

export function emptyWeek(): WeekActivity {
  return { runs: 0, ok: 0, nonOk: 0, skipped: 0, byStatus: {}, costUsd: 0, outputs: [] };
}

/** Pure: adds one run (a record, or its glance from the trail) to its agent's week. */
export function foldWeekRun(
  weeks: Map<string, WeekActivity>,
  run: RunRecord | RunGlance,
  seenOutputs: Set<string> = new Set(),
): void {
  const glance = 'run_id' in run ? { status: run.status, costUsd: run.cost_usd, outputFile: run.output_file } : run;
  let week = weeks.get(run.agent);
  if (week === undefined) weeks.set(run.agent, (week = emptyWeek()));
  week.runs++;
  week.byStatus[glance.status] = (week.byStatus[glance.status] ?? 0) + 1;
  const outcome = runOutcome(glance.status);
  if (outcome === 'ok') week.ok++;
  else if (outcome === 'neutral') week.skipped++;
  else week.nonOk++;
  week.costUsd += glance.costUsd;
  if (glance.outputFile && !seenOutputs.has(glance.outputFile)) {
    seenOutputs.add(glance.outputFile);
    week.outputs.push(glance.outputFile);
  }
}

/** One pass over the window's runs for every agent at once (each block of the journal is read once). */
export async function scanWeek(
  trail: Pick<RunTrail, 'glanceBatchesInRange'>,
  from: Date,
  to: Date,
): Promise<Map<string, WeekActivity>> {
  const weeks = new Map<string, WeekActivity>();
  const seen = new Set<string>();
  for await (const batch of trail.glanceBatchesInRange(null, from, to))
    for (const run of batch) foldWeekRun(weeks, run, seen);
  for (const week of weeks.values()) week.costUsd = roundUsd(week.costUsd);
  return weeks;
}
