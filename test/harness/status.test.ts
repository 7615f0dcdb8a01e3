import { describe, expect, test } from 'vitest';
import { decideStatus, statusFromOutput } from '../../src/harness/status.js';
import { AGENT_STATUSES } from '../../src/journal/records.js';

const trailer = (word: string): string => `body\nSTATUS: ${word}\nEND_OF_RUN\n`;

describe('status selection', () => {
  test.each(AGENT_STATUSES.map((s) => [s]))('the agent status %s is taken as declared', (status) => {
    expect(statusFromOutput(trailer(status), undefined)).toEqual({ status, reason: null });
  });

  test('a word outside the agent vocabulary is ERROR, with the word in the reason', () => {
    const decided = statusFromOutput(trailer('DONE'), undefined);
    expect(decided.status).toBe('ERROR');
    expect(decided.reason).toContain('STATUS: DONE');
    // harness statuses are not the agent's to declare
    expect(statusFromOutput(trailer('TIMEOUT'), undefined).status).toBe('ERROR');
  });

  test('no END_OF_RUN → NO_END; END_OF_RUN without STATUS → BAD_FORMAT', () => {
    expect(statusFromOutput('- a\n', undefined).status).toBe('NO_END');
    expect(statusFromOutput('- a\nEND_OF_RUN\n', undefined).status).toBe('BAD_FORMAT');
  });

  test('OK that breaks output.expect is BAD_FORMAT with what broke; other statuses are not format-checked', () => {
    expect(statusFromOutput('- a\nSTATUS: OK\nEND_OF_RUN', { bullets: 3 })).toEqual({
      status: 'BAD_FORMAT',
      reason: 'STATUS: OK but expected 3 bullets, found 1',
    });
    expect(statusFromOutput('- a\n- b\n- c\nSTATUS: OK\nEND_OF_RUN', { bullets: 3 })).toEqual({
      status: 'OK',
      reason: null,
    });
    expect(statusFromOutput('- a\nSTATUS: PARTIAL\nEND_OF_RUN', { bullets: 3 }).status).toBe('PARTIAL');
  });

  test.each([
    ['time', 'TIMEOUT'],
    ['calls', 'CALL_LIMIT'],
    ['tool_calls', 'CALL_LIMIT'],
    ['cost_usd', 'COST_LIMIT'],
    ['output_bytes', 'OUTPUT_LIMIT'],
  ] as const)('a %s limit is %s and publishes nothing', (limit, status) => {
    const decision = decideStatus({ kind: 'limit', hit: { limit, max: 1, observed: 2 } }, undefined);
    expect(decision).toMatchObject({ status, limitHit: { limit, max: 1, observed: 2 }, publish: false });
    expect(decision.reason).toBeTruthy();
  });

  test('a limit crossed only in the final figures keeps the whole output', () => {
    expect(
      decideStatus({ kind: 'limit', hit: { limit: 'cost_usd', max: 1, observed: 2 }, output: 'x' }, undefined).publish,
    ).toBe(true);
  });

  test('an abort or a failed runner is RUNNER_FAILED with its reason, and publishes nothing', () => {
    expect(decideStatus({ kind: 'aborted', reason: 'harness received SIGTERM' }, undefined)).toEqual({
      status: 'RUNNER_FAILED',
      reason: 'harness received SIGTERM',
      limitHit: null,
      publish: false,
    });
    expect(decideStatus({ kind: 'failed', reason: 'exit 1' }, undefined).status).toBe('RUNNER_FAILED');
  });

  test('a completed run is judged by its output and published', () => {
    expect(decideStatus({ kind: 'completed', output: trailer('OK') }, undefined)).toEqual({
      status: 'OK',
      reason: null,
      limitHit: null,
      publish: true,
    });
    expect(decideStatus({ kind: 'completed', output: 'no trailer' }, undefined)).toMatchObject({
      status: 'NO_END',
      publish: true,
    });
  });
});
