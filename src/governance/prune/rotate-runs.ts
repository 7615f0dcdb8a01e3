import type { Hash } from 'node:crypto';
import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { type FileHandle, mkdir, open, readdir, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { HomePaths } from '../../home/index.js';
import { archiveFileName } from '../../journal/index.js';
import { type AppendStep, recoverInterruptedAppend } from '../archive/append-member.js';
import { appendRunLines, archivedRunIds } from '../archive/runs-archive.js';
import { classifyRunLine } from './run-line.js';
import { journalLines } from './journal-lines.js';
import { closeStream, swapIn, write } from './swap-journal.js';
import { asDiskWriteError } from '../../files/index.js';

/**
 * `prune --logs`: moves run records older than the cutoff from
 * logs/runs.jsonl into logs/archive/runs-<year>.jsonl.gz and rewrites
 * runs.jsonl with the rest. Readers list both (listRunJournals), so every
 * run stays visible throughout.
 *
 * Order: archive members first (appended, read back, verified), then the
 * remainder replaces runs.jsonl by rename. A crash between the two leaves
 * some records in both places; the next rotation sees their run_ids in the
 * archive and drops them from runs.jsonl without archiving them again.
 *
 * Writers keep appending while this runs: whatever was appended to the old
 * file after it was read is copied to the new one, before the rename and
 * again after it until the old file stops growing (an appender opens, writes
 * one line and closes within milliseconds).
 */
export type RotateStep = AppendStep | 'renaming';

export interface RotateOptions {
  cutoff: Date;
  timezone: string;
  dryRun: boolean;
  hook?: (step: RotateStep, detail: { archive?: string }) => Promise<void> | void;
  /** how long the old file must stay unchanged after the rename (default 100 ms) */
  settleMs?: number;
}

export interface RotateResult {
  /** the journal rotated, relative to logs/ ("runs.jsonl", "runs@web-1.jsonl") */
  journal: string;
  /** whose archives its records went to: null for the home's runs-<year>.jsonl.gz */
  host: string | null;
  /** records moved (or that would move) per year */
  byYear: Record<string, number>;
  /** found already archived (an interrupted rotation) and dropped from runs.jsonl */
  alreadyArchived: number;
  kept: number;
  archives: string[];
}

const TEMP_MARK = '.rotate-';
const ROTATION_KEPT =
  'the rotation stopped: every run is still in logs/runs.jsonl or its yearly archive, and the next prune --logs finishes it and removes its temporary files';

interface YearSink {
  temp: string;
  stream: WriteStream;
  hash: Hash;
  bytes: number;
  count: number;
  seen: Set<string>;
}

/** Temp files of a rotation that died; only ever under logs/ and logs/archive/, only with our mark. */
async function removeLeftovers(paths: HomePaths): Promise<void> {
  for (const dir of [paths.logs, paths.logsArchive]) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names)
      if (name.startsWith(TEMP_MARK) && name.endsWith('.tmp')) await unlink(join(dir, name)).catch(() => undefined);
  }
}

/**
 * Which journal to rotate: by default the one this host appends to
 * (paths.runsJournal), whose records go to archives named after the same host
 * (runs-<year>@<host>.jsonl.gz in a shared home), so no file is written by two hosts.
 */
export interface RotateTarget {
  journal: string;
  host: string | null;
}

export async function rotateRunJournal(
  paths: HomePaths,
  options: RotateOptions,
  target: RotateTarget = { journal: paths.runsJournal, host: paths.journalHost },
): Promise<RotateResult> {
  const result: RotateResult = {
    journal: basename(target.journal),
    host: target.host,
    byYear: {},
    alreadyArchived: 0,
    kept: 0,
    archives: [],
  };
  const archiveName = (year: number | string): string => archiveFileName('runs', String(year), target.host);
  // a host's own temp names: pids repeat across hosts
  const mark = target.host === null ? '' : `${target.host}.`;
  let handle: FileHandle;
  try {
    handle = await open(target.journal, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return result;
    throw error;
  }
  const cutoffMs = options.cutoff.getTime();
  const years = new Map<number, YearSink>();
  let remainder: { temp: string; stream: WriteStream } | null = null;
  try {
    if (!options.dryRun) {
      await removeLeftovers(paths);
      await mkdir(paths.logsArchive, { recursive: true, mode: 0o700 });
      const temp = join(paths.logs, `${TEMP_MARK}runs.${mark}${process.pid}.tmp`);
      remainder = { temp, stream: createWriteStream(temp, { mode: 0o600 }) };
    }
    const end = (await handle.stat()).size;
    let processed = 0;
    for await (const { line, next } of journalLines(handle, end)) {
      processed = next;
      const verdict = classifyRunLine(line.toString('utf8'), cutoffMs, options.timezone);
      if (verdict === null) {
        result.kept++;
        if (remainder) await write(remainder.stream, line);
        continue;
      }
      if (options.dryRun) {
        result.byYear[verdict.year] = (result.byYear[verdict.year] ?? 0) + 1;
        continue;
      }
      let sink = years.get(verdict.year);
      if (!sink) {
        const archive = join(paths.logsArchive, archiveName(verdict.year));
        const temp = join(paths.logsArchive, `${TEMP_MARK}${verdict.year}.${mark}${process.pid}.tmp`);
        await recoverInterruptedAppend(archive);
        sink = {
          temp,
          stream: createWriteStream(temp, { mode: 0o600 }),
          hash: createHash('sha256'),
          bytes: 0,
          count: 0,
          seen: await archivedRunIds(archive),
        };
        years.set(verdict.year, sink);
      }
      if (sink.seen.has(verdict.runId)) {
        result.alreadyArchived++;
        continue;
      }
      sink.seen.add(verdict.runId);
      sink.hash.update(line);
      sink.bytes += line.length;
      sink.count++;
      await write(sink.stream, line);
    }
    if (options.dryRun || !remainder) return result;

    for (const [year, sink] of [...years].sort((a, b) => a[0] - b[0])) {
      await closeStream(sink.stream);
      const archive = join(paths.logsArchive, archiveName(year));
      if (sink.count > 0) {
        await appendRunLines(archive, sink.temp, { sha256: sink.hash.digest('hex'), bytes: sink.bytes }, (step) =>
          options.hook?.(step, { archive }),
        );
        result.byYear[year] = sink.count;
        result.archives.push(`logs/archive/${archiveName(year)}`);
      }
      await unlink(sink.temp);
    }
    await options.hook?.('renaming', {});
    await swapIn(target.journal, handle, processed, remainder, options.settleMs ?? 100);
    remainder = null;
    return result;
  } catch (error) {
    // a temp file or an archive that ran out of space: said as such, naming the journal being rotated
    throw asDiskWriteError(target.journal, error, ROTATION_KEPT);
  } finally {
    await handle.close();
    for (const sink of years.values()) {
      if (!sink.stream.closed) sink.stream.destroy();
    }
    if (remainder) {
      remainder.stream.destroy();
    }
  }
}
