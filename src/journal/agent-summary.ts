import { DayTable, statusIndex } from './day-table.js';
import { emptyStreak, foldStreak, mergeStreaks, type StreakState } from './failure-streak.js';
import type { RunRecord, RunStatus } from './records.js';
import { mergeGreatest, slotFor, type RunKey } from './run-order.js';

/**
 * What the views and the watchdog need about one agent, kept small enough to
 * update per record and to store: the fold of its runs in one journal file.
 * Summaries of several files merge into the answer for the whole trail.
 * Pure: no disk, no clock.
 */

export const RECENT_RUNS = 30;
export const OK_SIZES = 10;

/** What a summary needs of a run. */
export interface RunFacts {
  agent: string;
  status: RunStatus;
  /** ended_at in epoch ms */
  endedMs: number;
  durationMs: number;
  costUsd: number;
  outputSize: number;
}

export interface KeyedRun extends RunKey {
  /** offset just past the record's line */
  end: number;
  /**
   * null until read: the fast path of an index build folds a line without
   * building its record, and only the few that stay among the last runs are
   * read again at the end of a refresh (index-refresh)
   */
  run: RunRecord | null;
  /**
   * The record as JSON in a loaded index's bytes while `run` is null, parsed
   * on first need (recordOf): a view reads one or a few of the 30, and a
   * home shared by hosts keeps 30 per host of which the merge keeps 30 in all.
   */
  stored: Buffer | null;
}

/** The entry's record, parsed from the stored index on first need; null while the fast path has not read it. */
export function recordOf(entry: KeyedRun): RunRecord | null {
  if (entry.run === null && entry.stored !== null) {
    entry.run = JSON.parse(entry.stored.toString('utf8')) as RunRecord;
    entry.stored = null;
  }
  return entry.run;
}

/** A recent run whose record is neither built nor stored: index-refresh reads it back from the journal. */
export function isUnread(entry: KeyedRun): boolean {
  return entry.run === null && entry.stored === null;
}

export interface KeyedSize extends RunKey {
  size: number;
}

export interface AgentSummary {
  /** the last RECENT_RUNS runs by ended_at, ascending */
  recent: KeyedRun[];
  /** output_size_bytes of the last OK_SIZES OK runs, ascending */
  okSizes: KeyedSize[];
  streak: StreakState;
  /** by local day (see LocalDayClock) of ended_at */
  days: DayTable;
}

export function emptyAgentSummary(): AgentSummary {
  return { recent: [], okSizes: [], streak: emptyStreak(), days: new DayTable() };
}

const newKeyedRun = (): KeyedRun => ({ ms: 0, off: 0, end: 0, run: null, stored: null });
const newKeyedSize = (): KeyedSize => ({ ms: 0, off: 0, size: 0 });

export function factsOf(run: RunRecord, endedMs: number): RunFacts {
  return {
    agent: run.agent,
    status: run.status,
    endedMs,
    durationMs: run.duration_ms,
    costUsd: run.cost_usd,
    outputSize: run.output_size_bytes,
  };
}

/**
 * Folds one run into an agent's summary. `run` may be null (the fast path):
 * `facts` carry all the summary needs. `off`..`end` is the record's line,
 * `day` the local day of its ended_at.
 */
export function foldRun(
  summary: AgentSummary,
  facts: RunFacts,
  run: RunRecord | null,
  off: number,
  end: number,
  day: number,
): void {
  const ms = facts.endedMs;
  const recent = slotFor(summary.recent, ms, off, RECENT_RUNS, newKeyedRun);
  if (recent !== null) {
    recent.end = end;
    recent.run = run;
    recent.stored = null;
  }
  if (facts.status === 'OK') {
    const okSize = slotFor(summary.okSizes, ms, off, OK_SIZES, newKeyedSize);
    if (okSize !== null) okSize.size = facts.outputSize;
  }
  foldStreak(summary.streak, facts.status, ms, off);
  summary.days.addRun(day, statusIndex(facts.status), facts.costUsd, facts.durationMs);
}

/** An agent over the whole trail. */
export interface MergedAgent {
  /** ascending by ended_at; the last is the agent's last run (recordOf reads each) */
  recent: KeyedRun[];
  /** output sizes of the last OK runs, oldest first */
  okSizes: number[];
  failureStreak: number;
  days: DayTable;
}

export interface SummaryPart {
  /** the file's position in the trail's listing */
  file: number;
  summary: AgentSummary;
}

export function mergeAgentSummaries(parts: readonly SummaryPart[]): MergedAgent {
  const recent = mergeGreatest(
    parts.map(({ file, summary }) => ({ file, list: summary.recent })),
    RECENT_RUNS,
  );
  const okSizes = mergeGreatest(
    parts.map(({ file, summary }) => ({ file, list: summary.okSizes })),
    OK_SIZES,
  );
  const days =
    parts.length === 1
      ? (parts[0] as SummaryPart).summary.days
      : DayTable.sum(parts.map(({ summary }) => summary.days));
  return {
    recent,
    okSizes: okSizes.map((entry) => entry.size),
    failureStreak: mergeStreaks(parts.map(({ file, summary }) => ({ file, state: summary.streak }))),
    days,
  };
}

/** The middle value (the mean of the two middle ones for an even count); undefined for none. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
