import { join } from 'node:path';
import type { HomePaths } from '../../home/index.js';
import { journalFileName, listJournals, openRunTrail, readJsonl, runRecordSchema } from '../../journal/index.js';

/**
 * Eval runs are journaled apart from production runs (logs/eval-runs.jsonl):
 * in logs/runs.jsonl they would count as the agent's last run, feed its
 * failure streak and output-size median, and could even cover a missed cron
 * slot. They cost real money all the same, so an eval run's budget check
 * counts production spend and eval spend together.
 */
export const EVAL_RUNS_JOURNAL = 'eval-runs.jsonl';

/** The file this host appends eval runs to (its own in a shared home: home/hosts.ts). */
export function evalRunsJournal(paths: HomePaths): string {
  return paths.journalHost === null
    ? join(paths.logs, EVAL_RUNS_JOURNAL)
    : join(paths.logs, journalFileName('eval-runs', paths.journalHost));
}

export async function monthSpendWithEvals(
  paths: HomePaths,
  agent: string,
  now: Date,
  timezone: string,
): Promise<number> {
  const trail = await openRunTrail(paths.logs, { timezone });
  const month = trail.monthKeyOf(now);
  let spent = trail.costPerAgentPerMonth([month]).get(agent)?.get(month) ?? 0;
  for (const file of await listJournals(paths.logs, 'eval-runs')) {
    for await (const { record } of readJsonl(file.path, runRecordSchema)) {
      if (record.agent === agent && trail.monthKeyOf(new Date(record.ended_at)) === month) spent += record.cost_usd;
    }
  }
  return spent;
}
