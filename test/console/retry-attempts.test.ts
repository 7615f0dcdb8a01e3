import { describe, expect, it } from 'vitest';
import { runDetailLine, runRow } from '../../src/console/selectors/agent.js';
import { attemptLabels } from '../../src/fleet/attempts.js';
import { makeRunRecord } from '../support/run-record.js';

/** The attempts of one run under a retry policy read as one group, in `nightshift logs` and in the console. */
const at = (minute: number) => `2026-03-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
const attempt = (n: number, status: 'RUNNER_FAILED' | 'OK') =>
  makeRunRecord({
    run_id: `run-${n}-0000000000`,
    agent: 'a',
    started_at: at(n),
    ended_at: at(n),
    duration_ms: 0,
    status,
    attempt: n,
    first_run_id: 'run-1-0000000000',
  });

describe('attempts of one run', () => {
  const runs = [attempt(1, 'RUNNER_FAILED'), attempt(2, 'RUNNER_FAILED'), attempt(3, 'OK')];

  it('labels: 1/3, then ↳ for each retry; no column for runs without a policy', () => {
    const labels = attemptLabels(runs)!;
    expect(runs.map((run) => labels.get(run))).toEqual(['1/3', '↳ 2/3', '↳ 3/3']);
    const plain = makeRunRecord({ run_id: 'x', agent: 'a', started_at: at(9), ended_at: at(9), duration_ms: 0 });
    expect(attemptLabels([plain])).toBeNull();
    expect(attemptLabels([plain, ...runs])!.get(plain)).toBe('');
  });

  it("the console's run list marks a retry in place of its trigger, and its detail names the first run", () => {
    const text = (line: Array<{ text: string }>) => line.map((segment) => segment.text).join('');
    expect(text(runRow(runs[0]!, Date.parse(at(10)), false).line)).toContain('cron');
    expect(text(runRow(runs[1]!, Date.parse(at(10)), false).line)).toContain('↳ try 2');
    expect(text(runDetailLine(runs[2]))).toContain('attempt 3, retry of run run-1-00');
    expect(text(runDetailLine(runs[0]))).not.toContain('attempt');
  });
});
