import { describe, expect, test } from 'vitest';
import { killMarkerSchema } from '../../src/harness/kill.js';
import { runLockSchema } from '../../src/harness/lock.js';
import { holdFormatToOracle } from '../support/format-check.js';
import { killMarkerOracle, runLockOracle } from '../support/zod-oracles.js';

/** A lock as the harness writes it: before its runner spawned, while it runs, with usage copied in. */
function makeLock(random: () => number): Record<string, unknown> {
  const spawned = random() < 0.7;
  return {
    run_id: `run-${Math.floor(random() * 1e6)}`,
    agent: 'nightly-summarizer',
    pid: 1000 + Math.floor(random() * 30000),
    pgid: spawned ? 2000 + Math.floor(random() * 30000) : null,
    runner_pid: spawned ? 2000 + Math.floor(random() * 30000) : null,
    cgroup: spawned && random() < 0.5 ? '/sys/fs/cgroup/nightshift-run-r' : null,
    started_at: new Date(Date.UTC(2026, 10, 1) + Math.floor(random() * 1e9)).toISOString(),
    trigger: random() < 0.5 ? 'cron' : 'manual',
    host: 'vm',
    lease_ms: random() < 0.8 ? 5000 : null,
    boot_id: random() < 0.9 ? 'b2c1-boot' : null,
    pid_start_ticks: random() < 0.9 ? Math.floor(random() * 1e7) : null,
    runner: 'claude',
    model: random() < 0.8 ? 'claude-sonnet-4-5' : null,
    prompt_sha256: 'ab'.repeat(32),
    definition_sha256: random() < 0.9 ? 'cd'.repeat(32) : null,
    input_file: random() < 0.5 ? '/home/op/inbox.txt' : null,
    attempt:
      random() < 0.7
        ? null
        : {
            number: 1 + Math.floor(random() * 3),
            first_run_id: 'run-first',
            crash_retry: random() < 0.5 ? null : { attempt: 2, wait_ms: 60_000 },
          },
    usage:
      random() < 0.5
        ? null
        : {
            llm_calls: Math.floor(random() * 20),
            tool_calls: random() < 0.5 ? [] : ['Read', 'Bash'],
            cost_usd: Math.round(random() * 1e4) / 1e4,
            cost_basis: 'table',
            tokens:
              random() < 0.5
                ? { input: 1200, output: 300 }
                : { input: 1200, output: 300, cache_read: 50, cache_write: 0 },
          },
    output:
      random() < 0.6
        ? null
        : { stamp: '2026-11-24', ino: String(Math.floor(random() * 1e9)), size_bytes: Math.floor(random() * 1e5) },
  };
}

describe('the run lock format', () => {
  test('accepts only locks zod accepted, and returns them as zod did; most as they are', () => {
    expect(
      holdFormatToOracle({ format: runLockSchema, oracle: runLockOracle, make: makeLock, seed: 31 }),
    ).toBeGreaterThan(500);
  });

  test('knows every key of the schema: a lock the harness writes passes whole', () => {
    const lock = makeLock(() => 0.3);
    expect(Object.keys(lock).sort()).toEqual(Object.keys(runLockSchema.shape).sort());
    expect(Object.keys(runLockSchema.shape)).toEqual(Object.keys(runLockOracle.shape));
    expect(runLockSchema.is(lock)).toBe(true);
  });

  test('an older lock without the later keys is copied with the defaults filled', () => {
    const { runner_pid: _, boot_id: __, usage: ___, output: ____, cgroup: _____, ...old } = makeLock(() => 0.3);
    expect(runLockSchema.is(old)).toBe(false);
    expect(runLockSchema.parse(old)).toMatchObject({
      runner_pid: null,
      boot_id: null,
      usage: null,
      output: null,
      cgroup: null,
    });
  });
});

describe('the kill marker format', () => {
  const makeMarker = (random: () => number) => ({
    run_id: `run-${Math.floor(random() * 1e6)}`,
    by: 'aycee',
    reason: random() < 0.5 ? null : 'runaway',
    at: new Date(0).toISOString(),
    seen_by: random() < 0.5 ? null : 4242,
    host: random() < 0.5 ? null : 'web-2',
  });

  test('accepts only markers zod accepted, and returns them as zod did; most as they are', () => {
    expect(
      holdFormatToOracle({ format: killMarkerSchema, oracle: killMarkerOracle, make: makeMarker, seed: 32 }),
    ).toBeGreaterThan(300);
  });
});
