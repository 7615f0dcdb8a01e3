import { readRuns } from '../../../src/journal/sources.js';
import type { RunRecord, RunStatus } from '../../../src/journal/records.js';

/**
 * The answers the index must give, computed the slow, obvious way: read every
 * file in full, sort, filter, count. Local days come from Intl for every
 * record, independently of LocalDayClock.
 */
export interface NaiveRun {
  run: RunRecord;
  ms: number;
  file: number;
  off: number;
}

export interface NaiveTrail {
  runs: NaiveRun[];
  bad: number;
  good: number;
  badPerFile: Map<string, number>;
}

export async function naiveTrail(logsDir: string): Promise<NaiveTrail> {
  const reading = readRuns(logsDir);
  const runs: NaiveRun[] = [];
  for await (const entry of reading)
    runs.push({ run: entry.record, ms: Date.parse(entry.record.ended_at), file: entry.fileIndex, off: entry.offset });
  runs.sort((a, b) => a.ms - b.ms || a.file - b.file || a.off - b.off);
  const badPerFile = new Map([...reading.stats].map(([name, stats]) => [name, stats.bad]));
  return { runs, bad: reading.total.bad, good: reading.total.good, badPerFile };
}

const formats = new Map<string, Intl.DateTimeFormat>();

export function localDay(ms: number, timezone: string): string {
  let format = formats.get(timezone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formats.set(timezone, format);
  }
  const parts = format.formatToParts(ms);
  const get = (type: string): string => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function ofAgent(trail: NaiveTrail, agent: string): NaiveRun[] {
  return trail.runs.filter((entry) => entry.run.agent === agent);
}

export function naiveRecent(trail: NaiveTrail, agent: string, n: number): RunRecord[] {
  return ofAgent(trail, agent)
    .slice(-n)
    .reverse()
    .map((entry) => entry.run);
}

export function naiveStreak(trail: NaiveTrail, agent: string, cap: number): number {
  let streak = 0;
  for (const { run } of ofAgent(trail, agent).reverse()) {
    if (run.status === 'SKIPPED' || run.status === 'KILLED') continue; // neutral: no failure, no recovery
    if (run.status === 'OK') break;
    streak++;
  }
  return Math.min(streak, cap);
}

export function naiveOkSizes(trail: NaiveTrail, agent: string): number[] {
  return ofAgent(trail, agent)
    .filter((entry) => entry.run.status === 'OK')
    .slice(-10)
    .map((entry) => entry.run.output_size_bytes);
}

export interface NaiveDay {
  runs: number;
  costUsd: number;
  durationMs: number;
  byStatus: Partial<Record<RunStatus, number>>;
}

export function naiveDays(trail: NaiveTrail, agent: string, timezone: string): Map<string, NaiveDay> {
  const days = new Map<string, NaiveDay>();
  for (const { run, ms } of ofAgent(trail, agent)) {
    const key = localDay(ms, timezone);
    const day = days.get(key) ?? { runs: 0, costUsd: 0, durationMs: 0, byStatus: {} };
    day.runs++;
    day.costUsd += run.cost_usd;
    day.durationMs += run.duration_ms;
    day.byStatus[run.status] = (day.byStatus[run.status] ?? 0) + 1;
    days.set(key, day);
  }
  return days;
}

export function naiveStatusCounts(
  trail: NaiveTrail,
  agent: string | null,
  fromMs: number,
  toMs: number,
): Partial<Record<RunStatus, number>> {
  const counts: Partial<Record<RunStatus, number>> = {};
  for (const { run, ms } of trail.runs) {
    if ((agent === null || run.agent === agent) && ms >= fromMs && ms < toMs)
      counts[run.status] = (counts[run.status] ?? 0) + 1;
  }
  return counts;
}
