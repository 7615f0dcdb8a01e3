import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { HomePaths } from '../home/index.js';
import { journalFileName, runRecordParser, type RunRecord } from '../journal/index.js';

/** How far back a run's own record can be: it is written just before its lock goes, so near the end. */
export const TAIL_BYTES = 1024 * 1024;

/**
 * The record of `runId` among the journal's last bytes, if a whole one is
 * there. Before a CRASHED record is written: a harness that died between
 * appending its record and removing its lock must not get a second record.
 * Only a line that parses as a run record with that exact run id counts: a
 * torn fragment that merely contains the id (a write the disk cut short) is
 * no proof that the run was recorded.
 */
export async function findRunInTail(file: string, runId: string, tailBytes = TAIL_BYTES): Promise<RunRecord | null> {
  const needle = `"run_id":${JSON.stringify(runId)}`;
  const lines = (await readTail(file, tailBytes)).split('\n').filter((line) => line.includes(needle));
  for (const line of lines.reverse()) {
    const verdict = runRecordParser.parseLine(line);
    // the cut first line of the tail, a torn line, or another record that quotes the id: keep looking
    if (verdict.ok && verdict.record.run_id === runId) return verdict.record;
  }
  return null;
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

/**
 * The run's record in any journal it could have been appended to: this
 * host's, the run's own host's (a shared home: each host appends only to
 * its own, logs/runs@<host>.jsonl) and the home's single file.
 */
export async function findRunInJournals(paths: HomePaths, runHost: string, runId: string): Promise<RunRecord | null> {
  const logs = dirname(paths.runsJournal);
  const files = new Set([
    paths.runsJournal,
    join(logs, journalFileName('runs', runHost)),
    join(logs, journalFileName('runs', null)),
  ]);
  for (const file of files) {
    const found = await findRunInTail(file, runId);
    if (found) return found;
  }
  return null;
}
