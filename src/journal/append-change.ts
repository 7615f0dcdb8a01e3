import { currentHost } from '../shared/index.js';
import { checkedRecord } from './checked-record.js';
import { appendRecord } from './append.js';
import { type ChangeRecord, changeRecordSchema } from './records.js';

/**
 * Every change of logs/changes.jsonl is written through here, whichever room
 * made it (an operator's command, the console, the daemon, the harness):
 * checked against the format, and stamped with the machine it was made on,
 * which a home shared by several hosts needs to say who did what where.
 */
export async function appendChangeRecord(file: string, record: ChangeRecord): Promise<void> {
  const checked = checkedRecord(
    file,
    changeRecordSchema,
    { ...record, host: record.host ?? currentHost() },
    'change record',
  );
  await appendRecord(file, checked);
}
