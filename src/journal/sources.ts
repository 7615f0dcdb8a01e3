import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { byCodeUnits, CorruptFileError, errorMessage } from '../shared/index.js';
import { runRecordSchema, type RunRecord } from './records.js';
import { readJsonl, type JsonlEntry } from './reader.js';
import { emptyStats, type ReadStats } from './read-stats.js';

/**
 * The run trail is a set of files (DESIGN §3, §10): yearly archives that
 * `prune --logs` writes, one journal per host for homes shared over a network
 * file system, and logs/runs.jsonl. Every reader lists them here, so none
 * forgets one.
 */
export interface RunJournalFile {
  /** path relative to the logs folder, with "/" (e.g. "archive/runs-2025.jsonl.gz") */
  name: string;
  path: string;
  kind: 'archive' | 'host' | 'main';
  gzip: boolean;
}

const ARCHIVE = /^runs-(\d{4})(?:@([^/]+))?\.jsonl\.gz$/;
const HOST_JOURNAL = /^runs@([^/]+)\.jsonl$/;
export const MAIN_JOURNAL = 'runs.jsonl';

async function listNames(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw new CorruptFileError(dir, `cannot list the run journals: ${errorMessage(error)}`, {
      expected: 'a readable folder',
      actual: code,
      cause: error,
    });
  }
}

/**
 * Oldest first: archives by year (a year's host archives after its shared one),
 * then the per-host journals by host name, then runs.jsonl. Only files that
 * exist are listed.
 */
export async function listRunJournals(logsDir: string): Promise<RunJournalFile[]> {
  const archiveDir = join(logsDir, 'archive');
  const archives = (await listNames(archiveDir))
    .map((name) => ({ name, match: ARCHIVE.exec(name) }))
    .filter((entry): entry is { name: string; match: RegExpExecArray } => entry.match !== null)
    .sort(
      (a, b) =>
        byCodeUnits(a.match[1] as string, b.match[1] as string) || byCodeUnits(a.match[2] ?? '', b.match[2] ?? ''),
    )
    .map(({ name }): RunJournalFile => ({
      name: `archive/${name}`,
      path: join(archiveDir, name),
      kind: 'archive',
      gzip: true,
    }));
  const top = await listNames(logsDir);
  const hosts = top
    .filter((name) => HOST_JOURNAL.test(name))
    .sort(byCodeUnits)
    .map((name): RunJournalFile => ({ name, path: join(logsDir, name), kind: 'host', gzip: false }));
  const main: RunJournalFile[] = top.includes(MAIN_JOURNAL)
    ? [{ name: MAIN_JOURNAL, path: join(logsDir, MAIN_JOURNAL), kind: 'main', gzip: false }]
    : [];
  return [...archives, ...hosts, ...main];
}

export interface RunEntry extends JsonlEntry<RunRecord> {
  file: RunJournalFile;
  /** position of `file` in the listing: with `offset`, it breaks ties between runs that ended at the same time */
  fileIndex: number;
}

export interface RunsReading extends AsyncIterable<RunEntry> {
  /** per file name; complete once iteration ends */
  readonly stats: Map<string, ReadStats>;
  /** all files together */
  readonly total: ReadStats;
}

/**
 * Every run record of the trail, file after file in listing order: a whole
 * scan. Queries that need less should use the indexed trail (openRunTrail).
 */
export function readRuns(logsDir: string, options: { files?: readonly RunJournalFile[] } = {}): RunsReading {
  const stats = new Map<string, ReadStats>();
  const total = emptyStats();
  async function* all(): AsyncGenerator<RunEntry> {
    const files = options.files ?? (await listRunJournals(logsDir));
    for (const [fileIndex, file] of files.entries()) {
      const reading = readJsonl(file.path, runRecordSchema);
      stats.set(file.name, reading.stats);
      for await (const entry of reading) yield { ...entry, file, fileIndex };
      total.good += reading.stats.good;
      total.bad += reading.stats.bad;
      for (const sample of reading.stats.badSamples) if (total.badSamples.length < 5) total.badSamples.push(sample);
    }
  }
  return { stats, total, [Symbol.asyncIterator]: all };
}
