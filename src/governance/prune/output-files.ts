import { constants } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { type Home, inputAcceptedAt } from '../../home/index.js';
import { isOutputName } from '../retention/output-name.js';
import type { PlannedAction } from './plan.js';

/** Reading and removing one output (or webhook body), with the guards that keep prune to those. */

/** Where the action's file is; the one guard before any read or unlink: named as the harness or the daemon names it, directly in <folder>/<agent>/. */
export function prunedPath(home: Home, action: PlannedAction): string {
  const named = action.folder === 'inputs' ? inputAcceptedAt(action.name) !== null : isOutputName(action.name);
  if (!named || action.file !== `${action.folder}/${action.agent}/${action.name}`) {
    const what = action.folder === 'inputs' ? 'a webhook body' : 'an output file';
    throw new Error(`refusing to touch ${action.file}: not ${what} name under ${action.folder}/${action.agent}/`);
  }
  const dir = action.folder === 'inputs' ? home.paths.inputsDir(action.agent) : home.paths.outputsDir(action.agent);
  return join(dir, action.name);
}

/** A regular file was checked when it was read (or lstat'ed, for `then: delete`). */
export async function removeOutput(home: Home, action: PlannedAction): Promise<void> {
  await unlink(prunedPath(home, action));
}

/** The file's bytes and mtime through one descriptor; null when it is gone. Throws for anything but a regular file. */
export async function readOutput(home: Home, action: PlannedAction): Promise<{ data: Buffer; mtimeMs: number } | null> {
  let handle;
  try {
    handle = await open(prunedPath(home, action), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null; // gone since the plan: nothing to keep
    throw error;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error(`refusing to touch ${action.file}: not a regular file`);
    return { data: await handle.readFile(), mtimeMs: info.mtimeMs };
  } finally {
    await handle.close();
  }
}
