import { describe, expect, test } from 'vitest';
import { heartbeatSchema } from '../../src/fleet/heartbeat.js';
import {
  changeRecordSchema,
  dictionary,
  evalRecordSchema,
  FormatError,
  number,
  object,
  optional,
  nullable,
  reviewRecordSchema,
  strictObject,
  string,
  withDefault,
} from '../../src/shared/index.js';
import { holdFormatToOracle } from '../support/format-check.js';
import { changeRecordOracle, evalRecordOracle, heartbeatOracle, reviewRecordOracle } from '../support/zod-oracles.js';

const at = (random: () => number) => new Date(Date.UTC(2026, 10, 1) + Math.floor(random() * 1e9)).toISOString();

describe('the formats nightshift writes hold to the zod schemas they replaced', () => {
  test('change records (a missing source is the cli, as before)', () => {
    const make = (random: () => number) => ({
      v: 1,
      at: at(random),
      by: 'aycee',
      action: random() < 0.5 ? 'pause' : 'stop-all',
      agent: random() < 0.8 ? 'inbox-digest' : null,
      reason: random() < 0.5 ? null : 'migrating its input',
      ...(random() < 0.5 ? { before: { state: 'enabled' }, after: { state: 'paused' } } : {}),
      source: random() < 0.5 ? 'cli' : 'console',
    });
    expect(
      holdFormatToOracle({ format: changeRecordSchema, oracle: changeRecordOracle, make, seed: 61 }),
    ).toBeGreaterThan(300);
    const { source: _, ...old } = make(() => 0.3);
    expect(changeRecordSchema.parse(old).source).toBe('cli');
  });

  test('review and eval records, and the heartbeat', () => {
    const review = (random: () => number) => ({
      v: 1,
      at: at(random),
      by: 'sam',
      agent: 'weekly-metrics',
      note: random() < 0.5 ? null : 'fine',
      concern: random() < 0.3,
      ...(random() < 0.5 ? { output_file: 'outputs/a/x.md' } : {}),
    });
    const evalRecord = (random: () => number) => ({
      v: 1,
      at: at(random),
      agent: 'a',
      case: 'quiet-day',
      run_id: random() < 0.9 ? 'r1' : null,
      status: 'OK',
      passed: random() < 0.7,
      failures: random() < 0.5 ? [] : ['too short'],
      baseline: random() < 0.2,
    });
    const beat = (random: () => number) => ({
      pid: 4242,
      started_at: at(random),
      beat_at: at(random),
      host: 'vm',
      pid_start_ticks: Math.floor(random() * 1e6),
      version: '0.1.0',
      ...(random() < 0.3 ? { stopped_at: at(random) } : {}),
    });
    expect(
      holdFormatToOracle({ format: reviewRecordSchema, oracle: reviewRecordOracle, make: review, seed: 62 }),
    ).toBeGreaterThan(300);
    expect(
      holdFormatToOracle({ format: evalRecordSchema, oracle: evalRecordOracle, make: evalRecord, seed: 63 }),
    ).toBeGreaterThan(300);
    expect(
      holdFormatToOracle({ format: heartbeatSchema, oracle: heartbeatOracle, make: beat, seed: 64 }),
    ).toBeGreaterThan(300);
  });
});

describe('a format', () => {
  const format = object({
    name: string({ min: 1 }),
    size: number({ int: true, min: 0 }),
    note: optional(string()),
    kind: withDefault(string(), 'plain'),
  });

  test('says where, what was expected and what was found', () => {
    const refused = format.safeParse({ name: 'a', size: -1 });
    expect(refused.success).toBe(false);
    if (!refused.success) {
      expect(refused.error).toBeInstanceOf(FormatError);
      expect(refused.error.message).toBe('size: expected a whole number ≥ 0, got -1');
      expect(refused.error).toMatchObject({
        field: 'size',
        expected: 'a whole number ≥ 0',
        actual: '-1',
        path: ['size'],
      });
    }
    expect(() => format.parse({ size: 1 })).toThrow('name: expected a non-empty string, got nothing');
    expect(() => format.parse([1])).toThrow('the value: expected an object, got a list');
  });

  test('takes an exact value as it is; copies anything else in its key order, without unknown keys, defaults filled', () => {
    const exact = { size: 1, name: 'a', kind: 'plain' };
    expect(format.is(exact)).toBe(true);
    expect(format.read(exact)).toBe(exact);
    expect(JSON.stringify(format.parse(exact))).toBe('{"name":"a","size":1,"kind":"plain"}');
    const loose = { name: 'a', size: 1, extra: true };
    expect(format.is(loose)).toBe(false);
    expect(format.read(loose)).toEqual({ name: 'a', size: 1, kind: 'plain' });
  });
});

describe('a strict object (a file people also edit by hand)', () => {
  const entry = strictObject({ state: string(), paused_until: withDefault(nullable(string()), null) }, 'an entry');
  const file = strictObject({ v: number(), entry });

  test('refuses a key it does not know, naming its path and the keys it expects', () => {
    const refused = file.safeParse({ v: 1, entry: { state: 'paused', paused_untill: 'monday' } });
    expect(refused.success).toBe(false);
    if (!refused.success) {
      expect(refused.error.message).toBe(
        'entry.paused_untill: expected one of the keys state, paused_until, got the unknown key "paused_untill"',
      );
      expect(refused.error).toMatchObject({
        path: ['entry', 'paused_untill'],
        field: 'entry.paused_untill',
        expected: 'one of the keys state, paused_until',
        actual: 'the unknown key "paused_untill"',
      });
    }
    expect(() => file.parse({ v: 1, entry: { state: 'a' }, extra: true })).toThrow(
      /^extra: expected one of the keys v, entry/,
    );
    // an own __proto__ (as JSON.parse makes it) is a key like any other
    expect(() => file.parse(JSON.parse('{"v":1,"entry":{"state":"a"},"__proto__":{}}'))).toThrow(/^__proto__: /);
    expect(file.is({ v: 1, entry: { state: 'a', paused_until: null }, extra: true })).toBe(false);
  });

  test('the unknown key is told before a missing one: the typo is the likelier cause', () => {
    expect(() => entry.parse({ stat: 'paused' })).toThrow(/^stat: expected one of the keys state, paused_until/);
  });

  test('fills defaults and takes an exact value as it is, like object', () => {
    expect(file.parse({ v: 1, entry: { state: 'a' } })).toEqual({ v: 1, entry: { state: 'a', paused_until: null } });
    const exact = { v: 1, entry: { state: 'a', paused_until: null } };
    expect(file.is(exact)).toBe(true);
    expect(file.read(exact)).toBe(exact);
  });
});

describe('a dictionary', () => {
  const name = string({ regex: /^[a-z]+$/, expected: 'a lowercase name' });
  const entry = object({ size: number({ min: 0 }), kind: withDefault(string(), 'plain') });
  const agents = dictionary(name, entry, 'entries by name');
  const file = object({ agents });

  test('a bad key: its path, what a key must be, and the key', () => {
    const refused = file.safeParse({ agents: { good: { size: 1 }, Bad: { size: 1 } } });
    expect(refused.success).toBe(false);
    if (!refused.success) {
      expect(refused.error.message).toBe('agents.Bad: expected a lowercase name, got the key "Bad"');
      expect(refused.error).toMatchObject({
        path: ['agents', 'Bad'],
        expected: 'a lowercase name',
        actual: 'the key "Bad"',
      });
    }
  });

  test('a bad value: the path goes through its key', () => {
    expect(() => file.parse({ agents: { nightly: { size: -1 } } })).toThrow(
      'agents.nightly.size: expected a number ≥ 0, got -1',
    );
    expect(() => file.parse({ agents: { nightly: 'x' } })).toThrow('agents.nightly: expected an object, got "x"');
    expect(() => file.parse({ agents: [] })).toThrow('agents: expected entries by name, got a list');
  });

  test('fills the defaults of its values; an exact one is taken as it is', () => {
    expect(agents.parse({ a: { size: 1 }, b: { size: 2, kind: 'big' } })).toEqual({
      a: { size: 1, kind: 'plain' },
      b: { size: 2, kind: 'big' },
    });
    const exact = { a: { size: 1, kind: 'plain' } };
    expect(agents.is(exact)).toBe(true);
    expect(agents.read(exact)).toBe(exact);
    expect(agents.is({ a: { size: 1 } })).toBe(false);
    expect(agents.parse({})).toEqual({});
  });

  test('a key named like a property of every object stays a plain key', () => {
    const wide = dictionary(string(), number());
    const parsed = wide.parse(JSON.parse('{"__proto__":1,"constructor":2}'));
    expect(Object.keys(parsed)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(parsed.constructor).toBe(2);
  });
});
