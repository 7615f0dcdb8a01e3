import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Hex } from '../../shared/index.js';
import type { Home } from '../../home/index.js';
import { errorMessage } from '../../shared/index.js';
import { type AppendStep, ArchiveVerifyError, recoverInterruptedAppend } from '../archive/append-member.js';
import { appendOutputs, archivedHashes, type FileToArchive } from '../archive/output-archive.js';
import { mapLimit } from './map-limit.js';
import { prunedPath, readOutput, removeOutput } from './output-files.js';
import type { PlannedAction, PrunePlan } from './plan.js';

/**
 * Carries out a prune plan. An output is deleted only after the archive
 * member holding it was appended, read back from disk and found to hold the
 * same bytes; `then: delete` outputs are deleted as their policy says, and
 * only files named like outputs directly under outputs/<agent>/.
 */
export type PruneStep = AppendStep | 'deleting';

export interface ApplyOptions {
  /** called at each step; tests throw from here to stand in for a crash */
  hook?: (step: PruneStep, detail: { archive?: string; file?: string }) => Promise<void> | void;
  /** at most this many files, or bytes, per appended member (bounds memory and the work a crash can undo) */
  batchFiles?: number;
  batchBytes?: number;
}

export interface ApplyResult {
  archived: PlannedAction[];
  /** found in the archive with the same bytes (a prune interrupted after archiving): deleted now */
  alreadyArchived: PlannedAction[];
  deleted: PlannedAction[];
  failed: Array<{ action: PlannedAction; error: string }>;
}

const BATCH_FILES = 1000;
const BATCH_BYTES = 16 * 1024 * 1024;
/** files read or removed at once */
const IN_FLIGHT = 16;

export async function applyPlan(home: Home, plan: PrunePlan, options: ApplyOptions = {}): Promise<ApplyResult> {
  const result: ApplyResult = { archived: [], alreadyArchived: [], deleted: [], failed: [] };
  const groups = new Map<string, PlannedAction[]>();
  for (const action of plan.actions) {
    if (action.action === 'delete') continue;
    const list = groups.get(action.archive as string) ?? [];
    list.push(action);
    groups.set(action.archive as string, list);
  }
  for (const [archive, actions] of groups) await archiveGroup(home, archive, actions, options, result);
  const deletions = plan.actions.filter((a) => a.action === 'delete');
  await mapLimit(deletions, IN_FLIGHT, async (action) => {
    // the hook stands for a crash: what it throws ends the prune, as a crash would
    await options.hook?.('deleting', { file: action.file });
    try {
      const info = await lstat(prunedPath(home, action));
      if (!info.isFile()) throw new Error(`refusing to delete ${action.file}: not a regular file`);
      await removeOutput(home, action);
      result.deleted.push(action);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      result.failed.push({ action, error: errorMessage(error) });
    }
  });
  // lanes finish in any order; the report lists files in order
  for (const list of [result.archived, result.alreadyArchived, result.deleted])
    list.sort((x, y) => x.file.localeCompare(y.file));
  return result;
}

async function archiveGroup(
  home: Home,
  archive: string,
  actions: PlannedAction[],
  options: ApplyOptions,
  result: ApplyResult,
): Promise<void> {
  const path = join(home.root, archive);
  const hook = options.hook;
  const maxFiles = options.batchFiles ?? BATCH_FILES;
  const maxBytes = options.batchBytes ?? BATCH_BYTES;
  await recoverInterruptedAppend(path);
  const hashes = await archivedHashes(path);

  const remove = async (done: Array<{ action: PlannedAction }>, into: PlannedAction[]): Promise<void> => {
    await mapLimit(done, IN_FLIGHT, async ({ action }) => {
      await hook?.('deleting', { archive, file: action.file });
      await removeOutput(home, action);
      into.push(action);
    });
  };

  for (let start = 0; start < actions.length;) {
    // read a batch: up to maxFiles files or maxBytes bytes
    const batch: Array<{ action: PlannedAction; file: FileToArchive }> = [];
    const already: Array<{ action: PlannedAction }> = [];
    let bytes = 0;
    while (start < actions.length && batch.length < maxFiles && bytes < maxBytes) {
      const slice = actions.slice(start, start + Math.min(IN_FLIGHT * 4, maxFiles - batch.length));
      start += slice.length;
      const read = await mapLimit(slice, IN_FLIGHT, async (action) => {
        try {
          return { action, out: await readOutput(home, action) };
        } catch (error) {
          result.failed.push({ action, error: errorMessage(error) });
          return { action, out: null };
        }
      });
      for (const { action, out } of read) {
        if (out === null) continue;
        const digest = sha256Hex(out.data);
        if (hashes.get(action.name)?.has(digest)) {
          already.push({ action });
          continue;
        }
        batch.push({ action, file: { name: action.name, data: out.data, sha256: digest, mtimeMs: out.mtimeMs } });
        bytes += out.data.length;
      }
    }
    await remove(already, result.alreadyArchived);
    if (batch.length === 0) continue;
    try {
      await appendOutputs(
        path,
        batch.map((b) => b.file),
        (step) => hook?.(step, { archive }),
      );
    } catch (error) {
      if (!(error instanceof ArchiveVerifyError)) throw error;
      for (const { action } of batch) result.failed.push({ action, error: error.message });
      continue;
    }
    for (const { file } of batch) {
      const set = hashes.get(file.name) ?? new Set<string>();
      set.add(file.sha256);
      hashes.set(file.name, set);
    }
    await remove(batch, result.archived);
  }
}
