import type { RunnerKind } from '../agents/index.js';
import {
  buildPriceTable,
  createRunner,
  type PriceOverrideInput,
  type PriceTable,
  type Runner,
  terminateRun,
} from '../runners/index.js';
import type { TerminateTarget } from './ports.js';

/** The runners room as the harness uses it. Loaded only when a run gets that far. */
export function createRunnerFor(kind: RunnerKind): Runner {
  return createRunner(kind);
}

/** A pid or group not known yet is 0, which terminateRun never signals; the run-id sweep still runs. */
export async function terminateRunTree(target: TerminateTarget, options: { graceMs: number }): Promise<void> {
  await terminateRun(
    { runId: target.runId, pid: target.pid ?? 0, pgid: target.pgid ?? 0, cgroup: target.cgroup ?? null },
    options.graceMs,
    { notBefore: target.notBefore ?? null },
  );
}

export function priceTableWith(overrides: Record<string, PriceOverrideInput>): PriceTable {
  return buildPriceTable(overrides);
}
