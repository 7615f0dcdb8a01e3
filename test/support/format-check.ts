import { expect } from 'vitest';
import { mulberry32 } from '../../src/shared/index.js';
import type { Schema } from '../../src/shared/index.js';

/**
 * Holds a format (src/shared/format.ts) to the zod schema it replaced
 * (test/support/zod-oracles.ts): over many good values and values with one
 * field changed, removed or added (at the top or one level down), the format
 * accepts and refuses what zod did and returns what zod returned; and what
 * `is` takes as it is, zod took and returned equal. Returns how many values
 * `is` took, so a test can insist the common case needs no copy.
 */
export const ODD_VALUES: readonly unknown[] = [
  null,
  undefined,
  0,
  -0,
  -1,
  1.5,
  2 ** 53,
  1e308,
  Number.POSITIVE_INFINITY,
  Number.NaN,
  '',
  'x',
  'OK',
  'open',
  'warning',
  'non_ok',
  'reported',
  '2026-04-18T21:00:00.000Z',
  'not a time',
  true,
  false,
  [],
  ['Read'],
  [1],
  {},
  { a: 1 },
  { channel: 'x', ok: true },
  { channel: 'x', ok: 'yes' },
  { input: 1, output: 2 },
  { input: -1, output: 2 },
];

export interface FormatCheck {
  format: Schema<unknown>;
  oracle: { safeParse(value: unknown): { success: boolean; data?: unknown } };
  /** a valid value, as the code that writes it makes it */
  make: (random: () => number) => Record<string, unknown>;
  seed: number;
  rounds?: number;
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

function mutate(value: Record<string, unknown>, random: () => number, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = { ...value };
  const keys = Object.keys(out);
  const nested = keys.filter((key) => out[key] !== null && typeof out[key] === 'object' && !Array.isArray(out[key]));
  const roll = random();
  if (depth === 0 && nested.length > 0 && roll < 0.25) {
    const key = pick(random, nested);
    out[key] = mutate(out[key] as Record<string, unknown>, random, 1);
  } else if (roll < 0.75) out[pick(random, keys)] = pick(random, ODD_VALUES);
  else if (roll < 0.88) delete out[pick(random, keys)];
  else out[pick(random, ['extra', 'constructor', 'toString', '__proto__'])] = 1;
  return out;
}

export function holdFormatToOracle(check: FormatCheck): number {
  const random = mulberry32(check.seed);
  let exact = 0;
  for (let i = 0; i < (check.rounds ?? 3000); i++) {
    const made = check.make(random);
    let value: unknown = i % 8 === 0 ? made : mutate(made, random);
    if (random() < 0.2) value = JSON.parse(JSON.stringify(value));
    const zod = check.oracle.safeParse(value);
    const parsed = check.format.safeParse(value);
    expect(parsed.success, JSON.stringify(value)).toBe(zod.success);
    if (parsed.success) expect(parsed.data).toEqual(zod.data);
    if (check.format.is(value)) {
      exact++;
      expect(zod.success, JSON.stringify(value)).toBe(true);
      expect(value).toEqual(zod.data);
    }
  }
  return exact;
}
