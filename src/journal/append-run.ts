import { ValidationError } from '../shared/index.js';
import { appendRecord, appendRecordSync } from './append.js';
import { runRecordSchema, type RunRecord } from './records.js';

/**
 * The harness records a finished run through here. Checking the record before
 * it is written means a bug surfaces as an error at the run, not as a line
 * every reader skips. Writing the format's output also puts the keys in the
 * format's order, the layout the index recognises without JSON.parse
 * (run-line-matcher).
 */
function canonical(file: string, record: RunRecord): RunRecord {
  const result = runRecordSchema.safeParse(record);
  if (result.success) return result.data;
  const field = result.error.path.join('.');
  throw new ValidationError(
    `${file}: refusing to append an invalid run record: ${field || 'the record'}: ${result.error.problem}`,
    {
      file,
      field,
      expected: `a run record (${field || 'the record'}: ${result.error.expected ?? ''})`,
      actual: result.error.actual,
      cause: result.error,
    },
  );
}

export async function appendRunRecord(file: string, record: RunRecord): Promise<void> {
  await appendRecord(file, canonical(file, record));
}

export function appendRunRecordSync(file: string, record: RunRecord): void {
  appendRecordSync(file, canonical(file, record));
}
