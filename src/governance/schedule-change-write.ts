import { randomBytes } from 'node:crypto';
import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { NightshiftError } from '../errors.js';

/**
 * Replaces a file whole or not at all: the new text goes to a temporary file
 * in the same folder (same file system), is flushed, then renamed over the
 * old one, so a reader — the daemon reloading definitions, `cat` — sees the
 * old file or the new one, never half of each. Used for agent files (schedule
 * changes) and REGISTRY.md.
 */
export class ConcurrentEditError extends NightshiftError {
  constructor(file: string) {
    super('CONCURRENT_EDIT', `${file} changed while nightshift was editing it: nothing was written; run the command again`, {
      file,
      expected: 'the file as it was read',
      actual: 'different content on disk',
      fix: 'run the command again (it re-reads the file)',
    }, 4);
  }
}

export interface AtomicWriteOptions {
  /** file mode of the result; default: the mode of the file replaced, else 0600 */
  mode?: number;
  /** the text the file must still hold right before the rename (a concurrent editor is not overwritten) */
  expectCurrent?: string;
}

export async function writeFileAtomically(path: string, data: string, options: AtomicWriteOptions = {}): Promise<void> {
  const mode = options.mode ?? (await stat(path).then((s) => s.mode & 0o7777).catch(() => 0o600));
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', mode);
  try {
    try {
      await handle.writeFile(data, 'utf8');
      await handle.chmod(mode); // the umask may have narrowed the mode given to open
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.expectCurrent !== undefined && (await readFile(path, 'utf8')) !== options.expectCurrent) throw new ConcurrentEditError(path);
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
