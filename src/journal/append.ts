import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { NightshiftError, ValidationError, errorMessage } from '../errors.js';

/**
 * Appending is how every journal grows. One record is one line written with
 * one write(2) on a descriptor opened with O_APPEND: on a local file system
 * the kernel then places each write whole at the end of the file, so runs in
 * many processes never tear or interleave each other's lines (DESIGN §3).
 * That holds for any size a single write accepts, not only PIPE_BUF.
 */

/** Far above any real record; a line this long means something is embedding data it should not. */
export const MAX_RECORD_BYTES = 1024 * 1024;

export class RecordTooLargeError extends NightshiftError {
  constructor(file: string, bytes: number) {
    super('RECORD_TOO_LARGE', `${file}: refusing to append a record of ${bytes} bytes: at most ${MAX_RECORD_BYTES} bytes are allowed`, {
      file,
      expected: `at most ${MAX_RECORD_BYTES} bytes of JSON per record`,
      actual: `${bytes} bytes`,
      fix: 'keep large data in output files and put only their path and size in the record',
    });
  }
}

/**
 * The record did not reach the journal, or only part of it did (disk full, a
 * signal): a partial line is then the journal's last, and readers skip it.
 */
export class AppendError extends NightshiftError {
  constructor(file: string, problem: string, details: { expected: string; actual: string; cause?: unknown }) {
    super('APPEND_FAILED', `${file}: ${problem}`, { file, fix: 'check the permissions and free space of the folder that holds the home', ...details });
  }
}

function shortWrite(file: string, written: number, wanted: number): AppendError {
  return new AppendError(file, `only ${written} of ${wanted} bytes of a record were written`, { expected: `${wanted} bytes written`, actual: `${written} bytes` });
}

function cannotAppend(file: string, error: unknown): AppendError {
  if (error instanceof NightshiftError) return error;
  return new AppendError(file, `cannot append: ${errorMessage(error)}`, {
    expected: 'a writable journal',
    actual: (error as NodeJS.ErrnoException).code ?? 'an error',
    cause: error,
  });
}

const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

/** One line of JSON, checked; throws before anything touches the disk. */
export function encodeRecord(file: string, record: object): Buffer {
  let json: string | undefined;
  try {
    json = JSON.stringify(record);
  } catch (error) {
    throw new ValidationError(`${file}: the record cannot be written as JSON: ${errorMessage(error)}`, {
      file,
      expected: 'a plain JSON-serializable object',
      actual: errorMessage(error),
      cause: error,
    });
  }
  if (typeof json !== 'string' || !json.startsWith('{')) {
    throw new ValidationError(`${file}: a journal record must be a JSON object`, { file, expected: 'an object', actual: typeof json === 'string' ? json.slice(0, 40) : String(json) });
  }
  // JSON.stringify escapes every newline, so this is belt and braces: a raw one would split the record into two bad lines
  if (json.includes('\n')) {
    throw new ValidationError(`${file}: the record's JSON contains a raw newline`, { file, expected: 'one line of JSON', actual: 'a newline inside the record' });
  }
  const line = Buffer.from(`${json}\n`, 'utf8');
  if (line.length - 1 > MAX_RECORD_BYTES) throw new RecordTooLargeError(file, line.length - 1);
  return line;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

function openForAppendSync(file: string): number {
  try {
    return openSync(file, 'a', FILE_MODE);
  } catch (error) {
    if (!isMissing(error)) throw error;
    mkdirSync(dirname(file), { recursive: true, mode: DIR_MODE });
    return openSync(file, 'a', FILE_MODE);
  }
}

/** One record, one line, appended with O_APPEND. In synchronous steps: a line is small, and each fs/promises step is a thread-pool round trip (src/small-file.ts). */
export async function appendRecord(file: string, record: object): Promise<void> {
  appendRecordSync(file, record);
}

export function appendRecordSync(file: string, record: object): void {
  const line = encodeRecord(file, record);
  try {
    const fd = openForAppendSync(file);
    try {
      const written = writeSync(fd, line, 0, line.length);
      if (written !== line.length) throw shortWrite(file, written, line.length);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw cannotAppend(file, error);
  }
}
