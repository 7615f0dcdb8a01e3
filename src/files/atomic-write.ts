import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ConcurrentEditError } from '../shared/index.js';
import { asDiskWriteError } from './write-error.js';

/**
 * Files that appear whole or not at all. The content goes to a temporary file
 * in the same folder (same file system) and is then given its name: renamed
 * over the old file (writeFileAtomically) or hard-linked to a name that must
 * not exist yet (createFileExclusively, claimName). A reader — the daemon
 * reloading definitions, the console reading a lock or the heartbeat, `cat` —
 * never sees half a file, and the temporary file never outlives the call.
 *
 * The steps are synchronous calls inside async functions: these files are
 * small (locks, caches, state, an output of at most its limit), and each
 * step through fs/promises is a thread-pool round trip;
 * a run writes half a dozen of them.
 */
export interface WriteOptions {
  /** file mode of the result; default 0600 (writeFileAtomically: the mode of the file replaced, else 0600) */
  mode?: number;
  /** flushed to disk before it gets its name (default): an agent file or an output must survive a crash; a cache or a lock need not */
  durable?: boolean;
}

/** Writes a hidden temporary file next to `path`; the caller names it or removes it. */
export async function writeTempFile(
  path: string,
  data: string | Uint8Array,
  options: WriteOptions = {},
): Promise<string> {
  const mode = options.mode ?? 0o600;
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number;
  try {
    fd = openSync(temp, 'wx', mode);
  } catch (error) {
    throw asDiskWriteError(path, error, NOTHING_WRITTEN);
  }
  try {
    writeFileSync(fd, data);
    fchmodSync(fd, mode); // the umask may have narrowed the mode given to open
    if (options.durable !== false) fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    removeQuietly(temp);
    // a full disk is said as such, naming the file meant, not the temp file
    throw asDiskWriteError(path, error, NOTHING_WRITTEN);
  }
  closeSync(fd);
  return temp;
}

const NOTHING_WRITTEN = 'nothing was written: the file is as it was (its temporary copy was removed)';

export interface AtomicWriteOptions extends WriteOptions {
  /** the text the file must still hold right before the rename (a concurrent editor is not overwritten) */
  expectCurrent?: string;
}

export async function writeFileAtomically(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const mode = options.mode ?? modeOf(path) ?? 0o600;
  const temp = await writeTempFile(path, data, { ...options, mode });
  try {
    if (options.expectCurrent !== undefined && readFileSync(path, 'utf8') !== options.expectCurrent)
      throw new ConcurrentEditError(path);
    renameSync(temp, path);
  } catch (error) {
    removeQuietly(temp);
    throw error;
  }
}

/** Like O_EXCL, with the content in place from the first instant: false when `path` exists. */
export async function createFileExclusively(
  path: string,
  data: string | Uint8Array,
  options: WriteOptions = {},
): Promise<boolean> {
  const temp = await writeTempFile(path, data, options);
  try {
    return await claimName(temp, path);
  } finally {
    removeQuietly(temp);
  }
}

/**
 * Gives the temporary file `temp` the name `path` unless something has it:
 * link(2) fails if the name exists, where rename(2) would replace silently.
 * The caller removes `temp` afterwards.
 */
export async function claimName(temp: string, path: string): Promise<boolean> {
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Over NFS a retransmitted LINK whose first reply was lost says EEXIST though it made the link:
    // the temp file's link count tells (open(2)'s manual, O_EXCL); locks across hosts rest on this.
    if (code === 'EEXIST') return linkCountOf(temp) === 2;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw error;
  }
  // A file system without hard links (some network and FUSE mounts): check, then rename.
  if (modeOf(path) !== null) return false;
  renameSync(temp, path);
  return true;
}

function linkCountOf(path: string): number {
  try {
    return statSync(path).nlink;
  } catch {
    return 0;
  }
}

/** The permission bits of `path`, null when it does not exist (or cannot be looked at). */
function modeOf(path: string): number | null {
  try {
    return statSync(path).mode & 0o7777;
  } catch {
    return null;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone, or never made
  }
}
