import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  emptyAgentSummary,
  factsOf,
  foldRun,
  mergeAgentSummaries,
  type MergedAgent,
  type SummaryPart,
} from './agent-summary.js';
import type { FileIndex, PendingLine } from './file-index.js';
import { refreshFileIndex, type RefreshAction } from './index-refresh.js';
import { removeStaleIndexes } from './index-store.js';
import { LocalDayClock, monthOfDayKey } from './local-day.js';
import * as queries from './queries.js';
import type { DaySummary, StatusCounts, TrailView } from './queries.js';
import { MAX_BAD_SAMPLES, type ReadStats } from './read-stats.js';
import type { RunRecord } from './records.js';
import { blockRanges, type ByteRange, runsInRanges } from './range-scan.js';
import { listRunJournals, type RunJournalFile } from './sources.js';
import type { MonthTotals } from './month-totals.js';

/**
 * The run trail as the views and commands see it: every run journal (archives,
 * host journals, runs.jsonl), indexed in logs/.index so that opening it over a
 * million runs reads only what was appended since the last time.
 *
 *   const trail = await openRunTrail(paths.logs, { timezone });
 *   trail.lastRunPerAgent();
 *   await trail.refresh(); // after the journal changed: reads the new bytes only
 */
export interface TrailOptions {
  /** IANA zone in which days and months are counted; default: the system's */
  timezone?: string;
  /** where the index files go; default <logsDir>/.index; null keeps them in memory only */
  indexDir?: string | null;
}

export interface JournalRefresh {
  name: string;
  action: RefreshAction | 'removed';
  bytesRead: number;
}

export interface RefreshReport {
  files: JournalRefresh[];
  bytesRead: number;
}

export interface JournalStats extends ReadStats {
  name: string;
}

interface Journal {
  file: RunJournalFile;
  index: FileIndex;
  pending: PendingLine | null;
}

export async function openRunTrail(logsDir: string, options: TrailOptions = {}): Promise<RunTrail> {
  const trail = new RunTrail(logsDir, options);
  await trail.refresh();
  return trail;
}

export class RunTrail {
  readonly logsDir: string;
  readonly timezone: string;
  private readonly clock: LocalDayClock;
  private readonly indexDir: string | null;
  private journals: Journal[] = [];
  private view: TrailView | undefined;
  private refreshing: Promise<RefreshReport> = Promise.resolve({ files: [], bytesRead: 0 });

  constructor(logsDir: string, options: TrailOptions = {}) {
    this.logsDir = logsDir;
    this.clock = new LocalDayClock(options.timezone ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'));
    this.timezone = this.clock.timezone;
    this.indexDir = options.indexDir === undefined ? join(logsDir, '.index') : options.indexDir;
  }

  /** Catches up with the journals: new bytes only, unless a file was rotated or replaced. Calls queue up. */
  refresh(): Promise<RefreshReport> {
    this.refreshing = this.refreshing.catch(() => undefined).then(() => this.refreshNow());
    return this.refreshing;
  }

  private async refreshNow(): Promise<RefreshReport> {
    const files = await listRunJournals(this.logsDir);
    const before = new Map(this.journals.map((journal) => [journal.file.name, journal]));
    const context = { clock: this.clock, indexDir: this.indexDir };
    const journals: Journal[] = [];
    const report: RefreshReport = { files: [], bytesRead: 0 };
    for (const file of files) {
      const outcome = await refreshFileIndex(file, before.get(file.name)?.index, context);
      before.delete(file.name);
      if (outcome === undefined) {
        report.files.push({ name: file.name, action: 'removed', bytesRead: 0 });
        continue;
      }
      journals.push({ file, index: outcome.index, pending: outcome.pending });
      report.files.push({ name: file.name, action: outcome.action, bytesRead: outcome.bytesRead });
      report.bytesRead += outcome.bytesRead;
    }
    for (const name of before.keys()) report.files.push({ name, action: 'removed', bytesRead: 0 });
    this.journals = journals;
    this.view = undefined;
    if (this.indexDir !== null)
      await removeStaleIndexes(
        this.indexDir,
        files.map((file) => file.name),
      );
    return report;
  }

  /** The files read, oldest first. */
  files(): RunJournalFile[] {
    return this.journals.map((journal) => journal.file);
  }

  /** Good and bad lines per file, as a full read of each would count them now. */
  stats(): JournalStats[] {
    return this.journals.map(({ file, index, pending }) => {
      const stats: JournalStats = {
        name: file.name,
        good: index.stats.good,
        bad: index.stats.bad,
        badSamples: [...index.stats.badSamples],
      };
      if (pending?.run) stats.good++;
      if (pending?.problem) {
        stats.bad++;
        if (stats.badSamples.length < MAX_BAD_SAMPLES)
          stats.badSamples.push({ line: pending.line, offset: pending.offset, problem: pending.problem });
      }
      return stats;
    });
  }

  badLineCount(): number {
    return this.stats().reduce((sum, stats) => sum + stats.bad, 0);
  }

  /** Agents with at least one run, sorted. */
  agents(): string[] {
    return [...this.currentView().agents.keys()].sort();
  }

  lastRunPerAgent(): Map<string, RunRecord> {
    return queries.lastRunPerAgent(this.currentView());
  }

  lastRun(agent: string): RunRecord | undefined {
    return queries.lastRun(this.currentView(), agent);
  }

  /** The agent's last `n` (≤ 30) runs by ended_at, newest first. */
  recentRuns(agent: string, n?: number): RunRecord[] {
    return queries.recentRuns(this.currentView(), agent, n);
  }

  /** Consecutive non-OK runs at the end (SKIPPED ignored), exact up to 1024. */
  failureStreak(agent: string): number {
    return queries.failureStreak(this.currentView(), agent);
  }

  lastOkOutputSizes(agent: string): number[] {
    return queries.lastOkOutputSizes(this.currentView(), agent);
  }

  medianOkOutputSize(agent: string): number | undefined {
    return queries.medianOkOutputSize(this.currentView(), agent);
  }

  /** Ascending by day; with `fromDay` ("YYYY-MM-DD"), only the days from it on (`costs` needs six months, not years). */
  dailySummaries(agent: string, fromDay?: string): DaySummary[] {
    return queries.dailySummaries(this.currentView(), agent, fromDay);
  }

  /** "YYYY-MM-DD" of the agent's first day with a run (what the watchdog tracks it from). */
  firstRunDay(agent: string): string | undefined {
    return queries.firstRunDay(this.currentView(), agent);
  }

  /** Totals over local days "YYYY-MM-DD" from..to inclusive: a week, a month, today. */
  totalsOfDays(agent: string | null, fromDay: string, toDay: string): DaySummary {
    return queries.totalsOfDays(this.currentView(), agent, fromDay, toDay);
  }

  costPerAgentPerMonth(months?: readonly string[]): Map<string, Map<string, number>> {
    return queries.costPerAgentPerMonth(this.currentView(), months);
  }

  /** The agent's cost per local day "YYYY-MM-DD", fromDay..toDay inclusive; days without runs are absent. */
  dailyCosts(agent: string, fromDay: string, toDay: string): Map<string, number> {
    return queries.dailyCosts(this.currentView(), agent, fromDay, toDay);
  }

  /** The agent's months "YYYY-MM" with runs (with `only`, of those months): cost, runs, billable runs. */
  monthTotals(agent: string, only?: readonly string[]): Map<string, MonthTotals> {
    return queries.monthTotals(this.currentView(), agent, only === undefined ? undefined : new Set(only));
  }

  /** "YYYY-MM-DD" of an instant in the trail's time zone. */
  dayKeyOf(date: Date): string {
    return this.clock.keyOf(this.clock.dayOf(date.getTime()));
  }

  /** "YYYY-MM" of an instant in the trail's time zone. */
  monthKeyOf(date: Date): string {
    return monthOfDayKey(this.dayKeyOf(date));
  }

  /**
   * Runs that ended in [from, to), of one agent or (null) all, file by file in
   * journal order (roughly end order). Reads only the blocks of the sparse
   * index that overlap the range.
   */
  runsInRange(agent: string | null, from: Date, to: Date): AsyncIterable<RunRecord> {
    return { [Symbol.asyncIterator]: () => this.scan(agent, from.getTime(), to.getTime()) };
  }

  /**
   * Runs per status that ended in [from, to) (either end open when omitted).
   * Whole local days come from the daily summaries; only the partial days at
   * the edges are read from the journal.
   */
  async runsPerStatus(agent?: string | null, from?: Date, to?: Date): Promise<StatusCounts> {
    const who = agent ?? null;
    const fromMs = from?.getTime() ?? Number.NEGATIVE_INFINITY;
    const toMs = to?.getTime() ?? Number.POSITIVE_INFINITY;
    if (!(fromMs < toMs)) return queries.emptyStatusCounts();
    const { clock } = this;
    // local days only move forward in time, so a day strictly between the edge days lies wholly inside the range
    let firstWholeDay = Number.NEGATIVE_INFINITY;
    let lastWholeDay = Number.POSITIVE_INFINITY;
    const edges: Array<[number, number]> = [];
    if (Number.isFinite(fromMs)) {
      const day = clock.dayOf(fromMs);
      const dayStart = clock.startOf(day);
      firstWholeDay = fromMs === dayStart ? day : day + 1;
      if (fromMs !== dayStart) edges.push([fromMs, Math.min(toMs, clock.startOf(day + 1))]);
    }
    if (Number.isFinite(toMs)) {
      const day = clock.dayOf(toMs);
      lastWholeDay = day - 1;
      const dayStart = Math.max(fromMs, clock.startOf(day));
      if (dayStart < toMs && !(edges.length > 0 && (edges[0] as [number, number])[1] >= toMs))
        edges.push([dayStart, toMs]);
    }
    const counts =
      firstWholeDay <= lastWholeDay
        ? queries.statusCountsOfDays(this.currentView(), who, firstWholeDay, lastWholeDay)
        : queries.emptyStatusCounts();
    for (const [edgeFrom, edgeTo] of edges) {
      for await (const run of this.scan(who, edgeFrom, edgeTo)) queries.countStatus(counts, run.status);
    }
    return counts;
  }

  private async *scan<T = RunRecord>(
    agent: string | null,
    fromMs: number,
    toMs: number,
    inRanges: (
      file: RunJournalFile,
      ranges: ByteRange[],
      agent: string | null,
      fromMs: number,
      toMs: number,
    ) => AsyncGenerator<T> = runsInRanges as never,
    ofPending: (run: RunRecord) => T = (run) => run as T,
  ): AsyncGenerator<T> {
    if (!(fromMs < toMs)) return;
    await this.refreshIfMoved();
    for (const { file, index, pending } of this.journals) {
      if (agent === null || index.agents.has(agent)) {
        yield* inRanges(file, blockRanges(index, fromMs, toMs), agent, fromMs, toMs);
      }
      const run = pending?.run;
      if (
        run &&
        (agent === null || run.agent === agent) &&
        (pending as PendingLine).ms >= fromMs &&
        (pending as PendingLine).ms < toMs
      )
        yield ofPending(run);
    }
  }

  /** Offsets from an index are only good for the file it was built from: re-index first if one was rotated or cut. */
  private async refreshIfMoved(): Promise<void> {
    for (const { file, index } of this.journals) {
      const now = await stat(file.path, { bigint: true }).catch(() => undefined);
      if (
        now === undefined ||
        now.ino.toString() !== index.identity.ino ||
        now.dev.toString() !== index.identity.dev ||
        Number(now.size) < index.covered
      ) {
        await this.refresh();
        return;
      }
    }
  }

  private currentView(): TrailView {
    if (this.view === undefined) this.view = this.buildView();
    return this.view;
  }

  private buildView(): TrailView {
    const parts = new Map<string, SummaryPart[]>();
    const add = (agent: string, part: SummaryPart): void => {
      const list = parts.get(agent);
      if (list === undefined) parts.set(agent, [part]);
      else list.push(part);
    };
    this.journals.forEach(({ index, pending }, file) => {
      for (const [agent, summary] of index.agents) add(agent, { file, summary });
      // a complete record still missing its newline counts, as it does for a full read; it stays out of the stored index
      if (pending?.run) {
        const summary = emptyAgentSummary();
        foldRun(
          summary,
          factsOf(pending.run, pending.ms),
          pending.run,
          pending.offset,
          pending.end,
          this.clock.dayOf(pending.ms),
        );
        add(pending.run.agent, { file, summary });
      }
    });
    const agents = new Map<string, MergedAgent>();
    for (const [agent, list] of parts) agents.set(agent, mergeAgentSummaries(list));
    return { clock: this.clock, agents };
  }
}
