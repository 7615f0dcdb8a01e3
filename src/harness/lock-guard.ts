import { COST_BASES as COST_BASIS_NAMES, isCount, isNonNegative, isNullableNumber, isNullableString, isObject, isPositiveInt, isStringArray, isTokens, ownKeyCount } from '../journal/index.js';
import type { KillMarker } from './kill.js';
import type { RunLock } from './lock.js';

/**
 * The run lock and the kill marker, checked by hand (src/journal/guards.ts
 * says why): every run reads its lock back several times and looks for a
 * marker, and building their zod schemas costs more than the run's own work.
 * Only a value exactly as the harness writes it passes; anything else goes
 * to zod. test/harness/lock-guard.test.ts holds both to their schemas.
 */
const LOCK_KEYS = 18;
const COST_BASES: ReadonlySet<unknown> = new Set(COST_BASIS_NAMES);

function isNonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}

function isLockUsage(value: unknown): boolean {
  if (value === null) return true;
  return (
    isObject(value) &&
    isCount(value.llm_calls) &&
    isStringArray(value.tool_calls) &&
    isNonNegative(value.cost_usd) &&
    COST_BASES.has(value.cost_basis) &&
    isTokens(value.tokens) &&
    ownKeyCount(value) === 5
  );
}

function isLockOutput(value: unknown): boolean {
  if (value === null) return true;
  return (
    isObject(value) &&
    typeof value.stamp === 'string' &&
    value.stamp.length > 0 &&
    typeof value.ino === 'string' &&
    /^\d+$/.test(value.ino) &&
    isCount(value.size_bytes) &&
    ownKeyCount(value) === 3
  );
}

export function isExactRunLock(value: unknown): value is RunLock {
  return (
    isObject(value) &&
    isNonEmptyString(value.run_id) &&
    isNonEmptyString(value.agent) &&
    isCount(value.pid) &&
    (value.pgid === null || isPositiveInt(value.pgid)) &&
    (value.runner_pid === null || isPositiveInt(value.runner_pid)) &&
    isNullableString(value.cgroup) &&
    typeof value.started_at === 'string' &&
    typeof value.trigger === 'string' &&
    typeof value.host === 'string' &&
    isNullableString(value.boot_id) &&
    isNullableNumber(value.pid_start_ticks) &&
    typeof value.runner === 'string' &&
    isNullableString(value.model) &&
    isNullableString(value.prompt_sha256) &&
    isNullableString(value.definition_sha256) &&
    isNullableString(value.input_file) &&
    isLockUsage(value.usage) &&
    isLockOutput(value.output) &&
    ownKeyCount(value) === LOCK_KEYS
  );
}

export function isExactKillMarker(value: unknown): value is KillMarker {
  return (
    isObject(value) &&
    typeof value.run_id === 'string' &&
    typeof value.by === 'string' &&
    isNullableString(value.reason) &&
    typeof value.at === 'string' &&
    (value.seen_by === null || isPositiveInt(value.seen_by)) &&
    ownKeyCount(value) === 5
  );
}
