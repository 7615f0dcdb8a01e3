import type { FileIndex } from './file-index.js';
import { openJournal, readLineBatches } from './line-source.js';
import { isBlank } from './read-stats.js';
import { runRecordParser } from './record-parser.js';
import type { RunRecord } from './records.js';
import type { RunJournalFile } from './sources.js';

/**
 * Reads the runs that ended in [fromMs, toMs) from one journal file, visiting
 * only the blocks of the sparse index whose span of ended_at overlaps the
 * range. Reads up to what the index covers: a refresh makes newer lines
 * visible.
 */
export type ByteRange = [start: number, end: number];

/** Byte ranges to read, adjacent blocks joined. Pure. */
export function blockRanges(index: Pick<FileIndex, 'blocks' | 'covered'>, fromMs: number, toMs: number): ByteRange[] {
  const ranges: ByteRange[] = [];
  const { blocks } = index;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as FileIndex['blocks'][number];
    if (block.max < fromMs || block.min >= toMs) continue;
    const end = blocks[i + 1]?.off ?? index.covered;
    const last = ranges.at(-1);
    if (last !== undefined && last[1] === block.off) last[1] = end;
    else ranges.push([block.off, end]);
  }
  return ranges;
}

export async function* runsInRanges(
  file: RunJournalFile,
  ranges: readonly ByteRange[],
  agent: string | null,
  fromMs: number,
  toMs: number,
): AsyncGenerator<RunRecord> {
  yield* scanRanges(file, ranges, agent, (text) => {
    const verdict = runRecordParser.parseLine(text);
    if (!verdict.ok) return null;
    const ms = Date.parse(verdict.record.ended_at);
    return { run: verdict.record, agent: verdict.record.agent, within: ms >= fromMs && ms < toMs };
  });
}

/** What a reader makes of one line: the run, its agent, and whether it ended in the range asked for. */
interface Seen<T> {
  run: T;
  agent: string;
  within: boolean;
}

async function* scanRanges<T>(
  file: RunJournalFile,
  ranges: readonly ByteRange[],
  agent: string | null,
  read: (text: string) => Seen<T> | null,
): AsyncGenerator<T> {
  for await (const batch of scanRangeBatches(file, ranges, agent, read)) yield* batch;
}

/** The runs of each batch of lines read, as one array (none for a batch without one). */
async function* scanRangeBatches<T>(
  file: RunJournalFile,
  ranges: readonly ByteRange[],
  agent: string | null,
  read: (text: string) => Seen<T> | null,
): AsyncGenerator<T[]> {
  if (ranges.length === 0) return;
  const handle = await openJournal(file.path);
  if (handle === undefined) return;
  // gzip cannot seek: one pass from the first range to the end of the last
  const reads: readonly ByteRange[] = file.gzip
    ? [[(ranges[0] as ByteRange)[0], (ranges.at(-1) as ByteRange)[1]]]
    : ranges;
  try {
    for (const [start, end] of reads) {
      for await (const batch of readLineBatches(handle, file.path, { start, end })) {
        const runs: T[] = [];
        for (const text of batch.texts) {
          if (text === null || isBlank(text)) continue;
          // without a backslash a line has no JSON escapes, so its agent's name appears in it verbatim: skip the parse when it does not
          if (agent !== null && !text.includes(agent) && !text.includes('\\')) continue;
          const seen = read(text);
          if (seen === null) continue;
          if (agent !== null && seen.agent !== agent) continue;
          if (seen.within) runs.push(seen.run);
        }
        if (runs.length > 0) yield runs;
      }
    }
  } finally {
    await handle.close();
  }
}
