import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ChangeRecord } from '../journal/records.js';

/**
 * One record, one line, one write(2) on an O_APPEND descriptor, so concurrent
 * writers never tear a line (DESIGN §3).
 * Stand-in for `appendRecord` of src/journal: it exists in src/journal/append.ts
 * but is not exported from src/journal/index.ts yet; swap this body for it then.
 */
export async function appendChangeRecord(file: string, record: ChangeRecord): Promise<void> {
  const line = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const handle = await open(file, 'a', 0o600);
  try {
    const { bytesWritten } = await handle.write(line, 0, line.length);
    if (bytesWritten !== line.length) throw new Error(`${file}: only ${bytesWritten} of ${line.length} bytes of a change record were written`);
  } finally {
    await handle.close();
  }
}
