import { dirname } from 'node:path';
import { type ErrorDetails, NightshiftError } from '../shared/index.js';

/**
 * A write the disk refused: the file system is full, over quota, the file is
 * at its size limit, or the device fails. Not a bug and not bad input, so not
 * exit 70 with a stack: the operator frees space and runs the command again.
 * The message names the file, says what happened in the system's own words
 * ("no space left on device") and what was kept, so nobody has to guess
 * whether half a file is lying around. Exit 3, like a file nightshift cannot read.
 */
const DISK_PROBLEMS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EIO: 'input/output error',
};

/** Pure: "no space left on device (ENOSPC)" and the like for an error the disk gave; null for any other error. */
export function diskProblem(error: unknown): string | null {
  const code = (error as NodeJS.ErrnoException | null | undefined)?.code;
  if (typeof code !== 'string' || !Object.hasOwn(DISK_PROBLEMS, code)) return null;
  return `${DISK_PROBLEMS[code]} (${code})`;
}

/** Pure: what a person does about it. */
export function freeSpaceFix(file: string): string {
  return `free space on the file system that holds ${dirname(file)} (see \`df -h ${dirname(file)}\`), then run the command again`;
}

export class DiskWriteError extends NightshiftError {
  /** what is on disk now, in words: "nothing was written", "state.json is unchanged" */
  readonly kept: string;

  constructor(file: string, problem: string, details: ErrorDetails & { kept: string }) {
    const { kept, ...rest } = details;
    super(
      'DISK_WRITE_FAILED',
      `${file}: ${problem}; ${kept}`,
      { file, expected: 'the write to complete', actual: problem, fix: freeSpaceFix(file), ...rest },
      3,
    );
    this.kept = kept;
  }
}

/** A DiskWriteError for `file` when `error` is the disk's (kept: what is there now); any other error comes back as it was. */
export function asDiskWriteError(file: string, error: unknown, kept: string): unknown {
  if (error instanceof NightshiftError) return error;
  const problem = diskProblem(error);
  return problem === null ? error : new DiskWriteError(file, problem, { kept, cause: error });
}

/**
 * For the command line's last resort: a disk error that reached it without
 * being named by the code that wrote (the path comes from the error itself
 * when the system call had one). Null for any other error, which stays a bug.
 */
export function unnamedDiskWriteError(error: unknown): DiskWriteError | null {
  const problem = diskProblem(error);
  if (problem === null) return null;
  const { path, syscall } = error as NodeJS.ErrnoException;
  return new DiskWriteError(
    path ?? 'a file in the nightshift home',
    `${problem}${syscall ? ` during ${syscall}` : ''}`,
    {
      kept: 'the command stopped there; what it had written before is kept',
      cause: error,
    },
  );
}
