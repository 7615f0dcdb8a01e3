import { expect } from 'vitest';
import { mulberry32 } from '../../src/shared/prng.js';

/**
 * Holds a hand-written guard (src/journal/guards.ts) to its zod schema: over
 * many good values and values with one field changed, removed or added (at
 * the top or one level down), whatever the guard accepts zod accepts too and
 * returns equal. Returns how many the guard accepted, so a test can insist the
 * guard does take the common case.
 */
export const ODD_VALUES: readonly unknown[] = [
  null, undefined, 0, -0, -1, 1.5, 2 ** 53, 1e308, Number.POSITIVE_INFINITY, Number.NaN,
  '', 'x', 'OK', 'open', 'warning', 'non_ok', 'reported', '2026-04-18T21:00:00.000Z', 'not a time',
  true, false, [], ['Read'], [1], {}, { a: 1 }, { channel: 'x', ok: true }, { channel: 'x', ok: 'yes' },
  { input: 1, output: 2 }, { input: -1, output: 2 },
];

export interface GuardCheck {
  guard: (value: unknown) => boolean;
  schema: { safeParse(value: unknown): { success: boolean; data?: unknown } };
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

export function holdGuardToSchema(check: GuardCheck): number {
  const random = mulberry32(check.seed);
  let accepted = 0;
  for (let i = 0; i < (check.rounds ?? 3000); i++) {
    const made = check.make(random);
    let value: unknown = i % 8 === 0 ? made : mutate(made, random);
    if (random() < 0.2) value = JSON.parse(JSON.stringify(value));
    const zod = check.schema.safeParse(value);
    if (check.guard(value)) {
      accepted++;
      expect(zod.success, JSON.stringify(value)).toBe(true);
      expect(value).toEqual(zod.data);
    }
  }
  return accepted;
}
