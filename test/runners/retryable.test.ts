import { describe, expect, test } from 'vitest';
import { judgeClaudeRun } from '../../src/runners/claude/outcome.js';
import { ClaudeStreamParser } from '../../src/runners/claude/stream-parser.js';
import { buildPriceTable } from '../../src/runners/prices.js';
import { retryableApiError } from '../../src/runners/retryable.js';

describe('an API error the provider marks retryable', () => {
  test('429, 529, overloaded_error and rate_limit_error are named; other errors are not', () => {
    expect(retryableApiError(429, '')).toBe('retryable API error (HTTP 429)');
    expect(retryableApiError(529, '{"type":"error","error":{"type":"overloaded_error"}}')).toBe(
      'retryable API error (HTTP 529, overloaded_error)',
    );
    expect(retryableApiError(undefined, 'API Error: 529 {"error":{"type":"overloaded_error"}}')).toBe(
      'retryable API error (HTTP 529, overloaded_error)',
    );
    expect(retryableApiError(undefined, 'rate_limit_error: slow down')).toBe('retryable API error (rate_limit_error)');
    expect(retryableApiError(500, 'mock error 500')).toBeNull();
    expect(retryableApiError(401, 'authentication_error')).toBeNull();
    expect(retryableApiError(undefined, 'Reached maximum number of turns')).toBeNull();
  });

  test("claude's stream: an is_error result with api_error_status 529 is a retryable RUNNER_FAILED reason", () => {
    const parser = new ClaudeStreamParser(buildPriceTable());
    parser.push(
      JSON.stringify({
        type: 'result',
        subtype: 'success',
        is_error: true,
        api_error_status: 529,
        result: 'API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
        total_cost_usd: 0,
      }),
    );
    const verdict = judgeClaudeRun(parser.lastResult(), { code: 1, signal: null }, parser.stats, false);
    expect(verdict.completed).toBe(false);
    expect(verdict.reason).toMatch(
      /^retryable API error \(HTTP 529, overloaded_error\): claude reported is_error: API Error: 529/,
    );
  });

  test("claude's stream: a 429 the CLI reports only in its text is named too", () => {
    const parser = new ClaudeStreamParser(buildPriceTable());
    parser.push(
      JSON.stringify({ type: 'result', subtype: 'success', is_error: true, result: 'API Error: 429 rate limited' }),
    );
    const verdict = judgeClaudeRun(parser.lastResult(), { code: 1, signal: null }, parser.stats, false);
    expect(verdict.reason).toMatch(/^retryable API error \(HTTP 429\): /);
  });
});
