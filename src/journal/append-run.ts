import { checkedRecord } from './checked-record.js';
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
  return checkedRecord(file, runRecordSchema, record, 'run record');
}

export async function appendRunRecord(file: string, record: RunRecord): Promise<void> {
  await appendRecord(file, canonical(file, record));
}

export function appendRunRecordSync(file: string, record: RunRecord): void {
  appendRecordSync(file, canonical(file, record));
}
