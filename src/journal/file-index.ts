import {
  emptyAgentSummary,
  factsOf,
  foldRun,
  isUnread,
  type AgentSummary,
  type KeyedRun,
  type RunFacts,
} from './agent-summary.js';
import { parseIsoMs } from '../shared/index.js';
import { matchRunLine } from './run-line-matcher.js';
import { DEFAULT_MAX_LINE_BYTES, type LineBatch } from './line-splitter.js';
import type { LocalDayClock } from './local-day.js';
import { countBad, emptyStats, isBlank, tooLongProblem, truncatedProblem, type ReadStats } from './read-stats.js';
import { runRecordParser } from './record-parser.js';
import type { RunRecord } from './records.js';

/**
 * The index of one run journal file: which bytes it has read (and how to tell
 * that they are still the same bytes), per-agent summaries of the records in
 * them, and a sparse map from time to byte offset. Folding lines in is pure;
 * reading them and storing the index live elsewhere.
 */

/** Lines per block of the sparse time index. */
export const BLOCK_LINES = 1000;
/** Bytes hashed at the start and before the end of what the index covers. */
export const FINGERPRINT_BYTES = 4096;

export interface FileIdentity {
  /** st_dev and st_ino, as decimal strings (they can exceed 2^53) */
  dev: string;
  ino: string;
  size: number;
  /** st_mtime in nanoseconds, as a decimal string */
  mtimeNs: string;
}

export interface Fingerprint {
  /** of bytes [0, headLength) */
  headLength: number;
  head: string;
  /** of bytes [covered - tailLength, covered) */
  tailLength: number;
  tail: string;
}

/**
 * BLOCK_LINES consecutive lines: where they start and the span of ended_at
 * among their records, so a time-range query reads only the blocks that
 * overlap it (records are roughly, not strictly, in end order).
 */
export interface Block {
  off: number;
  /** 1-based number of the block's first line */
  line: number;
  /** earliest and latest ended_at (ms) in the block; +Infinity/-Infinity when it holds no record */
  min: number;
  max: number;
}

export interface FileIndex {
  journal: string;
  gzip: boolean;
  timezone: string;
  identity: FileIdentity;
  fingerprint: Fingerprint;
  /** offset just past the last complete line read: where the next refresh resumes */
  covered: number;
  /** lines read so far (complete ones) */
  lines: number;
  stats: ReadStats;
  blocks: Block[];
  agents: Map<string, AgentSummary>;
}

/** A last line without "\n" in a plain journal: maybe a writer is mid-write, so it is read but not committed. */
export interface PendingLine {
  offset: number;
  end: number;
  line: number;
  /** the record when the line parses; a full scan sees it too */
  run: RunRecord | null;
  ms: number;
  /** why it is not a record, when it is not (and not blank) */
  problem: string | null;
}

export function emptyFileIndex(journal: string, gzip: boolean, timezone: string, identity: FileIdentity): FileIndex {
  return {
    journal,
    gzip,
    timezone,
    identity,
    fingerprint: { headLength: 0, head: '', tailLength: 0, tail: '' },
    covered: 0,
    lines: 0,
    stats: emptyStats(),
    blocks: [],
    agents: new Map(),
  };
}

export function agentSummaryOf(index: Pick<FileIndex, 'agents'>, agent: string): AgentSummary {
  let summary = index.agents.get(agent);
  if (summary === undefined) {
    summary = emptyAgentSummary();
    // a name cut from a line can pin the whole chunk of text it came from: keep a copy of its own
    index.agents.set(Buffer.from(agent, 'utf8').toString('utf8'), summary);
  }
  return summary;
}

export interface FoldOptions {
  clock: LocalDayClock;
  /** a last line without "\n" is committed too (immutable archives) instead of returned as pending */
  commitUnterminated: boolean;
  /**
   * fold canonical lines without building their records (matchRunLine); the
   * caller then reads the last runs' records back (index-refresh)
   */
  fastPath: boolean;
  maxLineBytes?: number;
}

/** Folds a batch of lines read at `index.covered`; returns the pending last line, if any. */
export function foldBatch(index: FileIndex, batch: LineBatch, options: FoldOptions): PendingLine | null {
  const { texts, starts, ends } = batch;
  const { clock } = options;
  const count = texts.length;
  let pending: PendingLine | null = null;
  let block = index.blocks[index.blocks.length - 1];
  const scratch: RunFacts = { agent: '', status: 'OK', endedMs: 0, durationMs: 0, costUsd: 0, outputSize: 0 };
  for (let i = 0; i < count; i++) {
    const text = texts[i] as string | null;
    const offset = starts[i] as number;
    const end = ends[i] as number;
    const unterminated = batch.lastUnterminated && i === count - 1;
    if (unterminated && !options.commitUnterminated) {
      pending = readPendingLine(text, offset, end, index.lines + 1, options);
      break;
    }
    if (index.lines % BLOCK_LINES === 0 || block === undefined) {
      block = { off: offset, line: index.lines + 1, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY };
      index.blocks.push(block);
    }
    index.lines++;
    index.covered = end;
    if (text === null) {
      countBad(index.stats, {
        line: index.lines,
        offset,
        problem: tooLongProblem(options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES),
      });
      continue;
    }
    let facts = options.fastPath ? matchRunLine(text, scratch) : null;
    let run: RunRecord | null = null;
    if (facts === null) {
      if (isBlank(text)) continue;
      const verdict = runRecordParser.parseLine(text);
      if (!verdict.ok) {
        countBad(index.stats, {
          line: index.lines,
          offset,
          problem: unterminated ? truncatedProblem(verdict.problem) : verdict.problem,
        });
        continue;
      }
      run = verdict.record;
      facts = factsOf(run, parseIsoMs(run.ended_at));
    }
    const ms = facts.endedMs;
    foldRun(agentSummaryOf(index, facts.agent), facts, run, offset, end, clock.dayOf(ms));
    if (ms < block.min) block.min = ms;
    if (ms > block.max) block.max = ms;
    index.stats.good++;
  }
  return pending;
}

/** The runs kept as "recent" whose records the fast path did not build. */
export function unreadRecentRuns(index: Pick<FileIndex, 'agents'>): KeyedRun[] {
  const unread: KeyedRun[] = [];
  for (const summary of index.agents.values())
    for (const entry of summary.recent) if (isUnread(entry)) unread.push(entry);
  return unread;
}

function readPendingLine(
  text: string | null,
  offset: number,
  end: number,
  line: number,
  options: FoldOptions,
): PendingLine {
  const pending: PendingLine = { offset, end, line, run: null, ms: Number.NaN, problem: null };
  if (text === null) pending.problem = tooLongProblem(options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
  else if (!isBlank(text)) {
    const verdict = runRecordParser.parseLine(text);
    if (verdict.ok) {
      pending.run = verdict.record;
      pending.ms = parseIsoMs(verdict.record.ended_at);
    } else pending.problem = truncatedProblem(verdict.problem);
  }
  return pending;
}

/** A stream failure (a damaged archive) counts as one more bad line, as it does for a plain read. */
export function foldStreamFailure(index: FileIndex, offset: number, problem: string): void {
  countBad(index.stats, { line: undefined, offset, problem });
}
