import { describe, expect, it } from 'vitest';
import { RETRY_START_SLACK_MS, retryPending } from '../../src/alerts/rules/retry-pending.js';
import type { AgentDefinition } from '../../src/agents/index.js';
import type { RunRecord } from '../../src/journal/index.js';
import { makeRunRecord } from '../support/run-record.js';

/** Whether the non-OK alert waits: the newest record is a failed attempt its policy follows with another. */
const END = '2026-03-01T10:00:00.000Z';
const definition = {
  retry: { attempts: 2, backoff: 60_000, factor: 2, on: ['RUNNER_FAILED', 'TIMEOUT'] },
} as unknown as AgentDefinition;

function attempt(n: number, status: RunRecord['status']): RunRecord {
  return makeRunRecord({
    run_id: `r${n}`,
    agent: 'a',
    started_at: END,
    ended_at: END,
    duration_ms: 0,
    status,
    attempt: n,
    first_run_id: 'r1',
  });
}

const after = (ms: number) => new Date(Date.parse(END) + ms);

describe('retryPending', () => {
  it('waits after a failed attempt with retries left, until its due time and the slack have passed', () => {
    const agent = { definition, recentRuns: [attempt(1, 'RUNNER_FAILED')], running: null };
    expect(retryPending(agent, after(1000))).toBe(true);
    expect(retryPending(agent, after(60_000 + RETRY_START_SLACK_MS))).toBe(true);
    expect(retryPending(agent, after(60_000 + RETRY_START_SLACK_MS + 1))).toBe(false);
    // the retry is in flight: still waiting, however late
    expect(retryPending({ ...agent, running: { started_at: END } }, after(3_600_000))).toBe(true);
  });

  it('does not wait after the last attempt, an unlisted status, a refused retry, or without a policy', () => {
    const now = after(1000);
    expect(retryPending({ definition, recentRuns: [attempt(3, 'RUNNER_FAILED')], running: null }, now)).toBe(false);
    expect(retryPending({ definition, recentRuns: [attempt(1, 'CRASHED')], running: null }, now)).toBe(false);
    const refused = [attempt(2, 'SKIPPED'), attempt(1, 'RUNNER_FAILED')];
    expect(retryPending({ definition, recentRuns: refused, running: null }, now)).toBe(false);
    // a CRASHED record from a reaped lock carries no attempt: nobody retries it
    const reaped = { ...attempt(1, 'RUNNER_FAILED'), attempt: null, first_run_id: null };
    expect(retryPending({ definition, recentRuns: [reaped], running: null }, now)).toBe(false);
    const none = {} as AgentDefinition;
    expect(retryPending({ definition: none, recentRuns: [attempt(1, 'RUNNER_FAILED')], running: null }, now)).toBe(
      false,
    );
  });

  it('the second retry is due after backoff × factor', () => {
    const agent = { definition, recentRuns: [attempt(2, 'TIMEOUT')], running: null };
    expect(retryPending(agent, after(120_000 + RETRY_START_SLACK_MS))).toBe(true);
    expect(retryPending(agent, after(120_000 + RETRY_START_SLACK_MS + 1))).toBe(false);
  });
});
