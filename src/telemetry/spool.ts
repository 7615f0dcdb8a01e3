import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { writeFileAtomically } from '../files/index.js';
import {
  alertEventSchema,
  array,
  errorMessage,
  type Infer,
  literal,
  object,
  runRecordSchema,
} from '../shared/index.js';

/**
 * The OTLP spool (`spool/otlp/` in the home): what the receiver did not take,
 * one JSON file per export that failed, written atomically, retried oldest
 * first by the next export (a run's exit, `check`, the daemon's minute,
 * `nightshift export otlp`) and removed once sent. It keeps the records
 * themselves, not their OTLP encoding: a record is encoded with the settings
 * in force when it is finally sent.
 */
export const spoolFileSchema = object(
  {
    v: literal(1),
    runs: array(runRecordSchema),
    alerts: array(alertEventSchema),
  },
  'an OTLP spool file',
);
export type SpoolBatch = Infer<typeof spoolFileSchema>;

export interface SpoolFile {
  path: string;
  batch: SpoolBatch;
}

/**
 * Beyond this many records the oldest files go: a receiver down for weeks
 * must not fill the disk, and `nightshift export otlp --since` can re-send
 * anything from the journals.
 */
export const SPOOL_MAX_RECORDS = 10_000;

export function batchSize(batch: SpoolBatch): number {
  return batch.runs.length + batch.alerts.length;
}

async function names(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Oldest first. A file that is not a spool file is renamed `*.bad` (never retried) and reported. */
export async function readSpool(dir: string): Promise<{ files: SpoolFile[]; problems: string[] }> {
  const files: SpoolFile[] = [];
  const problems: string[] = [];
  for (const name of await names(dir)) {
    const path = join(dir, name);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      // another process sent and removed it a moment ago
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    let parsed: ReturnType<typeof spoolFileSchema.safeParse>;
    try {
      parsed = spoolFileSchema.safeParse(JSON.parse(text));
    } catch (error) {
      parsed = { success: false, error: error as never };
    }
    if (parsed.success) {
      files.push({ path, batch: parsed.data });
      continue;
    }
    await rename(path, `${path}.bad`).catch(() => undefined);
    problems.push(
      `${path} is not an OTLP spool file (${errorMessage(parsed.error)}): renamed ${name}.bad, never retried; ` +
        '`nightshift export otlp --since` re-sends from the journals',
    );
  }
  return { files, problems };
}

/** One new file, atomically; then the oldest files beyond SPOOL_MAX_RECORDS are removed. Returns how many records were dropped. */
export async function spool(dir: string, batch: SpoolBatch, older: readonly SpoolFile[]): Promise<number> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const name = `${Date.now().toString().padStart(15, '0')}-${process.pid}-${randomUUID().slice(0, 8)}.json`;
  await writeFileAtomically(join(dir, name), `${JSON.stringify(batch)}\n`, { mode: 0o600 });
  let total = batchSize(batch) + older.reduce((sum, file) => sum + batchSize(file.batch), 0);
  let dropped = 0;
  for (const file of older) {
    if (total <= SPOOL_MAX_RECORDS) break;
    await rm(file.path, { force: true });
    total -= batchSize(file.batch);
    dropped += batchSize(file.batch);
  }
  return dropped;
}

export async function removeSent(files: readonly SpoolFile[]): Promise<void> {
  await Promise.all(files.map((file) => rm(file.path, { force: true })));
}
