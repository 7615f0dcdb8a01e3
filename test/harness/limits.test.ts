import { describe, expect, test } from 'vitest';
import type { Limits } from '../../src/agents/index.js';
import { crossedLimit, effectiveLimits } from '../../src/harness/limits.js';
import { limitReachedByRunner } from '../../src/harness/limits.js';

const limits: Limits = { time: 1000, calls: 3, tool_calls: 5, cost_usd: 0.5, output_bytes: 100 };
const calm = { elapsedMs: 0, calls: 0, toolCalls: 0, costUsd: 0, outputBytes: 0 };

describe('crossedLimit', () => {
  test('counts, cost and bytes may reach their limit; time may not', () => {
    expect(crossedLimit({ elapsedMs: 999, calls: 3, toolCalls: 5, costUsd: 0.5, outputBytes: 100 }, limits)).toBeNull();
    expect(crossedLimit({ ...calm, elapsedMs: 1000 }, limits)).toEqual({ limit: 'time', max: 1000, observed: 1000 });
  });

  test.each([
    [{ calls: 4 }, { limit: 'calls', max: 3, observed: 4 }],
    [{ toolCalls: 6 }, { limit: 'tool_calls', max: 5, observed: 6 }],
    [{ costUsd: 0.5000001 }, { limit: 'cost_usd', max: 0.5, observed: 0.5 }],
    [{ costUsd: 0.75 }, { limit: 'cost_usd', max: 0.5, observed: 0.75 }],
    [{ outputBytes: 101 }, { limit: 'output_bytes', max: 100, observed: 101 }],
  ])('%o crosses %o', (seen, hit) => {
    expect(crossedLimit({ ...calm, ...seen }, limits)).toEqual(hit);
  });

  test('one event crossing several names the first in a fixed order', () => {
    expect(crossedLimit({ elapsedMs: 0, calls: 9, toolCalls: 9, costUsd: 9, outputBytes: 999 }, limits)?.limit).toBe(
      'calls',
    );
  });
});

describe('effectiveLimits', () => {
  test('the rest of the monthly budget caps the run cost limit', () => {
    expect(effectiveLimits(limits, null)).toBe(limits);
    expect(effectiveLimits(limits, 2)).toBe(limits);
    expect(effectiveLimits(limits, 0.2).cost_usd).toBe(0.2);
    expect(effectiveLimits(limits, -1).cost_usd).toBe(0);
  });
});

describe('limitReachedByRunner', () => {
  test('a failed run with its calls or cost at the limit ran into that limit', () => {
    expect(limitReachedByRunner({ llmCalls: 3, costUsd: 0 }, limits)).toEqual({ limit: 'calls', max: 3, observed: 3 });
    expect(limitReachedByRunner({ llmCalls: 1, costUsd: 0.5 }, limits)).toEqual({
      limit: 'cost_usd',
      max: 0.5,
      observed: 0.5,
    });
    expect(limitReachedByRunner({ llmCalls: 2, costUsd: 0.49 }, limits)).toBeNull();
  });
});
