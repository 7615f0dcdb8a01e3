import { contentHash } from '../shared/index.js';
import type { AgentSummary, KeyedRun, KeyedSize } from './agent-summary.js';
import { DayTable, type DayColumns } from './day-table.js';
import type { Block, FileIndex } from './file-index.js';
import type { BadLineSample } from './read-stats.js';
import type { RunRecord } from './records.js';
import type { RunKey } from './run-order.js';

/**
 * The stored form of a FileIndex (logs/.index/<journal>.idx.json). Every
 * `status` loads it in a fresh process, before the JIT has warmed up, so it is
 * built to load with native code: two lines,
 *
 *   {"format":6,"hash":"<contentHash of line 2>"}
 *   {...the index...}
 *
 * The hash stands in for checking the body field by field: a truncated,
 * damaged or hand-edited index fails it and is rebuilt (the journal is the
 * truth). Numerous things are flat arrays of numbers, and days are columns
 * that become typed arrays in one call:
 *
 *   blocks:                 [off, line, min, max, ...]    min/max: ended_at ms of the block's runs (min > max: none)
 *   agents.<name>.recent:   [[ms, off, end, record], ...] the last 30 runs by ended_at, ascending
 *   agents.<name>.okSizes:  [ms, off, size, ...]          the last 10 OK runs' output sizes
 *   agents.<name>.streak:   { lastOk: [ms, off] | null, failures: [ms, off, ...] }
 *   agents.<name>.days:     { day: [...], runs: [...], cost: [...], duration: [...], counts: [...] }
 *                           day: days since 1970-01-01 on the local calendar; counts: RUN_STATUSES.length (18) per day, in its order
 */
/**
 * 5: the checksum is SHA-256's first 64 bits (format 4's was a hand-written 64-bit hash);
 * 6: the KILLED status, an 18th count per day (a format-5 index is rebuilt from the journal)
 */
export const INDEX_FORMAT = 6;

/** Beyond any ended_at (±8.64e15 ms is the range of Date): marks a block without runs. */
const NO_RUNS_MIN = 9e15;
const NO_RUNS_MAX = -9e15;

interface StoredAgent {
  recent: Array<[ms: number, off: number, end: number, run: RunRecord]>;
  okSizes: number[];
  streak: { lastOk: [ms: number, off: number] | null; failures: number[] };
  days: DayColumns;
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
  blocks: number[];
  agents: Record<string, StoredAgent>;
}

export function encodeIndex(index: FileIndex): string {
  const agents: string[] = [];
  for (const [name, summary] of index.agents) {
    const stored: Omit<StoredAgent, 'days'> = {
      recent: summary.recent.map(({ ms, off, end, run }) => {
        if (run === null) throw new Error(`${index.journal}: a recent run at offset ${off} was never read back`);
        return [ms, off, end, run];
      }),
      okSizes: summary.okSizes.flatMap(({ ms, off, size }) => [ms, off, size]),
      streak: {
        lastOk: summary.streak.lastOk === null ? null : [summary.streak.lastOk.ms, summary.streak.lastOk.off],
        failures: summary.streak.failures.flatMap(({ ms, off }) => [ms, off]),
      },
    };
    // the day columns are the bulk: written natively, spliced into the object's JSON
    agents.push(`${JSON.stringify(name)}:${JSON.stringify(stored).slice(0, -1)},"days":${summary.days.toJson()}}`);
  }
  const stored: Omit<StoredIndex, 'agents'> = {
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
    blocks: index.blocks.flatMap(({ off, line, min, max }) => [
      off,
      line,
      Number.isFinite(min) ? min : NO_RUNS_MIN,
      Number.isFinite(max) ? max : NO_RUNS_MAX,
    ]),
  };
  const body = `${JSON.stringify(stored).slice(0, -1)},"agents":{${agents.join(',')}}}`;
  return `${JSON.stringify({ format: INDEX_FORMAT, hash: contentHash(body) })}\n${body}`;
}

function pairs(flat: readonly number[], width: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i + width <= flat.length; i += width) out.push(flat.slice(i, i + width));
  return out;
}

function decodeAgent(stored: StoredAgent): AgentSummary {
  const recent = stored.recent.map(([ms, off, end, run]): KeyedRun => ({ ms, off, end, run }));
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
  return { recent, okSizes, streak: { lastOk, failures }, days: DayTable.fromColumns(stored.days) };
}

function decodeBlocks(flat: readonly number[]): Block[] {
  return pairs(flat, 4).map(([off, line, min, max]) => ({
    off: off as number,
    line: line as number,
    min: min === NO_RUNS_MIN ? Number.POSITIVE_INFINITY : (min as number),
    max: max === NO_RUNS_MAX ? Number.NEGATIVE_INFINITY : (max as number),
  }));
}

/** The index stored in `text`, or undefined when it is not one this code wrote, whole. */
export function decodeIndex(text: string): FileIndex | undefined {
  const newline = text.indexOf('\n');
  if (newline < 0) return undefined;
  const body = text.slice(newline + 1);
  try {
    const header = JSON.parse(text.slice(0, newline)) as { format?: unknown; hash?: unknown };
    if (header.format !== INDEX_FORMAT || header.hash !== contentHash(body)) return undefined;
    const stored = JSON.parse(body) as StoredIndex;
    const agents = new Map<string, AgentSummary>();
    for (const [name, agent] of Object.entries(stored.agents)) agents.set(name, decodeAgent(agent));
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
      blocks: decodeBlocks(stored.blocks),
      agents,
    };
  } catch (error) {
    // the hash matched, so this is a format this code no longer reads the same way: rebuild
    if (error instanceof SyntaxError || error instanceof TypeError || error instanceof RangeError) return undefined;
    throw error;
  }
}
