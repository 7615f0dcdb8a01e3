import { lstat, readlink, realpath } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { pathInside } from '../home/index.js';

/**
 * The scope lock over symlinks (DESIGN §2, §3 step 2). The input is read
 * where it really is, every link resolved, and that path is what the runner
 * gets and the record keeps. A link that leads out of the folder its path
 * names (a log swapped for a link to ~/.ssh/id_rsa) is refused unless the
 * agent file says `input.follow_symlinks: true`; a link within the folder
 * (`latest.log` → `log-2026-11-23.log`) is read. The folder is taken as it
 * really is, so a home or /tmp reached through a link is not an escape.
 */
export type InputLink =
  /** `file` is the real path: no link left in it */
  { kind: 'resolved'; file: string } | { kind: 'missing'; reason: string } | { kind: 'refused'; reason: string };

export async function resolveInputLink(file: string, followSymlinks: boolean): Promise<InputLink> {
  let real: string;
  try {
    real = await realpath(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return danglingOrMissing(file, followSymlinks);
    return { kind: 'refused', reason: `input ${file} cannot be resolved: ${code ?? (error as Error).message}` };
  }
  if (real === file || followSymlinks) return { kind: 'resolved', file: real };
  const folder = await realFolder(file);
  if (pathInside(folder, real)) return { kind: 'resolved', file: real };
  return { kind: 'refused', reason: outsideReason(file, real, folder) };
}

/** Nothing at the path, or a link to nothing: missing (EMPTY), unless the link points out of the folder. */
async function danglingOrMissing(file: string, followSymlinks: boolean): Promise<InputLink> {
  const missing: InputLink = { kind: 'missing', reason: `input ${file} is missing` };
  let target: string;
  try {
    if (!(await lstat(file)).isSymbolicLink()) return missing;
    target = resolve(dirname(file), await readlink(file));
  } catch {
    return missing;
  }
  const folder = await realFolder(file);
  if (!followSymlinks && !pathInside(folder, target) && !pathInside(dirname(file), target))
    return { kind: 'refused', reason: outsideReason(file, target, folder) };
  return { kind: 'missing', reason: `input ${file} is a symlink to ${target}, which is missing` };
}

async function realFolder(file: string): Promise<string> {
  try {
    return await realpath(dirname(file));
  } catch {
    return dirname(file);
  }
}

function outsideReason(file: string, target: string, folder: string): string {
  return (
    `input ${file} is a symlink to ${target}, outside its folder ${folder}: point input.path at the file itself, ` +
    'or set input.follow_symlinks: true to read through the link'
  );
}
