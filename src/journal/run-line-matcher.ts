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

/** The canonical line's pattern, from the run record's one format; the second also captures output_file. */
const CANONICAL = linePattern(runRecordSchema, [
  'agent',
  'ended_at',
  'duration_ms',
  'status',
  'output_size_bytes',
  'cost_usd',
]);
const WITH_OUTPUT = linePattern(runRecordSchema, ['agent', 'ended_at', 'status', 'output_file', 'cost_usd']);
const G = CANONICAL.groups as Record<
  'agent' | 'ended_at' | 'duration_ms' | 'status' | 'output_size_bytes' | 'cost_usd',
  number
>;
const W = WITH_OUTPUT.groups as Record<'agent' | 'ended_at' | 'status' | 'output_file' | 'cost_usd', number>;

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

/** What a review of a window needs of one run (governance's scanWeek). */
export interface RunGlance {
  agent: string;
  status: RunStatus;
  /** ended_at as recorded (a review compares it with its window as text: canonicalEndedIn) */
  endedAt: string;
  costUsd: number;
  /** relative to the home, as recorded */
  outputFile: string | null;
}

/** The glance of a canonical run line; null when the line is not one (it may still be a valid record). */
export function glanceRunLine(text: string): RunGlance | null {
  const match = WITH_OUTPUT.regex.exec(text);
  if (match === null) return null;
  const output = match[W.output_file] as string;
  return {
    agent: match[W.agent] as string,
    status: match[W.status] as RunStatus,
    endedAt: match[W.ended_at] as string,
    costUsd: decimalValue(match[W.cost_usd] as string),
    // the expression admits no escapes, so the text between the quotes is the value
    outputFile: output === 'null' ? null : detached(output.slice(1, -1)),
  };
}

/**
 * The bounds of [fromMs, toMs) as canonical times, for canonicalEndedIn; a
 * bound that has no such form (before year 0, after 9999, ±Infinity) is null.
 */
export interface IsoBounds {
  fromMs: number;
  toMs: number;
  from: string | null;
  to: string | null;
}

export function isoBounds(fromMs: number, toMs: number): IsoBounds {
  const iso = (ms: number): string | null => {
    if (!Number.isInteger(ms)) return null;
    const text = new Date(ms).toISOString();
    return text.length === 24 ? text : null;
  };
  return { fromMs, toMs, from: iso(fromMs), to: iso(toMs) };
}

/**
 * Whether a canonical ended_at (CANONICAL_TIME: fixed width, every field in
 * range) lies in [fromMs, toMs), as canonicalIsoMs would decide it. For a day
 * of the month up to 28 the text is a real date, and such texts sort as the
 * instants they name, so comparing them with the bounds' own canonical text
 * gives the same verdict without reading the number (~2 µs a line in a cold
 * process, a week is ~25,000 lines). Days 29-31 (Date.parse may roll an
 * impossible one over) and bounds without a canonical form take the number.
 */
export function canonicalEndedIn(text: string, bounds: IsoBounds): boolean {
  const tens = text.charCodeAt(8);
  const plainDay = tens < 50 || (tens === 50 && text.charCodeAt(9) <= 56); // "01".."28"
  if (plainDay && bounds.from !== null && bounds.to !== null) return text >= bounds.from && text < bounds.to;
  const ms = canonicalIsoMs(text);
  return ms >= bounds.fromMs && ms < bounds.toMs;
}

/**
 * A copy of `text` that does not keep the string it was cut from alive. V8
 * makes a cut of 13 characters or more a view on the whole: a review keeps a
 * week's output paths (20,000 and more), and as views they held every 64 KB
 * piece of the week's journal text (~18 MB) through collection after
 * collection, which then cost more than reading it. A joined string is copied
 * flat when first read, and the copy is what a cut of it points into.
 */
export function detached(text: string): string {
  return `${text}\n`.slice(0, -1);
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
