import { constants } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Home } from '../../home/index.js';
import { isOutputName } from '../retention/output-name.js';
import type { PlannedAction } from './plan.js';

/** Reading and removing one output file, with the guards that keep prune to outputs. */
/** The one guard before any unlink: named like an output, directly in outputs/<agent>/ (a regular file was checked when it was read). */
export async function removeOutput(home: Home, action: PlannedAction): Promise<void> {
  if (!isOutputName(action.name) || action.file !== `outputs/${action.agent}/${action.name}`) {
    throw new Error(`refusing to delete ${action.file}: not an output file name under outputs/${action.agent}/`);
  }
  await unlink(join(home.paths.outputsDir(action.agent), action.name));
}

/** The file's bytes and mtime through one descriptor; null when it is gone. Throws for anything but a regular file. */
export async function readOutput(home: Home, action: PlannedAction): Promise<{ data: Buffer; mtimeMs: number } | null> {
  let handle;
  try {
    handle = await open(
      join(home.paths.outputsDir(action.agent), action.name),
      constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK,
    );
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
