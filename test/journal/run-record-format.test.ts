import { describe, expect, test } from 'vitest';
import { runRecordSchema } from '../../src/journal/records.js';
import { toRunRecord } from '../../src/journal/record-parser.js';
import { matchRunLine } from '../../src/journal/run-line-matcher.js';
import { runRecordOracle } from '../support/zod-oracles.js';
import { makeRun, pick, seeded } from './support/random-runs.js';

const ODD_VALUES: unknown[] = [
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
  'time',
  '2026-04-18T21:00:00.000Z',
  'not a time',
  true,
  [],
  ['Read'],
  [1],
  {},
  { limit: 'time', max: 1, observed: 2 },
  { limit: 'time', max: 1, observed: 2, extra: 1 },
  { input: 1, output: 2 },
  { input: 1, output: 2, cache_read: 3, cache_write: 4 },
  { input: 1, output: 2, cache_read: null },
  { input: -1, output: 2 },
];

/** A record with one field changed, removed or added. */
function mutate(random: () => number): unknown {
  const run: Record<string, unknown> = { ...makeRun(random) };
  const keys = Object.keys(runRecordSchema.shape);
  const roll = random();
  if (roll < 0.7) run[pick(random, keys)] = pick(random, ODD_VALUES);
  else if (roll < 0.85) delete run[pick(random, keys)];
  else run[pick(random, ['extra', 'constructor', '__proto__', 'toString'])] = 1;
  if (random() < 0.1) return JSON.parse(JSON.stringify(run));
  return run;
}

describe('the run record format', () => {
  test('knows every key zod did, in the same order', () => {
    expect(Object.keys(runRecordSchema.shape)).toEqual(Object.keys(runRecordOracle.shape));
  });

  test('accepts exactly the records zod accepted, and takes most as they are', () => {
    const random = seeded(99);
    let accepted = 0;
    for (let i = 0; i < 4000; i++) {
      const value = i % 10 === 0 ? makeRun(random) : mutate(random);
      const zod = runRecordOracle.safeParse(value);
      const exact = runRecordSchema.is(value);
      if (exact) {
        accepted++;
        expect(zod.success).toBe(true);
        expect(value).toEqual(zod.data);
      }
      // the parser's verdict is always zod's
      const verdict = toRunRecord(value);
      expect(verdict.ok).toBe(zod.success);
      if (verdict.ok && zod.success) expect(verdict.record).toEqual(zod.data);
    }
    expect(accepted).toBeGreaterThan(400);
  });

  test(
    'containment (cgroup, sweep, group, or null for a run without a process) is a field of the record: kept by ' +
      'the schema, passed by the guard and the fast matcher',
    () => {
      for (const containment of ['cgroup', 'sweep', 'group', null] as const) {
        const run = runRecordSchema.parse({ ...makeRun(seeded(3)), containment });
        expect(runRecordSchema.is(run)).toBe(true);
        expect(runRecordSchema.parse(run).containment).toBe(containment);
        const line = JSON.stringify(run);
        expect(line).toContain(
          `"exit_code":${JSON.stringify(run.exit_code)},"containment":${JSON.stringify(containment)},"prompt_sha256"`,
        );
        expect(matchRunLine(line)).not.toBeNull();
      }
      expect(runRecordSchema.safeParse({ ...makeRun(seeded(3)), containment: 'jail' }).success).toBe(false);
    },
  );

  test('copies records with unknown keys, without them', () => {
    const run = { ...makeRun(seeded(1)), later_field: 'x' };
    expect(runRecordSchema.is(run)).toBe(false);
    const verdict = toRunRecord(run);
    expect(verdict.ok && 'later_field' in verdict.record).toBe(false);
  });

  test('a bad record gets a description of the first problem', () => {
    const verdict = toRunRecord({ ...makeRun(seeded(2)), cost_usd: 'cheap' });
    expect(verdict).toEqual({ ok: false, problem: expect.stringMatching(/^cost_usd: .*number/) });
  });
});

describe('the run record in its key order', () => {
  /** The same entries in a random order, nested objects too: how a record built by hand may come. */
  function shuffled(value: unknown, random: () => number): unknown {
    if (Array.isArray(value) || value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    for (let i = entries.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [entries[i], entries[j]] = [entries[j]!, entries[i]!];
    }
    return Object.fromEntries(entries.map(([key, inner]) => [key, shuffled(inner, random)]));
  }

  test('writes the line zod’s output did, whatever the order of the keys', () => {
    const random = seeded(7);
    let checked = 0;
    for (let i = 0; i < 2000; i++) {
      const value = shuffled(i % 3 === 0 ? makeRun(random) : mutate(random), random);
      if (!runRecordSchema.is(value)) continue;
      checked++;
      expect(JSON.stringify(runRecordSchema.parse(value))).toBe(JSON.stringify(runRecordOracle.parse(value)));
    }
    expect(checked).toBeGreaterThan(500);
  });
});
