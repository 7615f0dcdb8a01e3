import { mkdir, open, readFile, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { NightshiftError, errorMessage } from '../../shared/index.js';
import { asDiskWriteError } from '../../files/index.js';

/**
 * Adds one gzip member to the end of an archive and proves it is readable
 * before anyone relies on it. What was in the archive before is never
 * touched; only the bytes this append wrote can be cut off again.
 *
 *   1. <archive>.pending records the size before the append (fsynced)
 *   2. the member is appended and fsynced
 *   3. the member is read back from disk and checked by the caller
 *   4. <archive>.pending is removed: from here on the member counts
 *
 * A crash anywhere in 1-4 leaves <archive>.pending behind; the next append
 * (or `recoverInterruptedAppend`) cuts the archive back to the recorded size,
 * so a half-written member never sits in front of the next one. The sources
 * are deleted only after step 4, by the caller.
 */
export class ArchiveVerifyError extends NightshiftError {
  constructor(file: string, problem: string, cause?: unknown) {
    super(
      'ARCHIVE_VERIFY',
      `${file}: the member just appended does not read back: ${problem}; it was cut off again and nothing was deleted`,
      {
        file,
        expected: 'the appended bytes to decompress to exactly what was archived',
        actual: problem,
        fix: 'check the disk (space, errors) and run prune again',
        cause,
      },
    );
  }
}

export type AppendStep = 'appended' | 'verified';

export interface AppendMember {
  /** appends the member's bytes to `file` (opened for append by the writer) */
  write(file: string): Promise<void>;
  /** reads the member back from `start` to the end of `file`; throws a plain Error saying what differs */
  verify(file: string, start: number): Promise<void>;
  /** tests inject crashes here */
  hook?: (step: AppendStep) => Promise<void> | void;
}

export function pendingFile(archive: string): string {
  return `${archive}.pending`;
}

async function sizeOf(file: string): Promise<number | null> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } catch {
    // some file systems refuse fsync on a directory; the data file itself was synced
  } finally {
    await handle.close();
  }
}

async function writeSynced(file: string, text: string): Promise<void> {
  await writeFile(file, text, { mode: 0o600 });
  await fsyncPath(file);
}

/** Undoes an append that did not finish: cuts the archive back to its size before it. True when there was one. */
export async function recoverInterruptedAppend(archive: string): Promise<boolean> {
  const marker = pendingFile(archive);
  let text: string;
  try {
    text = await readFile(marker, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  let before: number;
  try {
    before = (JSON.parse(text) as { size_before: number }).size_before;
    if (!Number.isInteger(before) || before < 0) throw new Error('size_before is not a byte count');
  } catch (error) {
    throw new NightshiftError(
      'ARCHIVE_PENDING',
      `${marker}: cannot tell where the interrupted append began: ${errorMessage(error)}`,
      {
        file: marker,
        expected: '{"size_before": <bytes>}',
        actual: text.slice(0, 80),
        fix: `compare ${archive} with a backup, then delete ${marker} by hand`,
      },
    );
  }
  const size = await sizeOf(archive);
  if (size !== null && size > before) {
    if (before === 0) await unlink(archive);
    else await truncate(archive, before);
  }
  await unlink(marker);
  await fsyncPath(dirname(archive));
  return true;
}

/** Returns the archive's size before and after the member. */
export async function appendMember(archive: string, member: AppendMember): Promise<{ start: number; end: number }> {
  await mkdir(dirname(archive), { recursive: true, mode: 0o700 });
  await recoverInterruptedAppend(archive);
  const start = (await sizeOf(archive)) ?? 0;
  await writeSynced(
    pendingFile(archive),
    `${JSON.stringify({ v: 1, size_before: start, at: new Date().toISOString() })}\n`,
  );
  await fsyncPath(dirname(archive));
  try {
    await member.write(archive);
    await fsyncPath(archive);
  } catch (error) {
    // a full disk mid-member: cut it off at once rather than leave it for the next append
    await recoverInterruptedAppend(archive);
    throw asDiskWriteError(
      archive,
      error,
      `${start === 0 ? 'the partial archive was removed' : `the archive was cut back to its ${start} bytes`}; no output or record was deleted`,
    );
  }
  await member.hook?.('appended');
  try {
    await member.verify(archive, start);
  } catch (error) {
    await recoverInterruptedAppend(archive);
    throw new ArchiveVerifyError(archive, errorMessage(error), error);
  }
  await member.hook?.('verified');
  await unlink(pendingFile(archive));
  await fsyncPath(dirname(archive));
  return { start, end: (await sizeOf(archive)) ?? start };
}

/** The bytes of `file` from `start` to its end. */
export async function readFrom(file: string, start: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.max(0, size - start));
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, start + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}
