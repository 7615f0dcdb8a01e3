import type { FileHandle } from 'node:fs/promises';
import { CorruptFileError } from '../shared/index.js';
import { emptyFileIndex, type FileIndex, type PendingLine } from './file-index.js';
import { fingerprintOf, identityOf, sameArchive, stillCovers } from './file-identity.js';
import { foldRange } from './fold-range.js';
import { loadIndex, saveIndex } from './index-store.js';
import { openJournal } from './line-source.js';
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
export async function refreshFileIndex(
  file: RunJournalFile,
  inMemory: FileIndex | undefined,
  context: RefreshContext,
): Promise<FileRefresh | undefined> {
  const handle = await openJournal(file.path);
  if (handle === undefined) return undefined;
  try {
    const known = inMemory ?? (context.indexDir === null ? undefined : await loadIndex(context.indexDir, file.name));
    // a record that no longer reads back means the file was rewritten while we read it: start over, once
    const outcome =
      (await refreshWith(handle, file, known, context)) ?? (await refreshWith(handle, file, undefined, context));
    if (outcome === undefined) {
      throw new CorruptFileError(file.path, 'the journal keeps changing under the reader', {
        expected: 'an append-only journal',
        actual: 'records rewritten in place',
      });
    }
    return outcome;
  } finally {
    await handle.close();
  }
}

/**
 * New bytes worth writing the index back for. Less (the line a run appended,
 * a few more) is folded again by the next process for a fraction of what
 * encoding and writing the index costs; after ~100 runs' worth it is saved.
 */
export const SAVE_AFTER_BYTES = 64 * 1024;

async function refreshWith(
  handle: FileHandle,
  file: RunJournalFile,
  known: FileIndex | undefined,
  context: RefreshContext,
): Promise<FileRefresh | undefined> {
  const identity = await identityOf(handle, file.path);
  const timezone = context.clock.timezone;
  let index = known;
  if (index !== undefined && (index.timezone !== timezone || index.gzip !== file.gzip || index.journal !== file.name))
    index = undefined;
  if (index !== undefined && file.gzip && sameArchive(identity, index))
    return { index, pending: null, action: 'unchanged', bytesRead: 0 };
  if (index !== undefined && (file.gzip || !(await stillCovers(handle, file.path, identity, index)))) index = undefined;

  const rebuilt = index === undefined;
  const current = index ?? emptyFileIndex(file.name, file.gzip, timezone, identity);
  const start = current.covered;
  const options = { clock: context.clock, gzip: file.gzip };
  const pending = await foldRange(handle, file.path, current, start, file.gzip ? undefined : identity.size, options);
  if (pending === undefined) return undefined;
  const bytesRead = (pending?.end ?? current.covered) - start;
  const moved = rebuilt || current.covered !== start;
  const touched = moved || identity.size !== current.identity.size || identity.mtimeNs !== current.identity.mtimeNs;
  if (moved && !file.gzip) current.fingerprint = await fingerprintOf(handle, file.path, current.covered);
  current.identity = identity;
  // the stored index stays valid for the bytes it covers: a catch-up of a few lines is cheaper to redo than to save
  if (touched && context.indexDir !== null && (rebuilt || bytesRead >= SAVE_AFTER_BYTES))
    await saveIndex(context.indexDir, current);
  return { index: current, pending, action: refreshAction(rebuilt, moved), bytesRead };
}

/** A rebuilt index also moved; one kept that moved had lines appended to it. */
function refreshAction(rebuilt: boolean, moved: boolean): RefreshAction {
  if (rebuilt) return 'rebuilt';
  if (moved) return 'appended';
  return 'unchanged';
}
