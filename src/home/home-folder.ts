import { stat } from 'node:fs/promises';
import { UsageError } from '../shared/index.js';

/**
 * What is at a home's path (or one of its folders): a folder, or nothing yet.
 * Anything else — a file, a path through a file, a folder nightshift may not
 * look into — can never be a home, and is said so, naming the path, as a
 * usage error (exit 2), before any command tries to use it.
 */
export async function folderAt(path: string, what: string): Promise<'folder' | 'missing'> {
  try {
    const found = await stat(path);
    if (found.isDirectory()) return 'folder';
    throw notAFolder(path, what, found.isFile() ? 'a file' : 'something that is not a folder');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    if (code === 'ENOTDIR') throw notAFolder(path, what, 'a path through a file');
    if (code === 'EACCES' || code === 'EPERM')
      throw notAFolder(path, what, `a path nightshift may not look into (${code})`);
    throw error;
  }
}

/** mkdir said EEXIST or ENOTDIR: something other than a folder is in the way. */
export function notAFolder(path: string, what: string, actual: string): UsageError {
  return new UsageError(
    `${path} is ${actual}, not a folder, so it cannot be ${what}: choose a folder with --home DIR (or NIGHTSHIFT_HOME), or move it out of the way`,
    {
      file: path,
      expected: 'a folder (or nothing: `nightshift init` makes it)',
      actual,
      fix: 'nightshift init --home <a folder>',
    },
  );
}
