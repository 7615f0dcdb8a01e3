import type { RunnerKind } from '../agents/index.js';
import type { HomePaths } from '../home/index.js';
import type { RunRecord } from '../journal/index.js';
import type { PriceTable, Runner } from '../runners/index.js';

/**
 * What the harness needs from the rooms next door (runners, journal), behind
 * one seam: the real modules by default, a stand-in in tests that must not
 * spawn anything. Loaded lazily so `nightshift run` pays only for the runner
 * it uses.
 */
export interface TerminateTarget {
  runId: string;
  /** the runner's process group */
  pgid: number | null;
  /** the runner's leader process */
  pid: number | null;
  /** the runner's own cgroup, when it has one (checked against the run id before use) */
  cgroup?: string | null;
  /** when the harness that ran it started (the lock's pid_start_ticks, this boot): nothing of the run is older */
  notBefore?: number | null;
}

export interface HarnessPorts {
  createRunner(kind: RunnerKind): Runner | Promise<Runner>;
  /** the built-in price list with nightshift.yaml's `prices:` over it */
  priceTable(
    overrides: Record<string, { input: number; output: number; cache_write?: number; cache_read?: number }>,
  ): PriceTable;
  /** ends a run's processes from outside its supervisor: its cgroup, the group, then every process carrying its run id */
  terminateRun(target: TerminateTarget, options: { graceMs: number }): Promise<void>;
  appendRunRecord(paths: HomePaths, record: RunRecord): Promise<void>;
  /** USD spent by `agent` in the calendar month of `now` in `timezone`, from the run journals */
  monthToDateUsd(paths: HomePaths, agent: string, now: Date, timezone: string): Promise<number>;
}

export async function defaultPorts(): Promise<HarnessPorts> {
  const [runners, journal] = await Promise.all([import('./runner-port.js'), import('./journal-port.js')]);
  return {
    createRunner: runners.createRunnerFor,
    priceTable: runners.priceTableWith,
    terminateRun: runners.terminateRunTree,
    appendRunRecord: journal.appendRunRecord,
    monthToDateUsd: journal.monthToDateUsd,
  };
}

export async function portsWith(overrides: Partial<HarnessPorts> | undefined): Promise<HarnessPorts> {
  return { ...(await defaultPorts()), ...overrides };
}
