/**
 * The pieces of hand-written checks that stand in front of zod schemas on
 * hot paths (a run record per journal line, the run lock and kill marker of
 * every run, the open alerts after every run). A guard answers "is this value
 * exactly what the schema's parse would return?"; whatever it refuses goes to
 * the schema, so the outcome, errors included, is always zod's. Each guard's
 * test holds it to the schema on thousands of mutated values.
 */
import { parseIsoMs } from './iso-time.js';

export type Loose = Record<string, unknown>;

export function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export function isPositiveInt(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

export function isNonNegative(value: unknown): boolean {
  return isNumber(value) && value >= 0;
}

/** zod's `iso()` refinement: anything Date.parse reads. */
export function isTime(value: unknown): boolean {
  return typeof value === 'string' && !Number.isNaN(parseIsoMs(value));
}

export function isNullableString(value: unknown): boolean {
  return value === null || typeof value === 'string';
}

export function isNullableNumber(value: unknown): boolean {
  return value === null || isNumber(value);
}

export function isStringArray(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== 'string') return false;
  return true;
}

/** Object.keys is cached per object shape: far cheaper than for..in here. A guard compares it with the keys it checked, so a key zod would strip sends the value to zod. */
export function ownKeyCount(value: Loose): number {
  return Object.keys(value).length;
}

/** `{ input, output, cache_read?, cache_write? }`, all non-negative numbers: the tokens of a run record and of a lock's usage. */
export function isTokens(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (!isNonNegative(value.input) || !isNonNegative(value.output)) return false;
  let keys = 2;
  if ('cache_read' in value) {
    if (!isNonNegative(value.cache_read)) return false;
    keys++;
  }
  if ('cache_write' in value) {
    if (!isNonNegative(value.cache_write)) return false;
    keys++;
  }
  return ownKeyCount(value) === keys;
}

/** The guard's value as it is when the guard accepts it, else the schema's parse (which throws on a bad value). */
export function guardedParse<T>(value: unknown, guard: (value: unknown) => value is T, schema: { parse(value: unknown): T }): T {
  return guard(value) ? value : schema.parse(value);
}

/** The same for safeParse: zod's verdict for anything the guard refuses. */
export function guardedSafeParse<T>(value: unknown, guard: (value: unknown) => value is T, schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }): T | null {
  if (guard(value)) return value;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
