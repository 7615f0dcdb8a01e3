import { closeSync, fstatSync, ftruncateSync, mkdirSync, openSync, readSync, statfsSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { NightshiftError, errorMessage } from '../shared/index.js';
import { diskProblem, freeSpaceFix } from '../files/index.js';

/**
 * The one way bytes reach the end of a journal: every *.jsonl under logs/
 * (runs, alerts, changes, reviews, evals, eval runs, a host's own journal),
 * whoever writes it. One write(2) on a descriptor opened with O_APPEND: the
 * kernel places each write whole at the end of the file, so writers in many
 * processes never interleave their lines (DESIGN §3). On top of that:
 *
 * - A fresh line. When the file's last byte is not "\n" (a line torn by a
 *   crash or a full disk), the bytes go in after a "\n": the torn line stays
 *   one line that readers skip and count, and the new record stays whole
 *   instead of being glued to it and lost with it.
 * - No half record. A write the disk cut short (ENOSPC, EDQUOT, EFBIG, EIO)
 *   is cut back off the file (ftruncate to where the write began), so nothing
 *   is left that a reader, or the crash check, could take for a record, and
 *   the failure is an AppendError that says so.
 *
 * The last-byte check waits out writes in flight (endOf), and it and the
 * write are two steps: a concurrent writer can only come between them with
 * a torn line of its own, which it cuts back at once. At worst that leaves
 * one blank line, which readers skip; never a lost or glued record.
 */

/** The bytes could not be appended, or only part of them (and then they were cut back off, where that was safe). Exit 3. */
export class AppendError extends NightshiftError {
  /** what the journal holds now, in words */
  readonly kept: string;

  constructor(
    file: string,
    problem: string,
    details: { expected: string; actual: string; kept: string; fix?: string; cause?: unknown },
  ) {
    const { kept, fix, ...rest } = details;
    super(
      'APPEND_FAILED',
      `${file}: ${problem}; ${kept}`,
      { file, fix: fix ?? 'check the permissions and free space of the folder that holds the home', ...rest },
      3,
    );
    this.kept = kept;
  }
}

export interface Appended {
  /** a "\n" was put in front: the file ended in a torn line */
  freshLine: boolean;
}

const NEWLINE = 0x0a;
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

/**
 * Appends `lines` (whole lines, each ending in "\n") to `file`, creating the
 * file (0600) and its folder (0700) if needed. Synchronous steps: a line is
 * small, and each fs/promises step is a thread-pool round trip.
 */
export function appendLinesSync(file: string, lines: Uint8Array): Appended {
  let fd: number;
  try {
    fd = openForAppend(file);
  } catch (error) {
    throw cannotOpen(file, error);
  }
  try {
    return appendTo(fd, file, lines);
  } finally {
    closeSync(fd);
  }
}

/** 'a+': O_APPEND, and readable, for the last byte and the read-back before a cut. */
function openForAppend(file: string): number {
  try {
    return openSync(file, 'a+', FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(dirname(file), { recursive: true, mode: DIR_MODE });
    return openSync(file, 'a+', FILE_MODE);
  }
}

function appendTo(fd: number, file: string, lines: Uint8Array): Appended {
  let before: number;
  let freshLine: boolean;
  try {
    ({ size: before, torn: freshLine } = endOf(fd));
  } catch (error) {
    throw new AppendError(file, `cannot read the end of the journal: ${errorMessage(error)}`, {
      expected: 'a readable journal',
      actual: codeOf(error),
      kept: 'nothing was written',
      cause: error,
    });
  }
  const data = freshLine ? Buffer.concat([Buffer.from('\n'), lines]) : lines;
  let written = 0;
  let failure: unknown = null;
  try {
    written = writeSync(fd, data, 0, data.length);
  } catch (error) {
    failure = error;
  }
  if (failure === null && written === data.length) return { freshLine };
  throw shortWrite(fd, file, data, written, before, failure);
}

/** Enough for any burst of writers; past it the line is taken for torn, which at worst costs a blank line. */
const MAX_SETTLE_ROUNDS = 64;
const EMPTY = Buffer.alloc(0);

/**
 * The file's size and whether it ends in a torn line. A write in another
 * process grows the file page by page while it copies, so a record being
 * written can show without its "\n" yet. An empty write waits for it: the
 * file system takes the inode's write lock for it as for any write, so when
 * it returns, every write that had begun has ended. A last line that still
 * ends short of "\n" at a size no write has moved since is torn. (Mistaking
 * a line being written for a torn one would cost one blank line, which
 * readers skip; nothing is lost either way.)
 */
function endOf(fd: number): { size: number; torn: boolean } {
  let size = fstatSync(fd).size;
  if (size === 0) return { size, torn: false };
  let last = lastByte(fd, size);
  for (let round = 0; last !== NEWLINE && round < MAX_SETTLE_ROUNDS; round++) {
    writeSync(fd, EMPTY, 0, 0);
    const now = fstatSync(fd).size;
    if (now === size) break;
    size = now;
    last = lastByte(fd, size);
  }
  return { size, torn: last !== NEWLINE };
}

function lastByte(fd: number, size: number): number | undefined {
  const byte = Buffer.alloc(1);
  return readSync(fd, byte, 0, 1, size - 1) === 1 ? byte[0] : undefined;
}

/** The write failed or stopped short: cut back what it left, then say what happened and what the journal holds now. */
function shortWrite(
  fd: number,
  file: string,
  data: Uint8Array,
  written: number,
  before: number,
  failure: unknown,
): AppendError {
  const problem =
    diskProblem(failure) ??
    (failure === null ? whyShort(file, data.length - written) : `cannot append: ${errorMessage(failure)}`);
  const expected = `${data.length} bytes appended`;
  const fix = diskProblem(failure) !== null || failure === null ? freeSpaceFix(file) : undefined;
  if (written === 0) {
    const kept = `the record was not written; the journal is unchanged (${before} bytes)`;
    return new AppendError(file, problem, {
      expected,
      actual: failure === null ? '0 bytes written' : codeOf(failure),
      kept,
      fix,
      cause: failure ?? undefined,
    });
  }
  const cut = cutBack(fd, data, written);
  const kept =
    cut === null
      ? `only ${written} of ${data.length} bytes of the record were written, and another writer appended after ` +
        'them, so they stay as one unreadable line that readers skip'
      : `only ${written} of ${data.length} bytes of the record were written; they were cut off again, so the ` +
        `journal is back to its ${cut} bytes and holds nothing of the record`;
  return new AppendError(file, problem, {
    expected,
    actual: `${written} bytes written`,
    kept,
    fix,
    cause: failure ?? undefined,
  });
}

/**
 * Removes the `written` bytes of `data` from the end of the file: where the
 * write began is the file's end less what it wrote, provided nobody appended
 * after it, which reading the bytes back confirms. The new length, or null
 * when the bytes there are not ours (then cutting would destroy someone's record).
 */
function cutBack(fd: number, data: Uint8Array, written: number): number | null {
  try {
    const end = fstatSync(fd).size;
    const start = end - written;
    if (start < 0) return null;
    const there = Buffer.alloc(written);
    if (readSync(fd, there, 0, written, start) !== written) return null;
    if (!there.equals(data.subarray(0, written))) return null;
    ftruncateSync(fd, start);
    return start;
  } catch {
    return null;
  }
}

/** A write that stopped short without an error: the file system is full (it says so when asked), or the file is at a size limit. */
function whyShort(file: string, missing: number): string {
  try {
    const fs = statfsSync(dirname(file));
    if (Math.min(fs.bavail, fs.bfree) * fs.bsize < missing) return diskProblem({ code: 'ENOSPC' }) as string;
  } catch {
    // no answer: say what is known
  }
  return 'the write stopped short (the file system is full, over quota, or the file is at its size limit)';
}

function cannotOpen(file: string, error: unknown): NightshiftError {
  if (error instanceof NightshiftError) return error;
  const problem = diskProblem(error);
  return new AppendError(file, problem ?? `cannot append: ${errorMessage(error)}`, {
    expected: 'a writable journal',
    actual: codeOf(error),
    kept: 'nothing was written',
    ...(problem === null ? {} : { fix: freeSpaceFix(file) }),
    cause: error,
  });
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException | null)?.code ?? 'an error';
}
