import { endianness } from 'node:os';
import { contentHash } from '../shared/index.js';
import type { AgentSummary, KeyedRun, KeyedSize } from './agent-summary.js';
import { DayTable } from './day-table.js';
import type { Block, FileIndex } from './file-index.js';
import type { BadLineSample } from './read-stats.js';
import { RUN_STATUSES } from './records.js';
import type { RunKey } from './run-order.js';

/**
 * The stored form of a FileIndex (logs/.index/<journal>.idx.json). Every
 * `status` loads it in a fresh process, before the JIT has warmed up, so most
 * of it is not parsed at all: a header line, a small JSON part, and the bulk
 * (the sparse block map and the day columns) as the bytes of typed arrays,
 * which load as views on the file's bytes with nothing copied or converted:
 *
 *   {"format":7,"hash":"<contentHash of all after line 1>","json":<bytes>,"byteOrder":"LE"}\n
 *   {...the JSON part...}  then zero bytes up to a multiple of 8 from the file's start
 *   texts: the recent runs' records as JSON, one after another (json.texts bytes), padded to 8
 *   blocks: Float64 [off, line, min, max] × json.blocks      min/max: ended_at ms of the block's runs (min > max: none)
 *   per agent, in json.agents' order, each column padded to 8 bytes:
 *     cost Float64 × rows, duration Float64 × rows, day Int32 × rows, runs Uint32 × rows,
 *     counts (Uint16, or Uint32 when json says countBytes 4) × rows × RUN_STATUSES.length (18), in its order
 *
 * The JSON part:
 *   agents: [[name, { recent, okSizes, streak, rows, countBytes }], ...]   (a list: names keep their order)
 *   agents[i].recent:   [ms, off, end, at, length, ...]  the last 30 runs by ended_at, ascending; each
 *                       record is texts' bytes at..at+length, parsed only when a view asks for it
 *   agents[i].okSizes:  [ms, off, size, ...]            the last 10 OK runs' output sizes
 *   agents[i].streak:   { lastOk: [ms, off] | null, failures: [ms, off, ...] }
 *   day: days since 1970-01-01 on the local calendar
 *
 * The hash stands in for checking the body field by field: a truncated,
 * damaged or hand-edited index fails it and is rebuilt (the journal is the
 * truth). Numbers are in the writer's byte order; a host of the other order
 * rebuilds the index rather than read it. Format 5 was all JSON: at 10M runs
 * 10 MB whose parse was most of what `status` and `costs` cost.
 */
/**
 * 6: blocks and day columns as typed arrays' bytes (format 5 was all JSON);
 * 7: the KILLED status, an 18th count per day (an older index is rebuilt from the journal);
 * 8: the recent runs' records as bytes beside the JSON part: `status` reads one per agent of the 30 it
 *    parsed before (and a home shared by three hosts, one of 90)
 */
export const INDEX_FORMAT = 8;

/** Beyond any ended_at (±8.64e15 ms is the range of Date): marks a block without runs. */
const NO_RUNS_MIN = 9e15;
const NO_RUNS_MAX = -9e15;
const STATUS_COUNT = RUN_STATUSES.length;
const BYTE_ORDER = endianness();

interface StoredAgent {
  recent: number[];
  okSizes: number[];
  streak: { lastOk: [ms: number, off: number] | null; failures: number[] };
  rows: number;
  countBytes: 2 | 4;
}

interface StoredIndex {
  journal: string;
  gzip: boolean;
  timezone: string;
  identity: FileIndex['identity'];
  fingerprint: FileIndex['fingerprint'];
  covered: number;
  lines: number;
  good: number;
  bad: number;
  badSamples: Array<{ line: number | null; offset: number; problem: string }>;
  blocks: number;
  texts: number;
  agents: Array<[name: string, agent: StoredAgent]>;
}

interface Header {
  format: number;
  hash: string;
  json: number;
  byteOrder: string;
}

const padded = (bytes: number): number => Math.ceil(bytes / 8) * 8;

/** The index's bytes, as written to disk. */
export function encodeIndexBytes(index: FileIndex): Buffer {
  const columns: Array<Int32Array | Uint32Array | Uint16Array | Float64Array> = [];
  const blocks = new Float64Array(index.blocks.length * 4);
  index.blocks.forEach(({ off, line, min, max }, i) => {
    blocks[i * 4] = off;
    blocks[i * 4 + 1] = line;
    blocks[i * 4 + 2] = Number.isFinite(min) ? min : NO_RUNS_MIN;
    blocks[i * 4 + 3] = Number.isFinite(max) ? max : NO_RUNS_MAX;
  });
  columns.push(blocks);
  const agents: StoredIndex['agents'] = [];
  const texts: Buffer[] = [];
  let textBytes = 0;
  for (const [name, summary] of index.agents) {
    const days = summary.days.columns();
    columns.push(days.cost, days.duration, days.day, days.runs, days.counts);
    agents.push([
      name,
      {
        recent: summary.recent.flatMap(({ ms, off, end, run, stored }) => {
          // a record still as the loaded index held it is written back as it was, never parsed
          const text = run === null ? stored : Buffer.from(JSON.stringify(run), 'utf8');
          if (text === null) throw new Error(`${index.journal}: a recent run at offset ${off} was never read back`);
          texts.push(text);
          textBytes += text.length;
          return [ms, off, end, textBytes - text.length, text.length];
        }),
        okSizes: summary.okSizes.flatMap(({ ms, off, size }) => [ms, off, size]),
        streak: {
          lastOk: summary.streak.lastOk === null ? null : [summary.streak.lastOk.ms, summary.streak.lastOk.off],
          failures: summary.streak.failures.flatMap(({ ms, off }) => [ms, off]),
        },
        rows: days.day.length,
        countBytes: days.counts instanceof Uint16Array ? 2 : 4,
      },
    ]);
  }
  const stored: StoredIndex = {
    journal: index.journal,
    gzip: index.gzip,
    timezone: index.timezone,
    identity: index.identity,
    fingerprint: index.fingerprint,
    covered: index.covered,
    lines: index.lines,
    good: index.stats.good,
    bad: index.stats.bad,
    badSamples: index.stats.badSamples.map(({ line, offset, problem }) => ({ line: line ?? null, offset, problem })),
    blocks: index.blocks.length,
    texts: textBytes,
    agents,
  };
  const json = Buffer.from(JSON.stringify(stored), 'utf8');
  // the header's length depends on the hash only through its fixed 16 digits: lay the body out with a stand-in
  const headerOf = (hash: string): Buffer =>
    Buffer.from(`${JSON.stringify({ format: INDEX_FORMAT, hash, json: json.length, byteOrder: BYTE_ORDER })}\n`);
  const headerBytes = headerOf('0'.repeat(16)).length;
  let size = padded(headerBytes + json.length);
  for (const column of columns) size += padded(column.byteLength);
  size += padded(textBytes);
  const file = Buffer.alloc(size);
  json.copy(file, headerBytes);
  let at = padded(headerBytes + json.length);
  for (const text of texts) {
    text.copy(file, at);
    at += text.length;
  }
  at = padded(padded(headerBytes + json.length) + textBytes);
  for (const column of columns) {
    file.set(new Uint8Array(column.buffer, column.byteOffset, column.byteLength), at);
    at += padded(column.byteLength);
  }
  const header = headerOf(contentHash(file.subarray(headerBytes)));
  if (header.length !== headerBytes)
    throw new Error(`index header of ${header.length} bytes, laid out for ${headerBytes}`);
  header.copy(file, 0);
  return file;
}

/** encodeIndexBytes as a string of one character per byte (latin1): what tests compare and edit. */
export function encodeIndex(index: FileIndex): string {
  return encodeIndexBytes(index).toString('latin1');
}

function pairs(flat: readonly number[], width: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i + width <= flat.length; i += width) out.push(flat.slice(i, i + width));
  return out;
}

/** Typed arrays over the file's bytes, in order; RangeError past its end. */
class ColumnReader {
  constructor(
    private readonly bytes: Buffer,
    private at: number,
  ) {}

  take<T>(make: (buffer: ArrayBuffer, offset: number, length: number) => T, length: number, width: number): T {
    const bytes = length * width;
    if (!Number.isInteger(length) || length < 0) throw new RangeError(`a column of ${length} items`);
    if (this.at + bytes > this.bytes.length) throw new RangeError(`a column past the index's end`);
    const column = make(this.bytes.buffer as ArrayBuffer, this.bytes.byteOffset + this.at, length);
    this.at += padded(bytes);
    return column;
  }

  get done(): boolean {
    return this.at === this.bytes.length;
  }
}

function decodeAgent(stored: StoredAgent, columns: ColumnReader, texts: Buffer): AgentSummary {
  const recent = pairs(stored.recent, 5).map(([ms, off, end, at, length]): KeyedRun => {
    if ((at as number) + (length as number) > texts.length) throw new RangeError(`a recent run past the texts' end`);
    return {
      ms: ms as number,
      off: off as number,
      end: end as number,
      run: null,
      stored: texts.subarray(at, (at as number) + (length as number)),
    };
  });
  const okSizes = pairs(stored.okSizes, 3).map(([ms, off, size]): KeyedSize => ({
    ms: ms as number,
    off: off as number,
    size: size as number,
  }));
  const failures = pairs(stored.streak.failures, 2).map(([ms, off]): RunKey => ({
    ms: ms as number,
    off: off as number,
  }));
  const lastOk = stored.streak.lastOk === null ? null : { ms: stored.streak.lastOk[0], off: stored.streak.lastOk[1] };
  const rows = stored.rows;
  if (!Number.isInteger(rows) || rows < 0) throw new RangeError(`rows: ${rows}`);
  const days = DayTable.fromColumns({
    cost: columns.take((b, o, n) => new Float64Array(b, o, n), rows, 8),
    duration: columns.take((b, o, n) => new Float64Array(b, o, n), rows, 8),
    day: columns.take((b, o, n) => new Int32Array(b, o, n), rows, 4),
    runs: columns.take((b, o, n) => new Uint32Array(b, o, n), rows, 4),
    counts:
      stored.countBytes === 2
        ? columns.take((b, o, n) => new Uint16Array(b, o, n), rows * STATUS_COUNT, 2)
        : columns.take((b, o, n) => new Uint32Array(b, o, n), rows * STATUS_COUNT, 4),
  });
  return { recent, okSizes, streak: { lastOk, failures }, days };
}

function decodeBlocks(flat: Float64Array): Block[] {
  const blocks: Block[] = new Array<Block>(flat.length / 4);
  for (let i = 0; i < blocks.length; i++) {
    const min = flat[i * 4 + 2] as number;
    const max = flat[i * 4 + 3] as number;
    blocks[i] = {
      off: flat[i * 4] as number,
      line: flat[i * 4 + 1] as number,
      min: min === NO_RUNS_MIN ? Number.POSITIVE_INFINITY : min,
      max: max === NO_RUNS_MAX ? Number.NEGATIVE_INFINITY : max,
    };
  }
  return blocks;
}

/**
 * The index stored in `stored` (the file's bytes, or encodeIndex's string),
 * or undefined when it is not one this code wrote, whole, on a host of this
 * byte order. The day columns it returns are views on `stored`'s bytes.
 */
export function decodeIndex(stored: string | Uint8Array): FileIndex | undefined {
  let bytes =
    typeof stored === 'string'
      ? Buffer.from(stored, 'latin1')
      : Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  // typed arrays over the bytes need the file's start at a multiple of 8 in memory
  if (bytes.byteOffset % 8 !== 0) bytes = Buffer.from(new Uint8Array(bytes).buffer);
  const newline = bytes.indexOf(10);
  if (newline < 0) return undefined;
  try {
    const header = JSON.parse(bytes.toString('utf8', 0, newline)) as Partial<Header> | null;
    if (
      header?.format !== INDEX_FORMAT ||
      header.byteOrder !== BYTE_ORDER ||
      typeof header.json !== 'number' ||
      header.hash !== contentHash(bytes.subarray(newline + 1))
    )
      return undefined;
    const jsonEnd = newline + 1 + header.json;
    if (jsonEnd > bytes.length) return undefined;
    const stored = JSON.parse(bytes.toString('utf8', newline + 1, jsonEnd)) as StoredIndex;
    const columns = new ColumnReader(bytes, padded(jsonEnd));
    const texts = columns.take((b, o, n) => Buffer.from(b, o, n), stored.texts, 1);
    const blocks = decodeBlocks(columns.take((b, o, n) => new Float64Array(b, o, n), stored.blocks * 4, 8));
    const agents = new Map<string, AgentSummary>();
    for (const [name, agent] of stored.agents) agents.set(name, decodeAgent(agent, columns, texts));
    if (!columns.done) return undefined;
    return {
      journal: stored.journal,
      gzip: stored.gzip,
      timezone: stored.timezone,
      identity: stored.identity,
      fingerprint: stored.fingerprint,
      covered: stored.covered,
      lines: stored.lines,
      stats: {
        good: stored.good,
        bad: stored.bad,
        badSamples: stored.badSamples.map(({ line, offset, problem }): BadLineSample => ({
          line: line ?? undefined,
          offset,
          problem,
        })),
      },
      blocks,
      agents,
    };
  } catch (error) {
    // the hash matched, so this is a format this code no longer reads the same way: rebuild
    if (error instanceof SyntaxError || error instanceof TypeError || error instanceof RangeError) return undefined;
    throw error;
  }
}
