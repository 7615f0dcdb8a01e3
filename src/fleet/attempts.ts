import type { RunRecord } from '../journal/index.js';

/**
 * How a list of runs shows the attempts of one run under a retry policy
 * (README "Retry policy"): `1/3`, `↳ 2/3`, `↳ 3/3`, where 3 is the number of
 * attempts of that run the list holds (a run still retrying shows the ones so
 * far). The arrow marks a retry, so the attempts read as one group under
 * their first. null: the list holds no run of an agent with a retry policy
 * (the column is left out); '' for a run without attempts.
 */
export function attemptLabels(runs: readonly RunRecord[]): Map<RunRecord, string> | null {
  const made = new Map<string, number>();
  for (const run of runs) {
    if (run.attempt == null || run.first_run_id == null) continue;
    made.set(run.first_run_id, Math.max(made.get(run.first_run_id) ?? 0, run.attempt));
  }
  if (made.size === 0) return null;
  const labels = new Map<RunRecord, string>();
  for (const run of runs) {
    if (run.attempt == null || run.first_run_id == null) {
      labels.set(run, '');
      continue;
    }
    const of = `${run.attempt}/${made.get(run.first_run_id) ?? run.attempt}`;
    labels.set(run, run.attempt > 1 ? `↳ ${of}` : of);
  }
  return labels;
}
