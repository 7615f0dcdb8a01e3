import type { Schema } from '../shared/index.js';
import { readJsonl } from './reader.js';
import { MAX_BAD_SAMPLES, type BadLineSample } from './read-stats.js';
import { listJournals, type JournalKind } from './sources.js';

export interface AllRecords<T> {
  records: T[];
  bad: number;
  badSamples: BadLineSample[];
}

/**
 * The whole of a small journal (alerts, changes, reviews, evals) in memory,
 * bad lines skipped and counted. The run trail is too big for this: use
 * openRunTrail or readRuns.
 */
export async function readAll<T>(file: string, schema: Schema<T>): Promise<AllRecords<T>> {
  const reading = readJsonl(file, schema);
  const records: T[] = [];
  for await (const entry of reading) records.push(entry.record);
  return { records, bad: reading.stats.bad, badSamples: reading.stats.badSamples };
}

/**
 * The whole of a small journal kind (alerts, changes, reviews, evals) over all
 * its files (listJournals: the home's file and each host's own), merged into
 * one sequence: by time, then host (hosts by name, the home's file last), each file's own
 * order kept. Deterministic, so every host folds the same alerts the same way.
 */
export async function readMerged<T extends { at: string }>(
  logsDir: string,
  kind: JournalKind,
  schema: Schema<T>,
): Promise<AllRecords<T>> {
  const files = await listJournals(logsDir, kind);
  const parts = await Promise.all(files.map((file) => readAll(file.path, schema)));
  const bad = parts.reduce((sum, part) => sum + part.bad, 0);
  const badSamples = parts.flatMap((part) => part.badSamples).slice(0, MAX_BAD_SAMPLES);
  return {
    records: mergeByTime(
      parts.map((part) => part.records),
      (record) => record.at,
    ),
    bad,
    badSamples,
  };
}

/**
 * Merges lists, each in its own order, into one: the head with the earliest
 * time goes first, a tie to the earlier list (lists come in host order). A
 * list is never reordered, so records of one host keep their append order
 * even if its clock stepped back. Pure.
 */
export function mergeByTime<T>(lists: readonly (readonly T[])[], timeOf: (item: T) => string): T[] {
  const live = lists.filter((list) => list.length > 0);
  if (live.length <= 1) return [...(live[0] ?? [])];
  const positions = live.map(() => 0);
  const times = live.map((list) => Date.parse(timeOf(list[0] as T)));
  const merged: T[] = [];
  for (;;) {
    let best = -1;
    for (let i = 0; i < live.length; i++) {
      if (positions[i] === (live[i] as readonly T[]).length) continue;
      if (best === -1 || (times[i] as number) < (times[best] as number)) best = i;
    }
    if (best === -1) return merged;
    const list = live[best] as readonly T[];
    const at = (positions[best] as number) + 1;
    merged.push(list[at - 1] as T);
    positions[best] = at;
    if (at < list.length) times[best] = Date.parse(timeOf(list[at] as T));
  }
}
