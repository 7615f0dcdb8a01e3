import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileIndex } from './file-index.js';
import { decodeIndex, encodeIndexBytes } from './index-codec.js';
import { writeFileAtomically } from '../files/index.js';

/**
 * Index files live in logs/.index/, one per journal file. They are a cache:
 * a missing, unreadable or corrupt one is rebuilt from the journal without a
 * word, and one that cannot be written leaves the trail working from memory.
 */
const SUFFIX = '.idx.json';

/** "archive/runs-2025.jsonl.gz" → "archive__runs-2025.jsonl.gz.idx.json" */
export function indexFileName(journal: string): string {
  return `${journal.replaceAll('/', '__')}${SUFFIX}`;
}

export async function loadIndex(indexDir: string, journal: string): Promise<FileIndex | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(join(indexDir, indexFileName(journal)));
  } catch {
    return undefined;
  }
  const index = decodeIndex(bytes);
  return index?.journal === journal ? index : undefined;
}

/** Writes atomically (temp file + rename), so a reader sees the old index or the new one, never half. */
export async function saveIndex(indexDir: string, index: FileIndex): Promise<boolean> {
  try {
    await mkdir(indexDir, { recursive: true, mode: 0o700 });
    // a cache: lost in a crash, it is rebuilt from the journal
    await writeFileAtomically(join(indexDir, indexFileName(index.journal)), encodeIndexBytes(index), {
      mode: 0o600,
      durable: false,
    });
    return true;
  } catch {
    return false;
  }
}

/** Removes the indexes of journals that are gone (rotated, renamed), and temp files of crashed writers. */
export async function removeStaleIndexes(indexDir: string, journals: readonly string[]): Promise<void> {
  let names: string[];
  try {
    names = await readdir(indexDir);
  } catch {
    return;
  }
  const keep = new Set(journals.map(indexFileName));
  const staleTempMs = 60 * 60 * 1000;
  for (const name of names) {
    if (name.endsWith(SUFFIX) && !keep.has(name))
      await rm(join(indexDir, name), { force: true }).catch(() => undefined);
    else if (name.endsWith('.tmp') && name.includes(SUFFIX)) {
      // another process may be writing it right now: only old ones are abandoned
      const { mtimeMs } = await stat(join(indexDir, name)).catch(() => ({ mtimeMs: Date.now() }));
      if (Date.now() - mtimeMs > staleTempMs) await rm(join(indexDir, name), { force: true }).catch(() => undefined);
    }
  }
}
