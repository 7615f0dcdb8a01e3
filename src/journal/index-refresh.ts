import type { FileHandle } from 'node:fs/promises';
import { CorruptFileError } from '../errors.js';
import type { KeyedRun } from './agent-summary.js';
import type { FileIndex, PendingLine } from './file-index.js';
import { emptyFileIndex, foldBatch, foldStreamFailure, unreadRecentRuns } from './file-index.js';
import { unreadable } from './line-source.js';
import { runRecordParser } from './record-parser.js';
import { fingerprintOf, identityOf, sameArchive, stillCovers } from './file-identity.js';
import { loadIndex, saveIndex } from './index-store.js';
import { openJournal, readLineBatches } from './line-source.js';
import type { LocalDayClock } from './local-day.js';
import type { RunJournalFile } from './sources.js';

/**
 * Brings the index of one journal file up to date, reading as little as it
 * can: nothing when the file is unchanged, only the new bytes when it grew,
 * everything when it was truncated, replaced or indexed under another time
 * zone.
 */
export type RefreshAction = 'unchanged' | 'appended' | 'rebuilt';

export interface FileRefresh {
  index: FileIndex;
  pending: PendingLine | null;
  action: RefreshAction;
  /** bytes of the journal read (uncompressed for archives), not counting the fingerprint checks */
  bytesRead: number;
}

export interface RefreshContext {
  clock: LocalDayClock;
  /** where index files are kept; null to keep indexes in memory only */
  indexDir: string | null;
}

/** undefined when the file no longer exists. */
export async function refreshFileIndex(file: RunJournalFile, inMemory: FileIndex | undefined, context: RefreshContext): Promise<FileRefresh | undefined> {
  const handle = await openJournal(file.path);
  if (handle === undefined) return undefined;
  try {
    const known = inMemory ?? (context.indexDir === null ? undefined : await loadIndex(context.indexDir, file.name));
    // a record that no longer reads back means the file was rewritten while we read it: start over, once
    const outcome = (await refreshWith(handle, file, known, context)) ?? (await refreshWith(handle, file, undefined, context));
    if (outcome === undefined) {
      throw new CorruptFileError(file.path, 'the journal keeps changing under the reader', { expected: 'an append-only journal', actual: 'records rewritten in place' });
    }
    return outcome;
  } finally {
    await handle.close();
  }
}

async function refreshWith(handle: FileHandle, file: RunJournalFile, known: FileIndex | undefined, context: RefreshContext): Promise<FileRefresh | undefined> {
  const identity = await identityOf(handle, file.path);
  const timezone = context.clock.timezone;
  let index = known;
  if (index !== undefined && (index.timezone !== timezone || index.gzip !== file.gzip || index.journal !== file.name)) index = undefined;
  if (index !== undefined && file.gzip && sameArchive(identity, index)) return { index, pending: null, action: 'unchanged', bytesRead: 0 };
  if (index !== undefined && (file.gzip || !(await stillCovers(handle, file.path, identity, index)))) index = undefined;

  const rebuilt = index === undefined;
  const current = index ?? emptyFileIndex(file.name, file.gzip, timezone, identity);
  const start = current.covered;
  let pending: PendingLine | null = null;
  const batches = readLineBatches(handle, file.path, { start, end: file.gzip ? undefined : identity.size }, (failure) =>
    foldStreamFailure(current, failure.offset, failure.problem),
  );
  // archives cannot be read back at an offset, so they keep every record they fold; they are indexed once
  const options = { clock: context.clock, commitUnterminated: file.gzip, fastPath: !file.gzip };
  for await (const batch of batches) pending = foldBatch(current, batch, options) ?? pending;
  if (!(await readBackRecentRuns(handle, file.path, current))) return undefined;
  const bytesRead = (pending?.end ?? current.covered) - start;
  const moved = rebuilt || current.covered !== start;
  const touched = moved || identity.size !== current.identity.size || identity.mtimeNs !== current.identity.mtimeNs;
  if (moved && !file.gzip) current.fingerprint = await fingerprintOf(handle, file.path, current.covered);
  current.identity = identity;
  if (touched && context.indexDir !== null) await saveIndex(context.indexDir, current);
  return { index: current, pending, action: rebuilt ? 'rebuilt' : moved ? 'appended' : 'unchanged', bytesRead };
}

/** Runs closer together than this are read back in one read. */
const READ_BACK_GAP = 64 * 1024;
const READ_BACK_MAX = 4 * 1024 * 1024;

/**
 * Reads back the records the fast path folded without building, for the few
 * that stayed among the last runs: neighbours in one read (after appends they
 * are mostly the new lines, side by side). False when one no longer parses.
 */
async function readBackRecentRuns(handle: FileHandle, path: string, index: FileIndex): Promise<boolean> {
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
    const buffer = Buffer.alloc((unread[last] as KeyedRun).end - start);
    let filled = 0;
    try {
      while (filled < buffer.length) {
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, start + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
    } catch (error) {
      throw unreadable(path, error);
    }
    for (let i = first; i <= last; i++) {
      const entry = unread[i] as KeyedRun;
      const verdict = runRecordParser.parseLine(buffer.toString('utf8', entry.off - start, Math.min(filled, entry.end - start)));
      if (!verdict.ok) return false;
      entry.run = verdict.record;
    }
    first = last + 1;
  }
  return true;
}
