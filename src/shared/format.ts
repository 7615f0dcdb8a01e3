import { ValidationError } from './errors.js';
import { CANONICAL_TIME, parseIsoMs } from './iso-time.js';

/**
 * The formats of the files nightshift writes itself (run records, alert
 * events, changes, reviews, the run lock, the kill marker, the heartbeat,
 * state.json, an eval's baseline.json), each declared once with these
 * builders. A declaration is the one validator of its format and answers
 * every question about it:
 *
 * - `is(value)`: is this value exactly what `parse` would return (valid, no
 *   key the format does not know, no default to fill)? Readers take such a
 *   value as it is, with no copy: a cold index checks a million of them.
 * - `parse(value)` / `safeParse(value)`: the value in the format's key order,
 *   unknown keys left out (refused by a `strictObject`, for files people also
 *   edit by hand), defaults filled; or a FormatError naming the field, what
 *   was expected and what was found.
 * - `shape`: the fields, in the order records are written.
 * - `linePattern`: the regular expression of a record as nightshift writes it
 *   (JSON.stringify of `parse`'s output), for readers that pick a few fields
 *   out of a line without JSON.parse.
 *
 * Files people write (agent definitions, nightshift.yaml) are checked by zod,
 * whose messages are made for people; these are made for programs and kept
 * fast.
 */

export type Presence = 'required' | 'optional' | 'default';

export type SafeParse<T> = { success: true; data: T } | { success: false; error: FormatError };

export interface Schema<T, P extends Presence = Presence> {
  /** how the value is described in an error: "a number ≥ 0" */
  readonly expected: string;
  /** in an object: must the key be there (required), may it be missing (optional), or is a missing one filled (default)? */
  readonly presence: P;
  is(value: unknown): value is T;
  parse(value: unknown): T;
  safeParse(value: unknown): SafeParse<T>;
  /** for readers: the value itself when it is exact (no copy), else parse's copy; throws FormatError */
  read(value: unknown): T;
  /** parse; throws FormatError with the path below this value (an object or list puts its key in front) */
  build(value: unknown): T;
  /** the regular-expression source of this value as JSON.stringify writes it; with `capture`, one capturing group around it */
  pattern?(capture: boolean): string;
  /** the value a missing key gets (presence 'default') */
  fallback?(): T;
}

export type Infer<S> = S extends Schema<infer T, Presence> ? T : never;

/** A value that does not fit its format: where, what was expected, what was there. */
export class FormatError extends ValidationError {
  readonly path: readonly (string | number)[];
  /** the message without the path: "expected a number, got \"cheap\"" */
  readonly problem: string;

  /** `actual`: what was found, when the value alone does not say it (an unknown key, a bad key of a dictionary) */
  constructor(path: readonly (string | number)[], expected: string, value: unknown, actual = describe(value)) {
    const problem = `expected ${expected}, got ${actual}`;
    const where = path.length > 0 ? path.join('.') : 'the value';
    super(`${where}: ${problem}`, { field: path.join('.') || undefined, expected, actual });
    this.path = path;
    this.problem = problem;
    this.value = value;
  }

  private readonly value: unknown;

  /** The same problem one level up: under `key` of the object (or list) that holds the value. */
  within(key: string | number): FormatError {
    return new FormatError([key, ...this.path], this.expected ?? '', this.value, this.actual);
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function node<T, P extends Presence = 'required'>(parts: {
  expected: string;
  is: (value: unknown) => boolean;
  build?: (value: unknown) => T;
  pattern?: (capture: boolean) => string;
  presence?: P;
  fallback?: () => T;
}): Schema<T, P> {
  const { expected, is } = parts;
  const build =
    parts.build ??
    ((value: unknown): T => {
      if (!is(value)) throw new FormatError([], expected, value);
      return value as T;
    });
  return {
    expected,
    presence: (parts.presence ?? 'required') as P,
    is: is as (value: unknown) => value is T,
    build,
    parse: build,
    read: (value) => (is(value) ? (value as T) : build(value)),
    safeParse(value) {
      try {
        return { success: true, data: build(value) };
      } catch (error) {
        if (error instanceof FormatError) return { success: false, error };
        throw error;
      }
    },
    ...(parts.pattern ? { pattern: parts.pattern } : {}),
    ...(parts.fallback ? { fallback: parts.fallback } : {}),
  };
}

// The regular-expression sources of JSON values as JSON.stringify writes them.
/** a JSON string's characters without escapes or control characters: its text is its value */
const CHARS = '[^"\\\\\\x00-\\x1f]';
/** at most 21 integer digits and no exponent: always finite */
const NONNEG = '(?:0|[1-9][0-9]{0,20})(?:\\.[0-9]{1,40})?';
/** at most 15 digits: a safe integer */
const COUNT = '(?:0|[1-9][0-9]{0,14})';
const group = (source: string, capture: boolean): string => (capture ? `(${source})` : source);

export function string(options: { min?: number; regex?: RegExp; expected?: string } = {}): Schema<string, 'required'> {
  const min = options.min ?? 0;
  const regex = options.regex;
  return node<string>({
    expected: options.expected ?? stringExpected(regex, min),
    is: stringCheck(regex, min),
    pattern: regex || min > 1 ? undefined : (capture) => `"${group(`${CHARS}${min === 1 ? '+' : '*'}`, capture)}"`,
  });
}

function stringExpected(regex: RegExp | undefined, min: number): string {
  if (regex) return `a string matching ${regex}`;
  return min > 0 ? 'a non-empty string' : 'a string';
}

// one plain closure per kind: the checks run for every field of every record a cold index reads
function stringCheck(regex: RegExp | undefined, min: number): (value: unknown) => boolean {
  if (regex !== undefined) return (value) => typeof value === 'string' && value.length >= min && regex.test(value);
  if (min > 0) return (value) => typeof value === 'string' && value.length >= min;
  return (value) => typeof value === 'string';
}

/** A time Date.parse reads (toISOString's, as the harness writes them). */
export function time(): Schema<string, 'required'> {
  return node<string>({
    expected: 'an ISO 8601 time',
    is: (value) => typeof value === 'string' && !Number.isNaN(parseIsoMs(value)),
    pattern: (capture) => `"${group(CANONICAL_TIME, capture)}"`,
  });
}

function numberBound(min: 0 | undefined, positive: boolean): string {
  if (positive) return ' > 0';
  return min === 0 ? ' ≥ 0' : '';
}

function numberCheck(int: boolean, min: 0 | undefined, positive: boolean): (value: unknown) => boolean {
  if (int)
    return (value) =>
      typeof value === 'number' &&
      Number.isSafeInteger(value) &&
      (positive ? value > 0 : min === undefined || value >= min);
  if (positive) return (value) => typeof value === 'number' && value > 0 && value < Number.POSITIVE_INFINITY;
  if (min === 0) return (value) => typeof value === 'number' && value >= 0 && value < Number.POSITIVE_INFINITY;
  return (value) => typeof value === 'number' && Number.isFinite(value);
}

/** A finite number; `int`: a safe integer; `min`: at least that (0: not negative); `positive`: more than 0. */
export function number(options: { int?: boolean; min?: 0; positive?: boolean } = {}): Schema<number, 'required'> {
  const { int = false, min, positive = false } = options;
  const source = int ? COUNT : NONNEG;
  return node<number>({
    expected: `${int ? 'a whole number' : 'a number'}${numberBound(min, positive)}`,
    is: numberCheck(int, min, positive),
    // a positive number's text is not told from zero's by a simple expression: such fields have no line pattern
    pattern: positive ? undefined : (capture) => group(min === 0 ? source : `-?${source}`, capture),
  });
}

export function boolean(): Schema<boolean, 'required'> {
  return node<boolean>({
    expected: 'true or false',
    is: (value) => typeof value === 'boolean',
    pattern: (capture) => group('(?:true|false)', capture),
  });
}

export function literal<const V extends string | number>(value: V): Schema<V, 'required'> {
  return node<V>({
    expected: JSON.stringify(value),
    is: (candidate) => candidate === value,
    pattern: (capture) => group(escape(JSON.stringify(value)), capture),
  });
}

export function oneOf<const V extends string>(values: readonly V[]): Schema<V, 'required'> {
  const known: ReadonlySet<unknown> = new Set(values);
  const expected = `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  return node<V>({
    expected,
    is: (value) => known.has(value),
    pattern: (capture) => `"${group(`(?:${values.map(escape).join('|')})`, capture)}"`,
  });
}

/** Anything at all (the before and after of a change). */
export function unknown(): Schema<unknown, 'required'> {
  return node<unknown>({ expected: 'anything', is: () => true });
}

/** A plain object of JSON values, copied key for key (an alert's details). */
export function record(): Schema<Record<string, unknown>, 'required'> {
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  return node<Record<string, unknown>>({
    expected: 'an object',
    // exact: a plain object whose every key is copied as it is
    is(value) {
      if (!isObject(value) || Object.getPrototypeOf(value) !== Object.prototype) return false;
      for (const key of Object.keys(value)) if (key === '__proto__' || value[key] === undefined) return false;
      return true;
    },
    build(value) {
      if (!isObject(value)) throw new FormatError([], 'an object', value);
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value))
        Object.defineProperty(out, key, { value: value[key], enumerable: true, writable: true, configurable: true });
      return out;
    },
  });
}

export function nullable<T>(inner: Schema<T, 'required'>): Schema<T | null, 'required'> {
  return node<T | null>({
    expected: `${inner.expected} or null`,
    is: (value) => value === null || inner.is(value),
    build: (value) => {
      if (value === null) return null;
      try {
        return inner.build(value);
      } catch (error) {
        if (error instanceof FormatError && error.path.length === 0)
          throw new FormatError([], `${inner.expected} or null`, value);
        throw error;
      }
    },
    pattern:
      inner.pattern && ((capture) => group(`(?:null|${(inner.pattern as (c: boolean) => string)(false)})`, capture)),
  });
}

export function array<T>(item: Schema<T, 'required'>): Schema<T[], 'required'> {
  const expected = `a list of ${item.expected.replace(/^an? /, '')}s`;
  return node<T[]>({
    expected,
    is(value) {
      if (!Array.isArray(value)) return false;
      for (const one of value) if (!item.is(one)) return false;
      return true;
    },
    build(value) {
      if (!Array.isArray(value)) throw new FormatError([], expected, value);
      return value.map((one, index) => {
        try {
          return item.build(one);
        } catch (error) {
          throw error instanceof FormatError ? error.within(index) : error;
        }
      });
    },
    pattern:
      item.pattern &&
      ((capture) => {
        const one = (item.pattern as (c: boolean) => string)(false);
        return group(`\\[(?:${one}(?:,${one})*)?\\]`, capture);
      }),
  });
}

/** The key may be missing; a missing key stays missing. */
export function optional<T>(inner: Schema<T, 'required'>): Schema<T | undefined, 'optional'> {
  return node<T | undefined, 'optional'>({
    expected: inner.expected,
    presence: 'optional',
    is: (value) => value === undefined || inner.is(value),
    build: (value) => (value === undefined ? undefined : inner.build(value)),
    pattern: inner.pattern,
  });
}

/** The key may be missing: a missing key gets `value` (records written before the field existed). */
export function withDefault<T>(inner: Schema<T, 'required'>, value: T): Schema<T, 'default'> {
  return node<T, 'default'>({
    expected: inner.expected,
    presence: 'default',
    is: inner.is,
    build: (given) => (given === undefined ? value : inner.build(given)),
    pattern: inner.pattern,
    fallback: () => value,
  });
}

type Shape = Record<string, Schema<unknown, Presence>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends Schema<unknown, 'optional'> ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
export type ObjectOf<S extends Shape> = { [K in RequiredKeys<S>]: Infer<S[K]> } & {
  [K in OptionalKeys<S>]?: Infer<S[K]>;
} extends infer O
  ? { [K in keyof O]: O[K] }
  : never;

export interface ObjectSchema<S extends Shape> extends Schema<ObjectOf<S>, 'required'> {
  readonly shape: S;
}

/** An object of these fields; a key the format does not know is left out of the copy. */
export function object<S extends Shape>(shape: S, expected = 'an object'): ObjectSchema<S> {
  return objectOf(shape, expected, false);
}

/**
 * An object of these fields and no other key: for files people also edit by
 * hand (state.json), where a typo such as `paused_untill` left out silently
 * would drop what the person meant.
 */
export function strictObject<S extends Shape>(shape: S, expected = 'an object'): ObjectSchema<S> {
  return objectOf(shape, expected, true);
}

function objectOf<S extends Shape>(shape: S, expected: string, strict: boolean): ObjectSchema<S> {
  const fields = Object.entries(shape);
  // columns rather than entries: the loops below run for every record a cold index reads
  const keys = fields.map(([key]) => key);
  const checks = fields.map(([, field]) => field.is as (value: unknown) => boolean);
  const optional = fields.map(([, field]) => field.presence === 'optional');
  const count = keys.length;
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  const is = (value: unknown): value is ObjectOf<S> => {
    if (!isObject(value)) return false;
    let present = 0;
    for (let i = 0; i < count; i++) {
      const key = keys[i] as string;
      const one = value[key];
      if (one === undefined) {
        if (!optional[i]) return false;
        if (key in value) present++;
        continue;
      }
      if (!(checks[i] as (value: unknown) => boolean)(one)) return false;
      present++;
    }
    // Object.keys is cached per object shape: a key the format does not know means a copy without it
    return Object.keys(value).length === present;
  };
  const known: ReadonlySet<string> = new Set(keys);
  const keyList = `one of the keys ${keys.join(', ')}`;
  const build = (value: unknown): ObjectOf<S> => {
    if (!isObject(value)) throw new FormatError([], expected, value);
    // before the fields: a misspelt key is the likelier cause of a missing one, and the more useful message
    if (strict)
      for (const key of Object.keys(value))
        if (!known.has(key))
          throw new FormatError([key], keyList, value[key], `the unknown key ${JSON.stringify(key)}`);
    const out: Record<string, unknown> = {};
    for (const [key, field] of fields) {
      const one = value[key];
      if (one === undefined) {
        if (field.presence === 'default') out[key] = (field.fallback as () => unknown)();
        else if (field.presence === 'required') throw new FormatError([key], field.expected, undefined);
        continue;
      }
      try {
        out[key] = field.build(one);
      } catch (error) {
        throw error instanceof FormatError ? error.within(key) : error;
      }
    }
    return out as ObjectOf<S>;
  };
  const patterned = fields.every(([, field]) => field.pattern !== undefined) && fields[0]?.[1].presence !== 'optional';
  const base = node<ObjectOf<S>>({
    expected,
    is,
    build,
    pattern: patterned ? (capture) => group(objectPattern(fields, new Set(), []), capture) : undefined,
  });
  return { ...base, shape };
}

/**
 * A map from names to values of one format (state.json's agents): each key
 * must fit `key`, each value `value`; an error's path holds the key
 * (`agents.nightly.state`).
 */
export function dictionary<T>(
  key: Schema<string, 'required'>,
  value: Schema<T, 'required'>,
  expected = 'an object',
): Schema<Record<string, T>, 'required'> {
  const isObject = (given: unknown): given is Record<string, unknown> =>
    typeof given === 'object' && given !== null && !Array.isArray(given);
  return node<Record<string, T>>({
    expected,
    // exact: a plain object whose every key and value fit, each copied as it is
    is(given) {
      if (!isObject(given) || Object.getPrototypeOf(given) !== Object.prototype) return false;
      for (const name of Object.keys(given)) if (!key.is(name) || !value.is(given[name])) return false;
      return true;
    },
    build(given) {
      if (!isObject(given)) throw new FormatError([], expected, given);
      const out: Record<string, T> = {};
      for (const name of Object.keys(given)) {
        if (!key.is(name)) throw new FormatError([name], key.expected, name, `the key ${JSON.stringify(name)}`);
        let one: T;
        try {
          one = value.build(given[name]);
        } catch (error) {
          throw error instanceof FormatError ? error.within(name) : error;
        }
        // defined, not assigned: a key named __proto__ stays a key
        Object.defineProperty(out, name, { value: one, enumerable: true, writable: true, configurable: true });
      }
      return out;
    },
  });
}

function objectPattern(
  fields: ReadonlyArray<[string, Schema<unknown, Presence>]>,
  captures: ReadonlySet<string>,
  groups: string[],
): string {
  let source = '\\{';
  fields.forEach(([key, field], index) => {
    const capture = captures.has(key);
    if (capture) groups.push(key);
    const value = `"${escape(key)}":${(field.pattern as (c: boolean) => string)(capture)}`;
    const sep = index === 0 ? '' : ',';
    source += field.presence === 'optional' ? `(?:${sep}${value})?` : `${sep}${value}`;
  });
  return `${source}\\}`;
}

/**
 * The whole line of a record as nightshift writes it (JSON.stringify of
 * `parse`'s output: the format's key order, no spaces), with a capturing
 * group around each field named in `captures`; `groups` says which group
 * holds which field. A line it matches is a valid record; one it does not
 * match may still be one (escapes, exponents, another key order).
 */
export function linePattern<S extends Shape>(
  format: ObjectSchema<S>,
  captures: readonly (keyof S & string)[] = [],
): { regex: RegExp; groups: Record<string, number> } {
  const fields = Object.entries(format.shape);
  const missing = fields.filter(([, field]) => field.pattern === undefined).map(([key]) => key);
  if (missing.length > 0 || fields[0]?.[1].presence === 'optional')
    throw new Error(`no line pattern for ${missing.join(', ') || 'a format whose first key is optional'}`);
  const order: string[] = [];
  const source = objectPattern(fields, new Set(captures), order);
  return { regex: new RegExp(`^${source}$`), groups: Object.fromEntries(order.map((key, index) => [key, index + 1])) };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
