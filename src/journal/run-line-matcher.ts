import type { RunFacts } from './agent-summary.js';
import { canonicalIsoMs, linePattern, runRecordSchema, type RunStatus } from '../shared/index.js';

/**
 * The fast path of a cold index build: JSON.parse costs ~3 µs for a run
 * record, and a million of them must be indexed in a few seconds. A line the
 * way appendRunRecord writes it (the format's key order, no whitespace,
 * no escapes, numbers without exponents, times from toISOString) is
 * recognised by one regular expression, made from the run record's format
 * (src/shared/records.ts), which reads the few fields the index needs without
 * building the record.
 *
 * The expression accepts only lines that are valid records, so anything it
 * does not accept is merely left to the slow path (JSON.parse, then the
 * format), which gives the verdict. test/journal/run-line-matcher.test.ts
 * holds the two to the same answers.
 */

/** The canonical line's pattern, from the run record's one format. */
const CANONICAL = linePattern(runRecordSchema, [
  'agent',
  'ended_at',
  'duration_ms',
  'status',
  'output_size_bytes',
  'cost_usd',
]);
const G = CANONICAL.groups as Record<
  'agent' | 'ended_at' | 'duration_ms' | 'status' | 'output_size_bytes' | 'cost_usd',
  number
>;

/**
 * The index's facts of a canonical run line; null when the line is not one
 * (it may still be a valid record). With `into`, fills and returns that object
 * instead of a new one: a million lines need not make a million of them.
 */
export function matchRunLine(text: string, into?: RunFacts): RunFacts | null {
  const match = CANONICAL.regex.exec(text);
  if (match === null) return null;
  const facts = into ?? { agent: '', status: 'OK', endedMs: 0, durationMs: 0, costUsd: 0, outputSize: 0 };
  facts.agent = match[G.agent] as string;
  facts.status = match[G.status] as RunStatus;
  facts.endedMs = canonicalIsoMs(match[G.ended_at] as string);
  facts.durationMs = decimalValue(match[G.duration_ms] as string);
  facts.costUsd = decimalValue(match[G.cost_usd] as string);
  facts.outputSize = decimalValue(match[G.output_size_bytes] as string);
  return facts;
}

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Number(text) for an unsigned decimal the expression has checked, without
 * leaving JavaScript: digits as an integer m, then m / 10^k. While m < 2^53 and
 * k ≤ 22 both are exact doubles and IEEE division rounds once, to the same
 * double Number() gives (Clinger's fast path); beyond that, Number() itself.
 */
export function decimalValue(text: string): number {
  let mantissa = 0;
  let scale = -1;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === 46) scale = length - i - 1;
    else mantissa = mantissa * 10 + (code - 48);
  }
  if (mantissa > Number.MAX_SAFE_INTEGER || scale > 22) return Number(text);
  return scale <= 0 ? mantissa : mantissa / (POWERS_OF_TEN[scale] as number);
}
