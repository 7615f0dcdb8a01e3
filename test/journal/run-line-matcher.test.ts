import { describe, expect, test } from 'vitest';
import { factsOf } from '../../src/journal/agent-summary.js';
import { runRecordParser } from '../../src/journal/record-parser.js';
import { runRecordSchema } from '../../src/journal/records.js';
import { glanceOf } from '../../src/journal/range-scan.js';
import {
  canonicalEndedIn,
  decimalValue,
  glanceRunLine,
  isoBounds,
  matchRunLine,
} from '../../src/journal/run-line-matcher.js';
import { canonicalIsoMs } from '../../src/shared/index.js';
import { badLine, lineFor, makeRun, pick, seeded } from './support/random-runs.js';

/** Small edits at random places: the cases a hand-written matcher gets wrong. */
function damage(random: () => number, line: string): string {
  const at = Math.floor(random() * line.length);
  const edits = [
    () => line.slice(0, at) + line.slice(at + 1),
    () => line.slice(0, at) + pick(random, ['"', '\\', ',', ' ', '-', '0', 'e', '\u0001', '}', 'ü']) + line.slice(at),
    () => line.slice(0, at) + pick(random, ['"', '9', ':', 'x']) + line.slice(at + 1),
    () => line.replace(/"(\w+)":/, '"$1" :'),
    () => line.replace('"status":"', '"status":"X'),
    () => line.replace(/"duration_ms":\d+/, '"duration_ms":-1'),
    () => line.replace(/"llm_calls":\d+/, '"llm_calls":12345678901234567'),
    () => line.replace(/T\d\d:/, 'T24:'),
    () => line.replace(/-\d\dT/, '-31T'),
    () => line.replace(/"input_size_bytes":(null|\d+)/, '"input_size_bytes":-12.5'),
    () => line.replace(/"cost_usd":[^,]+/, '"cost_usd":00.1'),
  ];
  return pick(random, edits)();
}

describe('matchRunLine', () => {
  test('a line the harness writes matches, with the facts JSON.parse would give', () => {
    const random = seeded(5);
    for (let i = 0; i < 3000; i++) {
      const run = runRecordSchema.parse(makeRun(random));
      const line = JSON.stringify(run);
      const facts = matchRunLine(line);
      expect(facts).toEqual(factsOf(run, Date.parse(run.ended_at)));
    }
  });

  test('never accepts a line the schema refuses, and agrees on every field when it accepts', () => {
    const random = seeded(6);
    let matched = 0;
    let refused = 0;
    for (let i = 0; i < 6000; i++) {
      const base =
        random() < 0.8
          ? JSON.stringify(runRecordSchema.parse(makeRun(random)))
          : random() < 0.5
            ? lineFor(random, makeRun(random))
            : badLine(random);
      const line = random() < 0.85 ? damage(random, base) : base;
      const facts = matchRunLine(line);
      const verdict = runRecordParser.parseLine(line);
      if (!verdict.ok) refused++;
      if (facts === null) continue;
      matched++;
      expect(verdict.ok).toBe(true);
      if (verdict.ok) expect(facts).toEqual(factsOf(verdict.record, Date.parse(verdict.record.ended_at)));
    }
    expect(matched).toBeGreaterThan(600);
    expect(refused).toBeGreaterThan(600);
  });

  test('lines in other layouts are left to the slow path rather than misread', () => {
    const run = runRecordSchema.parse(makeRun(seeded(8)));
    expect(matchRunLine(JSON.stringify(Object.fromEntries(Object.entries(run).reverse())))).toBeNull();
    expect(matchRunLine(JSON.stringify(run, null, 1).replaceAll('\n', ''))).toBeNull();
    expect(matchRunLine(JSON.stringify({ ...run, reason: 'a "quoted" reason' }))).toBeNull();
  });
});

describe('decimalValue', () => {
  test('equals Number() on every unsigned decimal, short or long', () => {
    const random = seeded(9);
    const samples = [
      '0',
      '0.0',
      '1',
      '0.012',
      '42298',
      '0.1',
      '0.30000000000000004',
      '9007199254740991',
      '9007199254740993',
      '123456789012345678901',
      '0.000001',
      '1.7976931348623157',
      '5.' + '9'.repeat(40),
    ];
    for (let i = 0; i < 5000; i++) {
      const whole = Math.floor(random() * 10 ** Math.floor(random() * 12)).toString();
      const fraction =
        random() < 0.6
          ? `.${Math.floor(random() * 10 ** (1 + Math.floor(random() * 18)))
              .toString()
              .padStart(Math.floor(random() * 20), '0')}`
          : '';
      samples.push(whole + fraction);
      samples.push(String(random() * 10 ** Math.floor(random() * 8)));
    }
    for (const text of samples.filter((t) => !t.includes('e')))
      expect([text, decimalValue(text)]).toEqual([text, Number(text)]);
  });
});

describe('glanceRunLine', () => {
  test('agrees with the full parse on every line it accepts, and accepts what the harness writes', () => {
    const random = seeded(11);
    let matched = 0;
    for (let i = 0; i < 6000; i++) {
      const base =
        random() < 0.8
          ? JSON.stringify(runRecordSchema.parse(makeRun(random)))
          : random() < 0.5
            ? lineFor(random, makeRun(random))
            : badLine(random);
      const line = random() < 0.5 ? damage(random, base) : base;
      const glance = glanceRunLine(line);
      // it reads exactly the lines the index's matcher reads
      expect(glance === null).toBe(matchRunLine(line) === null);
      if (glance === null) continue;
      matched++;
      const verdict = runRecordParser.parseLine(line);
      expect(verdict.ok).toBe(true);
      if (verdict.ok) expect(glance).toEqual(glanceOf(verdict.record));
    }
    expect(matched).toBeGreaterThan(2000);
  });
});

describe('canonicalEndedIn', () => {
  test('decides [from, to) as the number would, for every day of every month and bounds with or without a canonical form', () => {
    const random = seeded(17);
    const two = (n: number): string => String(n).padStart(2, '0');
    const year = (): string => pick(random, ['1970', '1999', '2000', '2024', '2026', '2100', '9999']);
    const field = (count: number, from = 0): string => two(from + Math.floor(random() * count));
    const millis = (): string => String(Math.floor(random() * 1000)).padStart(3, '0');
    const time = (): string =>
      `${year()}-${field(12, 1)}-${field(31, 1)}T${field(24)}:${field(60)}:${field(60)}.${millis()}Z`;
    const bound = (): number => {
      const kind = random();
      if (kind < 0.05)
        return pick(random, [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, 8.64e15, -8.64e15, NaN]);
      if (kind < 0.1) return Date.parse(time()) + 0.5;
      return canonicalIsoMs(time()) + Math.floor(random() * 3) - 1;
    };
    let both = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = i % 5 === 0 ? '2026-02-30T12:00:00.000Z' : time();
      const [a, b] = [bound(), bound()];
      const [fromMs, toMs] = random() < 0.8 && a > b ? [b, a] : [a, b];
      const ms = canonicalIsoMs(text);
      const expected = ms >= fromMs && ms < toMs;
      expect([text, fromMs, toMs, canonicalEndedIn(text, isoBounds(fromMs, toMs))]).toEqual([
        text,
        fromMs,
        toMs,
        expected,
      ]);
      if (expected) both++;
    }
    expect(both).toBeGreaterThan(1000);
  });
});
