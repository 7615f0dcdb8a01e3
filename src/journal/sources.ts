import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { byCodeUnits, CorruptFileError, errorMessage } from '../shared/index.js';
import { runRecordSchema, type RunRecord } from './records.js';
import { readJsonl, type JsonlEntry } from './reader.js';
import { emptyStats, type ReadStats } from './read-stats.js';

/**
 * Every journal is a set of files (DESIGN §3, §10): yearly archives that
 * `prune --logs` writes, one journal per host for homes shared over a network
 * file system (`<kind>@<host>.jsonl`: each host appends only to its own, as
 * O_APPEND is not atomic across hosts there), and the home's `<kind>.jsonl`.
 * Every reader lists them here (listJournals), so none forgets one.
 */
export const JOURNAL_KINDS = ['runs', 'alerts', 'changes', 'reviews', 'evals', 'eval-runs'] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

export interface JournalFile {
  /** path relative to the logs folder, with "/" (e.g. "archive/runs-2025.jsonl.gz") */
  name: string;
  path: string;
  kind: 'archive' | 'host' | 'main';
  gzip: boolean;
  /** the host that appends to it (host journals, host archives); null for the home's shared file */
  host: string | null;
}
export type RunJournalFile = JournalFile;

export const MAIN_JOURNAL = 'runs.jsonl';

/** The file a host appends `kind` records to: `<kind>@<host>.jsonl` in a shared home, else `<kind>.jsonl`. */
export function journalFileName(kind: JournalKind, host: string | null): string {
  return host === null ? `${kind}.jsonl` : `${kind}@${host}.jsonl`;
}

/** A yearly archive's name: `<kind>-YYYY.jsonl.gz`, or `<kind>-YYYY@<host>.jsonl.gz` for a host's own journal. */
export function archiveFileName(kind: JournalKind, year: string, host: string | null): string {
  return host === null ? `${kind}-${year}.jsonl.gz` : `${kind}-${year}@${host}.jsonl.gz`;
}

interface Patterns {
  archive: RegExp;
  host: RegExp;
}
const patterns = new Map<JournalKind, Patterns>(
  JOURNAL_KINDS.map((kind) => [
    kind,
    {
      archive: new RegExp(`^${kind}-(\\d{4})(?:@([^/]+))?\\.jsonl\\.gz$`),
      host: new RegExp(`^${kind}@([^/]+)\\.jsonl$`),
    },
  ]),
);

async function listNames(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw new CorruptFileError(dir, `cannot list the journals: ${errorMessage(error)}`, {
      expected: 'a readable folder',
      actual: code,
      cause: error,
    });
  }
}

/**
 * Oldest first: archives by year (a year's host archives after its shared one,
 * by host name), then the per-host journals by host name, then `<kind>.jsonl`.
 * Only files that exist are listed.
 */
export async function listJournals(logsDir: string, kind: JournalKind): Promise<JournalFile[]> {
  const { archive, host } = patterns.get(kind) as Patterns;
  const archiveDir = join(logsDir, 'archive');
  const archives = (await listNames(archiveDir))
    .map((name) => ({ name, match: archive.exec(name) }))
    .filter((entry): entry is { name: string; match: RegExpExecArray } => entry.match !== null)
    .sort(
      (a, b) =>
        byCodeUnits(a.match[1] as string, b.match[1] as string) || byCodeUnits(a.match[2] ?? '', b.match[2] ?? ''),
    )
    .map(({ name, match }): JournalFile => ({
      name: `archive/${name}`,
      path: join(archiveDir, name),
      kind: 'archive',
      gzip: true,
      host: match[2] ?? null,
    }));
  const top = await listNames(logsDir);
  const hosts = top
    .map((name) => ({ name, match: host.exec(name) }))
    .filter((entry): entry is { name: string; match: RegExpExecArray } => entry.match !== null)
    .sort((a, b) => byCodeUnits(a.name, b.name))
    .map(({ name, match }): JournalFile => ({
      name,
      path: join(logsDir, name),
      kind: 'host',
      gzip: false,
      host: match[1] as string,
    }));
  const mainName = journalFileName(kind, null);
  const main: JournalFile[] = top.includes(mainName)
    ? [{ name: mainName, path: join(logsDir, mainName), kind: 'main', gzip: false, host: null }]
    : [];
  return [...archives, ...hosts, ...main];
}

/** The run trail's files (listJournals for runs). */
export function listRunJournals(logsDir: string): Promise<JournalFile[]> {
  return listJournals(logsDir, 'runs');
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
