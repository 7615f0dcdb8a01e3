import { NightshiftError, ValidationError, errorMessage } from '../shared/index.js';
import { appendLinesSync } from './append-lines.js';

export { AppendError } from './append-lines.js';

/**
 * Appending is how every journal grows: one record is one line, checked
 * here, then written by appendLinesSync (append-lines.ts), the one writer of
 * every journal, in one write(2) on an O_APPEND descriptor, so runs in many
 * processes never tear or interleave each other's lines (DESIGN §3). That
 * holds for any size a single write accepts, not only PIPE_BUF.
 */

/** Far above any real record; a line this long means something is embedding data it should not. */
export const MAX_RECORD_BYTES = 1024 * 1024;

export class RecordTooLargeError extends NightshiftError {
  constructor(file: string, bytes: number) {
    super(
      'RECORD_TOO_LARGE',
      `${file}: refusing to append a record of ${bytes} bytes: at most ${MAX_RECORD_BYTES} bytes are allowed`,
      {
        file,
        expected: `at most ${MAX_RECORD_BYTES} bytes of JSON per record`,
        actual: `${bytes} bytes`,
        fix: 'keep large data in output files and put only their path and size in the record',
      },
    );
  }
}

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
    throw new ValidationError(`${file}: a journal record must be a JSON object`, {
      file,
      expected: 'an object',
      actual: typeof json === 'string' ? json.slice(0, 40) : String(json),
    });
  }
  // JSON.stringify escapes every newline, so this is belt and braces: a raw one would split the record into two bad lines
  if (json.includes('\n')) {
    throw new ValidationError(`${file}: the record's JSON contains a raw newline`, {
      file,
      expected: 'one line of JSON',
      actual: 'a newline inside the record',
    });
  }
  const line = Buffer.from(`${json}\n`, 'utf8');
  if (line.length - 1 > MAX_RECORD_BYTES) throw new RecordTooLargeError(file, line.length - 1);
  return line;
}

/** One record, one line, through the one append (a fresh line after a torn one; a short write cut back and reported). */
export async function appendRecord(file: string, record: object): Promise<void> {
  appendRecordSync(file, record);
}

export function appendRecordSync(file: string, record: object): void {
  appendLinesSync(file, encodeRecord(file, record));
}
