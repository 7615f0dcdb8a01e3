import { open } from 'node:fs/promises';

/** How far back a run's own record can be: it is written just before its lock goes, so near the end. */
export const TAIL_BYTES = 1024 * 1024;

/**
 * Whether the journal's last bytes already hold a record of `runId`. Before a
 * CRASHED record is written: a harness that died between appending its record
 * and removing its lock must not get a second record.
 */
export async function journalTailHasRun(file: string, runId: string, tailBytes = TAIL_BYTES): Promise<boolean> {
  const tail = await readTail(file, tailBytes);
  return tail.includes(runIdField(runId));
}

/** The record of `runId` among the journal's last bytes, if it is there. */
export async function findRunInTail(file: string, runId: string, tailBytes = TAIL_BYTES): Promise<unknown | null> {
  const needle = runIdField(runId);
  const lines = (await readTail(file, tailBytes)).split('\n').filter((line) => line.includes(needle));
  for (const line of lines.reverse()) {
    try {
      return JSON.parse(line) as unknown;
    } catch {
      // the cut first line of the tail, or a torn line: keep looking
    }
  }
  return null;
}

function runIdField(runId: string): string {
  return `"run_id":${JSON.stringify(runId)}`;
}

async function readTail(file: string, tailBytes: number): Promise<string> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, tailBytes);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}
