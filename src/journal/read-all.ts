import type { Schema } from '../shared/index.js';
import { readJsonl } from './reader.js';
import type { BadLineSample } from './read-stats.js';

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
