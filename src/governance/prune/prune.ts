import { join } from 'node:path';
import type { Home } from '../../home/index.js';
import { listRunJournals } from '../../journal/index.js';
import { applyPlan, type ApplyOptions, type ApplyResult } from './apply.js';
import { gatherOutputs } from './gather.js';
import { withPruneLock } from './lock.js';
import { planPrune, type PrunePlan } from './plan.js';
import { rotateRunJournal, type RotateOptions, type RotateResult } from './rotate-runs.js';

/**
 * `nightshift prune`: outputs past their retention are archived (or, where
 * the agent says `then: delete`, deleted); with --logs, run records older
 * than the given age move to the yearly archives of the audit trail. The
 * trail is never pruned unless asked.
 */
export interface PruneOptions {
  dryRun: boolean;
  /** rotate logs/runs.jsonl: records that ended more than this long ago move to the yearly archives */
  logsOlderThanMs?: number | null;
  now?: Date;
  hook?: ApplyOptions['hook'];
  rotateHook?: RotateOptions['hook'];
  batchFiles?: number;
  settleMs?: number;
}

export interface PruneReport {
  dryRun: boolean;
  at: string;
  plan: PrunePlan;
  /** null on a dry run */
  applied: ApplyResult | null;
  logs: PruneLogs | null;
}

/**
 * The rotation's totals over the journals rotated (their sum), each journal's
 * own result, and the host journals left to their hosts' prune: in a shared
 * home a host rotates only what it writes (its runs@<host>.jsonl, and the
 * home's runs.jsonl, which no host appends to then), so no file is written by two hosts.
 */
export interface PruneLogs extends RotateResult {
  cutoff: string;
  journals: RotateResult[];
  /** other hosts' journals (logs/runs@<host>.jsonl), rotated by `prune --logs` on those hosts */
  leftToOtherHosts: string[];
}

export async function prune(home: Home, options: PruneOptions): Promise<PruneReport> {
  const now = options.now ?? new Date();
  const work = async (): Promise<PruneReport> => {
    const plan = planPrune(await gatherOutputs(home), now);
    const applied = options.dryRun
      ? null
      : await applyPlan(home, plan, { hook: options.hook, batchFiles: options.batchFiles });
    let logs: PruneReport['logs'] = null;
    if (options.logsOlderThanMs) {
      const cutoff = new Date(now.getTime() - options.logsOlderThanMs);
      const rotateOptions: RotateOptions = {
        cutoff,
        timezone: home.defaults.timezone,
        dryRun: options.dryRun,
        hook: options.rotateHook,
        settleMs: options.settleMs,
      };
      logs = await rotateOwnJournals(home, rotateOptions, cutoff);
    }
    return { dryRun: options.dryRun, at: now.toISOString(), plan, applied, logs };
  };
  return options.dryRun ? work() : withPruneLock(home.paths, work);
}

async function rotateOwnJournals(home: Home, options: RotateOptions, cutoff: Date): Promise<PruneLogs> {
  const { paths } = home;
  const files = await listRunJournals(paths.logs);
  const journals = [await rotateRunJournal(paths, options)];
  // a shared home's runs.jsonl (history from before it was shared): no host appends to it now
  if (paths.journalHost !== null && files.some((file) => file.kind === 'main'))
    journals.push(await rotateRunJournal(paths, options, { journal: join(paths.logs, 'runs.jsonl'), host: null }));
  const others = files
    .filter((file) => file.kind === 'host' && file.host !== paths.journalHost)
    .map((file) => file.name);
  const byYear: Record<string, number> = {};
  for (const journal of journals)
    for (const [year, n] of Object.entries(journal.byYear)) byYear[year] = (byYear[year] ?? 0) + n;
  const first = journals[0] as RotateResult;
  return {
    journal: first.journal,
    host: first.host,
    byYear,
    alreadyArchived: journals.reduce((sum, j) => sum + j.alreadyArchived, 0),
    kept: journals.reduce((sum, j) => sum + j.kept, 0),
    archives: journals.flatMap((j) => j.archives),
    cutoff: cutoff.toISOString(),
    journals,
    leftToOtherHosts: others,
  };
}
