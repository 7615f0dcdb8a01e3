import { describe, expect, test } from 'vitest';
import { exitCodeFor, RUN_EXIT } from '../../src/shared/index.js';
import { buildRunRecord } from '../../src/harness/record.js';
import { emptyUsage } from '../../src/runners/index.js';
import { secretsOf } from '../../src/secrets/index.js';
import { RUN_STATUSES, runRecordSchema } from '../../src/journal/records.js';

const parts = {
  subject: { agent: 'a', runner: 'command', model: null, promptSha256: 'p', definitionSha256: 'd' },
  runId: 'r1',
  trigger: 'cron',
  startedAt: new Date('2026-11-24T22:00:00.000Z'),
  endedAt: new Date('2026-11-24T22:00:01.500Z'),
  status: 'RUNNER_FAILED' as const,
  reason: 'the command exited with code 1: bad key sk-live-123456',
  limitHit: null,
  input: { file: '/tmp/log', sizeBytes: 10 },
  output: null,
  usage: { ...emptyUsage(), llmCalls: 2, toolCalls: ['Read'], costUsd: 0.0123456789, costBasis: 'reported' as const },
  exitCode: 1,
  host: 'h',
  version: '0.1.0',
};

describe('buildRunRecord', () => {
  test('every field of the schema, reason redacted, cost rounded to micro-dollars', () => {
    const record = buildRunRecord(parts, secretsOf({ STRIPE_KEY: 'sk-live-123456' }));
    expect(Object.keys(record).sort()).toEqual(Object.keys(runRecordSchema.shape).sort());
    expect(record).toMatchObject({
      duration_ms: 1500,
      reason: 'the command exited with code 1: bad key [redacted:STRIPE_KEY]',
      llm_calls: 2,
      tool_calls: ['Read'],
      cost_usd: 0.012346,
      cost_basis: 'reported',
      output_file: null,
      output_size_bytes: 0,
      input_file: '/tmp/log',
      exit_code: 1,
    });
  });

  test('without usage: zero calls, cost basis none', () => {
    const record = buildRunRecord({ ...parts, usage: null, status: 'SKIPPED', reason: 'paused' }, []);
    expect(record).toMatchObject({
      llm_calls: 0,
      tool_calls: [],
      cost_usd: 0,
      cost_basis: 'none',
      tokens: { input: 0, output: 0 },
    });
  });
});

describe('exit codes', () => {
  test('every status has one; only OK is 0', () => {
    const codes = Object.fromEntries(RUN_STATUSES.map((s) => [s, exitCodeFor(s)]));
    expect(codes).toEqual({
      OK: 0,
      EMPTY: 1,
      PARTIAL: 1,
      INCOMPLETE: 1,
      ERROR: 1,
      TOO_LARGE: 1,
      UNEXPECTED_INPUT: 1,
      TOOL_FAILED: 1,
      NO_END: 1,
      BAD_FORMAT: 1,
      TIMEOUT: 4,
      CALL_LIMIT: 4,
      COST_LIMIT: 4,
      OUTPUT_LIMIT: 4,
      SKIPPED: 5,
      RUNNER_FAILED: 6,
      KILLED: 6,
      CRASHED: 6,
    });
    expect(RUN_EXIT.USAGE).toBe(2);
  });
});
