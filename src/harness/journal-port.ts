import type { HomePaths } from '../home/index.js';
import { appendRecord, openRunTrail, type RunRecord } from '../journal/index.js';

/** The journal as the harness uses it: one append per run, and the month's spend for the budget check. */
export async function appendRunRecord(paths: HomePaths, record: RunRecord): Promise<void> {
  await appendRecord(paths.runsJournal, record);
}

/** Month-to-date by the journal's own month rule (local month of ended_at), from its incremental index. */
export async function monthToDateUsd(paths: HomePaths, agent: string, now: Date, timezone: string): Promise<number> {
  const trail = await openRunTrail(paths.logs, { timezone });
  const month = trail.monthKeyOf(now);
  return trail.costPerAgentPerMonth([month]).get(agent)?.get(month) ?? 0;
}
