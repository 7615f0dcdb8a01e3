import { currentHost, ValidationError } from '../shared/index.js';
import { appendRecord } from './append.js';
import { type ChangeRecord, changeRecordSchema } from './records.js';

/**
 * Every change of logs/changes.jsonl is written through here, whichever room
 * made it (an operator's command, the console, the daemon, the harness):
 * checked against the format, and stamped with the machine it was made on,
 * which a home shared by several hosts needs to say who did what where.
 */
export async function appendChangeRecord(file: string, record: ChangeRecord): Promise<void> {
  const result = changeRecordSchema.safeParse({ ...record, host: record.host ?? currentHost() });
  if (!result.success) {
    const field = result.error.path.join('.');
    throw new ValidationError(
      `${file}: refusing to append an invalid change record: ${field || 'the record'}: ${result.error.problem}`,
      {
        file,
        field,
        expected: `a change record (${field || 'the record'}: ${result.error.expected ?? ''})`,
        actual: result.error.actual,
        cause: result.error,
      },
    );
  }
  await appendRecord(file, result.data);
}
