import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/agents/problems.js';
import { parseAgentText } from '../../src/agents/parse.js';
import { backoffBefore, retriesAfter, type RetryPolicy, retryWindowMs } from '../../src/agents/retry.js';
import { RUN_STATUSES } from '../../src/journal/records.js';

const where = { name: 'x', file: 'agents/x.md', absolutePath: '/home/agents/x.md' };

function parse(retry: string) {
  return parseAgentText(`---\nname: x\ndescription: test agent\nretry: ${retry}\n---\n# Task\nSummarize.\n`, where);
}

function problems(retry: string): string[] {
  const entry = parse(retry);
  return entry.ok ? [] : entry.problems.map(formatProblem);
}

const TRANSIENT = ['RUNNER_FAILED', 'TIMEOUT', 'CRASHED'];

describe('retry: in the agent file', () => {
  it('accepts the transient statuses and resolves the policy (backoff in ms)', () => {
    const entry = parse('{ attempts: 2, backoff: 1m, factor: 2, on: [RUNNER_FAILED, TIMEOUT, CRASHED] }');
    expect(entry.ok && entry.agent.retry).toEqual({ attempts: 2, backoff: 60_000, factor: 2, on: TRANSIENT });
  });

  it('defaults: no policy without retry:, factor 2 and the three transient statuses when left out', () => {
    const none = parseAgentText('---\nname: x\ndescription: test agent\n---\nbody\n', where);
    expect(none.ok && none.agent.retry).toBeUndefined();
    const entry = parse('{ attempts: 1, backoff: 30s }');
    expect(entry.ok && entry.agent.retry).toEqual({ attempts: 1, backoff: 30_000, factor: 2, on: TRANSIENT });
  });

  // every status but the three transient ones, each with its own reason naming the file and the field
  const refused = RUN_STATUSES.filter((status) => !TRANSIENT.includes(status));
  it.each(refused)('rejects %s in retry.on, saying why', (status) => {
    const found = problems(`{ attempts: 2, backoff: 1m, on: [TIMEOUT, ${status}] }`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^agents/x\\.md: retry\\.on\\.1: ${status} cannot be retried: `));
    expect(found[0]).toContain('expected only transient statuses: RUNNER_FAILED, TIMEOUT, CRASHED');
    expect(found[0]).toMatch(new RegExp(`remove ${status} from retry\\.on$`));
  });

  it('the reasons differ by kind of status', () => {
    expect(problems('{ attempts: 1, backoff: 1m, on: [OK] }')[0]).toContain('OK is a success');
    expect(problems('{ attempts: 1, backoff: 1m, on: [SKIPPED] }')[0]).toContain('refusal');
    expect(problems('{ attempts: 1, backoff: 1m, on: [PARTIAL] }')[0]).toContain('declared by the agent');
    expect(problems('{ attempts: 1, backoff: 1m, on: [COST_LIMIT] }')[0]).toContain('limit reached');
    expect(problems('{ attempts: 1, backoff: 1m, on: [BAD_FORMAT] }')[0]).toContain('fix the prompt');
    expect(problems('{ attempts: 1, backoff: 1m, on: [KILLED] }')[0]).toContain('operator');
    expect(problems('{ attempts: 1, backoff: 1m, on: [NO_END] }')[0]).toContain('END_OF_RUN');
  });

  it('rejects what is no status, no count or no duration', () => {
    expect(problems('{ attempts: 1, backoff: 1m, on: [FLAKY] }')).toEqual([
      'agents/x.md: retry.on.0: "FLAKY" is not a run status: expected only transient statuses: RUNNER_FAILED, TIMEOUT, CRASHED',
    ]);
    expect(problems('{ attempts: 0, backoff: 1m }')[0]).toMatch(/^agents\/x\.md: retry\.attempts: /);
    expect(problems('{ attempts: 11, backoff: 1m }')[0]).toContain('at most 10 retries');
    expect(problems('{ attempts: 1, backoff: soon }')[0]).toMatch(
      /^agents\/x\.md: retry\.backoff: "soon" is not a duration/,
    );
    expect(problems('{ attempts: 1, backoff: 1m, factor: 0.5 }')[0]).toMatch(/^agents\/x\.md: retry\.factor: /);
    expect(problems('{ attempts: 1, backoff: 1m, on: [] }')[0]).toMatch(/^agents\/x\.md: retry\.on: /);
    expect(problems('{ attempts: 1, backoff: 1m, tries: 3 }')[0]).toMatch(/^agents\/x\.md: retry\.tries: unknown key/);
  });
});

describe('the retry rules', () => {
  const policy: RetryPolicy = { attempts: 2, backoff: 60_000, factor: 2, on: ['RUNNER_FAILED', 'TIMEOUT'] };

  it('attempts are 1-based; `attempts` counts the retries after the first run', () => {
    expect(retriesAfter(policy, 'RUNNER_FAILED', 1)).toBe(true);
    expect(retriesAfter(policy, 'RUNNER_FAILED', 2)).toBe(true);
    expect(retriesAfter(policy, 'RUNNER_FAILED', 3)).toBe(false);
    expect(retriesAfter(policy, 'CRASHED', 1)).toBe(false);
    expect(retriesAfter(undefined, 'RUNNER_FAILED', 1)).toBe(false);
  });

  it('the wait before retry n is backoff × factor^(n−1)', () => {
    expect(backoffBefore(policy, 2)).toBe(60_000);
    expect(backoffBefore(policy, 3)).toBe(120_000);
    expect(backoffBefore({ ...policy, factor: 1 }, 3)).toBe(60_000);
  });

  it('the longest a run with its retries takes: every attempt and every wait', () => {
    expect(retryWindowMs(undefined, 1000)).toBe(1000);
    expect(retryWindowMs(policy, 1000)).toBe(3 * 1000 + 60_000 + 120_000);
  });
});
