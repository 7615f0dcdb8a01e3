import type { RunFacts } from './agent-summary.js';
import { CANONICAL_TIME, canonicalIsoMs } from './iso-time.js';
import { CONTAINMENTS, LIMIT_NAMES, RUN_STATUSES, type RunStatus } from './records.js';

/**
 * The fast path of a cold index build: JSON.parse costs ~3 µs for a run
 * record, and a million of them must be indexed in a few seconds. A line the
 * way appendRunRecord writes it (runRecordSchema's key order, no whitespace,
 * no escapes, numbers without exponents, times from toISOString) is
 * recognised by one regular expression, which reads the few fields the index
 * needs without building the record.
 *
 * The expression accepts only lines that are valid records, so anything it
 * does not accept is merely left to the slow path (JSON.parse, then the
 * schema), which gives the verdict. test/journal/run-line-matcher.test.ts
 * holds the two to the same answers.
 */

/** a JSON string without escapes or control characters: its text is its value */
const CHARS = '[^"\\\\\\x00-\\x1f]';
const STR = `"${CHARS}*"`;
const NONEMPTY = `"${CHARS}+"`;
/** at most 21 integer digits and no exponent: always finite */
const NONNEG = '(?:0|[1-9][0-9]{0,20})(?:\\.[0-9]{1,40})?';
const NUM = `-?${NONNEG}`;
/** at most 15 digits: a safe integer */
const COUNT = '(?:0|[1-9][0-9]{0,14})';
const INT = `-?${COUNT}`;
const NULLABLE_STR = `(?:null|${STR})`;
const alternatives = (values: readonly string[]): string => `(?:${values.join('|')})`;

/** The canonical line's fields, in order; `outputFile` captures output_file only where it is asked for. */
const canonicalRunLine = (outputFile: boolean): RegExp =>
  new RegExp(
    [
      '^\\{"v":1',
      `"run_id":${NONEMPTY}`,
      `"agent":"(${CHARS}+)"`,
      `"trigger":${STR}`,
      `"started_at":"${CANONICAL_TIME}"`,
      `"ended_at":"(${CANONICAL_TIME})"`,
      `"duration_ms":(${NONNEG})`,
      `"status":"(${alternatives(RUN_STATUSES)})"`,
      `"reason":${NULLABLE_STR}`,
      `"limit_hit":(?:null|\\{"limit":"${alternatives(LIMIT_NAMES)}","max":${NUM},"observed":${NUM}\\})`,
      `"input_file":${NULLABLE_STR}`,
      `"input_size_bytes":(?:null|${NUM})`,
      outputFile ? `"output_file":(null|"${CHARS}*")` : `"output_file":${NULLABLE_STR}`,
      `"output_size_bytes":(${NONNEG})`,
      `"tool_calls":\\[(?:${STR}(?:,${STR})*)?\\]`,
      `"llm_calls":${COUNT}`,
      `"tokens":\\{"input":${NONNEG},"output":${NONNEG}(?:,"cache_read":${NONNEG})?(?:,"cache_write":${NONNEG})?\\}`,
      `"cost_usd":(${NONNEG})(?:,"cost_basis":"(?:reported|table|fallback|none)")?`,
      `"runner":${STR}`,
      `"model":${NULLABLE_STR}`,
      `"exit_code":(?:null|${INT})(?:,"containment":(?:null|"${alternatives(CONTAINMENTS)}"))?`,
      `"prompt_sha256":${NULLABLE_STR}`,
      `"definition_sha256":${NULLABLE_STR}`,
      `"host":${STR}`,
      `"version":${STR}\\}$`,
    ].join(','),
  );

const CANONICAL_RUN_LINE = canonicalRunLine(false);
/** the same lines, with output_file captured (group 5; the later groups one further) */
const CANONICAL_RUN_LINE_WITH_OUTPUT = canonicalRunLine(true);

/**
 * The index's facts of a canonical run line; null when the line is not one
 * (it may still be a valid record). With `into`, fills and returns that object
 * instead of a new one: a million lines need not make a million of them.
 */
export function matchRunLine(text: string, into?: RunFacts): RunFacts | null {
  const match = CANONICAL_RUN_LINE.exec(text);
  if (match === null) return null;
  const facts = into ?? { agent: '', status: 'OK', endedMs: 0, durationMs: 0, costUsd: 0, outputSize: 0 };
  facts.agent = match[1] as string;
  facts.status = match[4] as RunStatus;
  facts.endedMs = canonicalIsoMs(match[2] as string);
  facts.durationMs = decimalValue(match[3] as string);
  facts.costUsd = decimalValue(match[6] as string);
  facts.outputSize = decimalValue(match[5] as string);
  return facts;
}

/** What a review of a window needs of one run (governance's scanWeek). */
export interface RunGlance {
  agent: string;
  status: RunStatus;
  endedMs: number;
  costUsd: number;
  /** relative to the home, as recorded */
  outputFile: string | null;
}

/** The glance of a canonical run line; null when the line is not one (it may still be a valid record). */
export function glanceRunLine(text: string): RunGlance | null {
  const match = CANONICAL_RUN_LINE_WITH_OUTPUT.exec(text);
  if (match === null) return null;
  const output = match[5] as string;
  return {
    agent: match[1] as string,
    status: match[4] as RunStatus,
    endedMs: canonicalIsoMs(match[2] as string),
    costUsd: decimalValue(match[7] as string),
    // the expression admits no escapes, so the text between the quotes is the value
    outputFile: output === 'null' ? null : output.slice(1, -1),
  };
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
