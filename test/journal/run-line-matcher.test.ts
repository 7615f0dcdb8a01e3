import { describe, expect, test } from 'vitest';
import { factsOf } from '../../src/journal/agent-summary.js';
import { runRecordParser } from '../../src/journal/record-parser.js';
import { runRecordSchema } from '../../src/journal/records.js';
import { decimalValue, matchRunLine } from '../../src/journal/run-line-matcher.js';
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
