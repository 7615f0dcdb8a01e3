import type { FileHandle } from 'node:fs/promises';
import type { KeyedRun } from './agent-summary.js';
import { foldBatch, foldStreamFailure, unreadRecentRuns, type FileIndex, type PendingLine } from './file-index.js';
import { readLineBatches, readRange } from './line-source.js';
import type { LocalDayClock } from './local-day.js';
import { runRecordParser } from './record-parser.js';

/**
 * Reads the lines of [start, end) of a journal into its index, then reads back
 * the records the fast path left unbuilt. The one loop of an index build,
 * whether it runs in the main thread or in a worker.
 */
export interface FoldRangeOptions {
  clock: LocalDayClock;
  gzip: boolean;
}

/**
 * Less than this many bytes to fold go through JSON.parse: the fast path's
 * expression costs ~5 ms to compile on first use, which a cold build of a
 * million lines earns back many times, and the catch-up of the line or two a
 * run appended never does.
 */
export const FAST_PATH_MIN_BYTES = 512 * 1024;

/** The pending last line (plain files); undefined when a record no longer reads back (the file changed under us). */
export async function foldRange(
  handle: FileHandle,
  path: string,
  index: FileIndex,
  start: number,
  end: number | undefined,
  options: FoldRangeOptions,
): Promise<PendingLine | null | undefined> {
  let pending: PendingLine | null = null;
  const batches = readLineBatches(handle, path, { start, end }, (failure) =>
    foldStreamFailure(index, failure.offset, failure.problem),
  );
  // archives cannot be read back at an offset, so they keep every record they fold; they are indexed once
  const fastPath = !options.gzip && end !== undefined && end - start >= FAST_PATH_MIN_BYTES;
  const foldOptions = { clock: options.clock, commitUnterminated: options.gzip, fastPath };
  for await (const batch of batches) pending = foldBatch(index, batch, foldOptions) ?? pending;
  return (await readBackRecentRuns(handle, path, index)) ? pending : undefined;
}

/** Runs closer together than this are read back in one read. */
const READ_BACK_GAP = 64 * 1024;
const READ_BACK_MAX = 4 * 1024 * 1024;

/**
 * Reads back the records the fast path folded without building, for the few
 * that stayed among the last runs: neighbours in one read (after appends they
 * are mostly the new lines, side by side). False when one no longer parses.
 */
export async function readBackRecentRuns(handle: FileHandle, path: string, index: FileIndex): Promise<boolean> {
  const unread = unreadRecentRuns(index).sort((a, b) => a.off - b.off);
  let first = 0;
  while (first < unread.length) {
    let last = first;
    const start = (unread[first] as KeyedRun).off;
    while (
      last + 1 < unread.length &&
      (unread[last + 1] as KeyedRun).off - (unread[last] as KeyedRun).end < READ_BACK_GAP &&
      (unread[last + 1] as KeyedRun).end - start <= READ_BACK_MAX
    ) {
      last++;
    }
    const buffer = readRange(handle, path, start, (unread[last] as KeyedRun).end - start);
    for (let i = first; i <= last; i++) {
      const entry = unread[i] as KeyedRun;
      const verdict = runRecordParser.parseLine(
        buffer.toString('utf8', entry.off - start, Math.min(buffer.length, entry.end - start)),
      );
      if (!verdict.ok) return false;
      entry.run = verdict.record;
    }
    first = last + 1;
  }
  return true;
}
