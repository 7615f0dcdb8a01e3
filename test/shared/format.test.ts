import { describe, expect, test } from 'vitest';
import { heartbeatSchema } from '../../src/fleet/heartbeat.js';
import {
  changeRecordSchema,
  evalRecordSchema,
  FormatError,
  number,
  object,
  optional,
  reviewRecordSchema,
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
