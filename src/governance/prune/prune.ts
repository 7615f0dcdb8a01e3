import type { Home } from '../../home/index.js';
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
  logs: (RotateResult & { cutoff: string }) | null;
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
      const rotated = await rotateRunJournal(home.paths, {
        cutoff,
        timezone: home.defaults.timezone,
        dryRun: options.dryRun,
        hook: options.rotateHook,
        settleMs: options.settleMs,
      });
      logs = { ...rotated, cutoff: cutoff.toISOString() };
    }
    return { dryRun: options.dryRun, at: now.toISOString(), plan, applied, logs };
  };
  return options.dryRun ? work() : withPruneLock(home.paths, work);
}
