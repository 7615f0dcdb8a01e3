import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Limits } from '../../src/agents/index.js';
import { BoundedOutput } from '../../src/harness/bounded-output.js';
import { emptyUsage } from '../../src/runners/index.js';
import { RunWatch } from '../../src/harness/watch.js';

const limits: Limits = { time: 1000, calls: 2, tool_calls: 3, cost_usd: 1, output_bytes: 10 };

describe('BoundedOutput', () => {
  test('keeps at most the limit, counts everything, cuts on a character boundary', () => {
    const out = new BoundedOutput(10);
    out.push('12345');
    out.push('678é9'); // é is two bytes: 678é = 5 bytes fits exactly
    out.push('more');
    expect(out.text()).toBe('12345678é');
    expect(out.seen).toBe(5 + 6 + 4);
    expect(out.truncated).toBe(true);
  });
});

describe('RunWatch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test('the wall-time timer aborts at the limit', () => {
    const watch = new RunWatch(limits);
    watch.start();
    vi.advanceTimersByTime(999);
    expect(watch.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(watch.signal.aborted).toBe(true);
    expect(watch.cause).toEqual({ kind: 'limit', hit: { limit: 'time', max: 1000, observed: 1000 } });
  });

  test('output past the limit aborts with the bytes seen at the crossing', () => {
    const watch = new RunWatch(limits);
    const events = watch.events();
    events.output('0123456789');
    expect(watch.cause).toBeNull();
    events.output('abc');
    expect(watch.cause).toEqual({ kind: 'limit', hit: { limit: 'output_bytes', max: 10, observed: 13 } });
    events.output('x'.repeat(1000));
    expect(watch.output.text()).toBe('0123456789');
    expect(watch.cause).toMatchObject({ hit: { observed: 13 } });
  });

  test('usage mid-stream: calls, tool calls, cost', () => {
    const cases: Array<[Partial<ReturnType<typeof emptyUsage>>, string]> = [
      [{ llmCalls: 3 }, 'calls'],
      [{ toolCalls: ['a', 'b', 'c', 'd'] }, 'tool_calls'],
      [{ costUsd: 1.01 }, 'cost_usd'],
    ];
    for (const [usage, limit] of cases) {
      const watch = new RunWatch(limits);
      watch.events().usage({ ...emptyUsage(), ...usage });
      expect(watch.cause).toMatchObject({ kind: 'limit', hit: { limit } });
      expect(watch.signal.aborted).toBe(true);
    }
  });

  test('the first cause stands', () => {
    const watch = new RunWatch(limits);
    watch.abort('killed by ops');
    watch.events().usage({ ...emptyUsage(), llmCalls: 99 });
    expect(watch.cause).toEqual({ kind: 'aborted', reason: 'killed by ops' });
  });

  test('final figures over a limit count; finishing late is not a timeout', () => {
    let now = 0;
    const watch = new RunWatch(limits, () => now);
    now = 5000;
    watch.finish({ ...emptyUsage(), llmCalls: 1 });
    expect(watch.cause).toBeNull();
    watch.finish({ ...emptyUsage(), costUsd: 2 });
    expect(watch.cause).toMatchObject({ hit: { limit: 'cost_usd', observed: 2 } });
  });

  test('every change is reported for the progress line', () => {
    const seen: number[] = [];
    const watch = new RunWatch(limits, Date.now, (w) => seen.push(w.snapshot().outputBytes));
    watch.events().output('abc');
    watch.events().output('de');
    expect(seen).toEqual([3, 5]);
  });
});
