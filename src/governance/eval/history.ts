import type { HomePaths } from '../../home/index.js';
import { type EvalRecord, evalRecordSchema, listJournals, readJsonl } from '../../journal/index.js';

/**
 * An agent's eval results over time, per case, oldest first: from every
 * evals journal of the home (each host's own in a shared home), merged by
 * time. Lines written before content scores existed read as records
 * without a score.
 */
export async function readEvalHistory(paths: HomePaths, agent: string): Promise<Map<string, EvalRecord[]>> {
  const all: EvalRecord[] = [];
  for (const file of await listJournals(paths.logs, 'evals')) {
    for await (const { record } of readJsonl(file.path, evalRecordSchema)) if (record.agent === agent) all.push(record);
  }
  all.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const byCase = new Map<string, EvalRecord[]>();
  for (const record of all) {
    const list = byCase.get(record.case) ?? [];
    list.push(record);
    byCase.set(record.case, list);
  }
  return byCase;
}

/**
 * The content scores a case's next score is compared with: those recorded
 * since its baseline was last stored (a score against another baseline
 * measures something else), oldest first.
 */
export function scoresSinceBaseline(records: readonly EvalRecord[]): number[] {
  const scores: number[] = [];
  for (const record of records) {
    if (record.baseline) scores.length = 0;
    else if (typeof record.similarity === 'number') scores.push(record.similarity);
  }
  return scores;
}
