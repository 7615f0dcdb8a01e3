import { isCount, isNonNegative, isNullableNumber, isNullableString, isNumber, isObject, isStringArray, isTime, isTokens, ownKeyCount } from './guards.js';
import { CONTAINMENTS as CONTAINMENT_NAMES, COST_BASES as COST_BASIS_NAMES, LIMIT_NAMES, RUN_STATUSES, type RunRecord } from './records.js';

/**
 * A hand-written check equivalent to `runRecordSchema` for records that have
 * no keys beyond the schema's: zod costs several microseconds a record, and a
 * cold index build checks a million of them. A value this check refuses is
 * handed to zod, which either strips unknown keys from a good record or says
 * what is wrong with a bad one, so the outcome is always zod's.
 * test/journal/run-record-guard.test.ts holds the two to the same answers.
 */

const STATUSES: ReadonlySet<string> = new Set(RUN_STATUSES);
const LIMITS: ReadonlySet<string> = new Set(LIMIT_NAMES);
const COST_BASES: ReadonlySet<string> = new Set(COST_BASIS_NAMES);
const CONTAINMENTS: ReadonlySet<string> = new Set(CONTAINMENT_NAMES);
/** every key of the schema but the optional `cost_basis` and `containment` */
export const REQUIRED_RUN_KEYS = 25;

function isLimitHit(value: unknown): boolean {
  if (value === null) return true;
  if (!isObject(value)) return false;
  return typeof value.limit === 'string' && LIMITS.has(value.limit) && isNumber(value.max) && isNumber(value.observed) && ownKeyCount(value) === 3;
}

/**
 * True when `value` is a run record exactly as `runRecordSchema.parse` would
 * return it: valid, and without keys the schema would strip.
 */
export function isExactRunRecord(value: unknown): value is RunRecord {
  if (!isObject(value)) return false;
  let keys = REQUIRED_RUN_KEYS;
  if ('cost_basis' in value) {
    if (typeof value.cost_basis !== 'string' || !COST_BASES.has(value.cost_basis)) return false;
    keys++;
  }
  if ('containment' in value) {
    if (value.containment !== null && (typeof value.containment !== 'string' || !CONTAINMENTS.has(value.containment))) return false;
    keys++;
  }
  return (
    value.v === 1 &&
    typeof value.run_id === 'string' &&
    value.run_id.length > 0 &&
    typeof value.agent === 'string' &&
    value.agent.length > 0 &&
    typeof value.trigger === 'string' &&
    isTime(value.started_at) &&
    isTime(value.ended_at) &&
    isNonNegative(value.duration_ms) &&
    typeof value.status === 'string' &&
    STATUSES.has(value.status) &&
    isNullableString(value.reason) &&
    isLimitHit(value.limit_hit) &&
    isNullableString(value.input_file) &&
    isNullableNumber(value.input_size_bytes) &&
    isNullableString(value.output_file) &&
    isNonNegative(value.output_size_bytes) &&
    isStringArray(value.tool_calls) &&
    isCount(value.llm_calls) &&
    isTokens(value.tokens) &&
    isNonNegative(value.cost_usd) &&
    typeof value.runner === 'string' &&
    isNullableString(value.model) &&
    (value.exit_code === null || (typeof value.exit_code === 'number' && Number.isSafeInteger(value.exit_code))) &&
    isNullableString(value.prompt_sha256) &&
    isNullableString(value.definition_sha256) &&
    typeof value.host === 'string' &&
    typeof value.version === 'string' &&
    ownKeyCount(value) === keys
  );
}

/**
 * The record with its keys in the schema's order, nested objects too: the
 * line zod's output would make (the layout run-line-matcher recognises),
 * without zod. Only for a record isExactRunRecord accepted.
 */
export function canonicalRunRecord(run: RunRecord): RunRecord {
  const { tokens, limit_hit: hit } = run;
  return {
    v: run.v,
    run_id: run.run_id,
    agent: run.agent,
    trigger: run.trigger,
    started_at: run.started_at,
    ended_at: run.ended_at,
    duration_ms: run.duration_ms,
    status: run.status,
    reason: run.reason,
    limit_hit: hit === null ? null : { limit: hit.limit, max: hit.max, observed: hit.observed },
    input_file: run.input_file,
    input_size_bytes: run.input_size_bytes,
    output_file: run.output_file,
    output_size_bytes: run.output_size_bytes,
    tool_calls: [...run.tool_calls],
    llm_calls: run.llm_calls,
    tokens: {
      input: tokens.input,
      output: tokens.output,
      ...(tokens.cache_read === undefined ? {} : { cache_read: tokens.cache_read }),
      ...(tokens.cache_write === undefined ? {} : { cache_write: tokens.cache_write }),
    },
    cost_usd: run.cost_usd,
    ...(run.cost_basis === undefined ? {} : { cost_basis: run.cost_basis }),
    runner: run.runner,
    model: run.model,
    exit_code: run.exit_code,
    ...(run.containment === undefined ? {} : { containment: run.containment }),
    prompt_sha256: run.prompt_sha256,
    definition_sha256: run.definition_sha256,
    host: run.host,
    version: run.version,
  };
}

