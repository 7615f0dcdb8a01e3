import { ValidationError } from '../shared/index.js';
import { appendRecord, appendRecordSync } from './append.js';
import { runRecordSchema, type RunRecord } from './records.js';
import { canonicalRunRecord, isExactRunRecord } from './run-record-guard.js';

/**
 * The harness records a finished run through here. Checking the record before
 * it is written means a bug surfaces as an error at the run, not as a line
 * every reader skips. Writing zod's output also puts the keys in the schema's
 * order, the layout the index recognises without JSON.parse (run-line-matcher).
 */
function canonical(file: string, record: RunRecord): RunRecord {
  // the guard accepts what zod would, and canonicalRunRecord orders the keys as zod's output does
  if (isExactRunRecord(record)) return canonicalRunRecord(record);
  const result = runRecordSchema.safeParse(record);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const field = issue?.path.map(String).join('.') ?? '';
  throw new ValidationError(`${file}: refusing to append an invalid run record: ${field || 'the record'}: ${issue?.message ?? 'invalid'}`, {
    file,
    field,
    expected: 'a record matching runRecordSchema',
    actual: issue?.message,
    cause: result.error,
  });
}

export async function appendRunRecord(file: string, record: RunRecord): Promise<void> {
  await appendRecord(file, canonical(file, record));
}

export function appendRunRecordSync(file: string, record: RunRecord): void {
  appendRecordSync(file, canonical(file, record));
}
