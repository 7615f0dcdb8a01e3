import { appendFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { appendMember, type AppendStep, readFrom } from './append-member.js';
import { tarEntries } from './tar.js';
import { entriesOfGzip, scanTarGz } from './tar-scan.js';

/**
 * outputs/<name>/archive/<year>.tar.gz: one gzip member per batch, each a tar
 * stream of whole output files (see tar.ts for why no end marker). List or
 * extract it with plain tar:
 *
 *   tar -tzvf outputs/nightly-summarizer/archive/2025.tar.gz
 *   tar -xzf  outputs/nightly-summarizer/archive/2025.tar.gz -C /tmp/restore 2025-03-01.md
 */
export interface FileToArchive {
  /** the entry name: the output's file name */
  name: string;
  data: Buffer;
  sha256: string;
  mtimeMs: number;
}

/** name → sha256 of every entry already in the archive; empty when there is none yet. */
export async function archivedHashes(archive: string): Promise<Map<string, Set<string>>> {
  const hashes = new Map<string, Set<string>>();
  try {
    await stat(archive);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return hashes;
    throw error;
  }
  await scanTarGz(archive, (entry) => {
    const set = hashes.get(entry.name) ?? new Set<string>();
    set.add(entry.sha256);
    hashes.set(entry.name, set);
  });
  return hashes;
}

export async function appendOutputs(
  archive: string,
  files: readonly FileToArchive[],
  hook?: (step: AppendStep) => Promise<void> | void,
): Promise<void> {
  const member = gzipSync(tarEntries(files));
  await appendMember(archive, {
    write: (file) => appendFile(file, member, { mode: 0o600 }),
    async verify(file, start) {
      const back = await readFrom(file, start);
      const entries = entriesOfGzip(back);
      if (entries.length !== files.length) throw new Error(`expected ${files.length} entries, read ${entries.length}`);
      entries.forEach((entry, i) => {
        const want = files[i] as FileToArchive;
        if (entry.name !== want.name || entry.sha256 !== want.sha256) {
          throw new Error(
            `entry ${i + 1} is ${entry.name} (sha256 ${entry.sha256.slice(0, 12)}…), expected ${want.name} (sha256 ${want.sha256.slice(0, 12)}…)`,
          );
        }
      });
    },
    hook,
  });
}
