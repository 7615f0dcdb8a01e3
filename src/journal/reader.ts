import type { Schema } from '../shared/index.js';
import { DEFAULT_MAX_LINE_BYTES } from './line-splitter.js';
import { openJournal, readLineBatches, type LineRange } from './line-source.js';
import { countBad, emptyStats, isBlank, tooLongProblem, truncatedProblem, type ReadStats } from './read-stats.js';
import { parserFor } from './record-parser.js';

export interface JsonlEntry<T> {
  record: T;
  /** byte offset where the record's line starts */
  offset: number;
  /** byte offset just past its "\n": where an incremental reader resumes */
  next: number;
}

/** The records of one journal, streamed; `stats` and `resumeAt` are final once iteration ends. */
export interface JsonlReading<T> extends AsyncIterable<JsonlEntry<T>> {
  readonly stats: ReadStats;
  /**
   * Where an incremental reader should start next time: just past the last
   * line that ended in "\n". A last line without one may be a writer's
   * unfinished write, so reading resumes at its start, never inside it.
   */
  readonly resumeAt: number;
}

export type ReadOptions = Pick<LineRange, 'start' | 'end' | 'chunkBytes' | 'maxLineBytes'>;

/**
 * Streams the records of a JSONL journal (plain or .gz) in bounded memory.
 * Lines that are not JSON, are cut short or have the wrong shape are counted
 * in `stats` and skipped, never thrown. A missing file is an empty journal;
 * one that exists but cannot be read throws CorruptFileError.
 */
export function readJsonl<T>(file: string, schema: Schema<T>, options: ReadOptions = {}): JsonlReading<T> {
  const reading = { stats: emptyStats(), resumeAt: options.start ?? 0 };
  return Object.assign(reading, { [Symbol.asyncIterator]: () => entries(file, schema, options, reading) });
}

async function* entries<T>(
  file: string,
  schema: Schema<T>,
  options: ReadOptions,
  reading: { stats: ReadStats; resumeAt: number },
): AsyncGenerator<JsonlEntry<T>> {
  const { stats } = reading;
  const parser = parserFor(schema);
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const handle = await openJournal(file);
  if (handle === undefined) return;
  const knowsLineNumbers = (options.start ?? 0) === 0;
  let lineNumber = 0;
  try {
    const failures: Array<{ offset: number; problem: string }> = [];
    for await (const batch of readLineBatches(handle, file, options, (failure) => failures.push(failure))) {
      const { texts, starts, ends } = batch;
      const complete = batch.lastUnterminated ? texts.length - 1 : texts.length;
      if (complete > 0) reading.resumeAt = ends[complete - 1] as number;
      for (let i = 0; i < texts.length; i++) {
        lineNumber++;
        const text = texts[i] as string | null;
        const offset = starts[i] as number;
        const line = knowsLineNumbers ? lineNumber : undefined;
        if (text === null) {
          countBad(stats, { line, offset, problem: tooLongProblem(maxLineBytes) });
          continue;
        }
        if (isBlank(text)) continue;
        const verdict = parser.parseLine(text);
        if (verdict.ok) {
          stats.good++;
          yield { record: verdict.record, offset, next: ends[i] as number };
        } else {
          const unterminated = batch.lastUnterminated && i === texts.length - 1;
          countBad(stats, {
            line,
            offset,
            problem: unterminated ? truncatedProblem(verdict.problem) : verdict.problem,
          });
        }
      }
    }
    for (const failure of failures)
      countBad(stats, { line: undefined, offset: failure.offset, problem: failure.problem });
  } finally {
    await handle.close();
  }
}
