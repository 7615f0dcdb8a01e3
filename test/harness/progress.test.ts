import { EventEmitter } from 'node:events';
import { describe, expect, test } from 'vitest';
import { progressLine, summaryLine } from '../../src/harness/index.js';
import { LiveLine } from '../../src/harness/live-line.js';
import type { RunRecord } from '../../src/journal/records.js';

const limits = { time: 300_000, calls: 10, tool_calls: 50, cost_usd: 2, output_bytes: 102_400 };

describe('progress', () => {
  test('the live line: elapsed, calls, tools, cost and bytes against their limits', () => {
    expect(
      progressLine('digest', { elapsedMs: 12_345, calls: 2, toolCalls: 1, costUsd: 0.0123, outputBytes: 2048, limits }),
    ).toBe('digest  12.3s/5m  calls 2/10  tools 1/50  $0.012/$2  2KB/100KB');
  });

  test('the summary: status, duration, calls, cost, output, reason', () => {
    const record = {
      status: 'TIMEOUT',
      agent: 'digest',
      duration_ms: 301_000,
      llm_calls: 1,
      cost_usd: 0.5,
      output_file: null,
      reason: 'ran 5m',
    } as unknown as RunRecord;
    expect(summaryLine(record)).toBe('TIMEOUT digest 5m01s 1 call $0.500 — ran 5m');
  });

  test('LiveLine redraws in place, skips unchanged lines, clears itself, and survives a closed terminal', () => {
    const writes: string[] = [];
    const stream = Object.assign(new EventEmitter(), {
      columns: 40,
      write: (text: string) => writes.push(text),
    }) as unknown as NodeJS.WriteStream;
    let text = 'one';
    const line = new LiveLine(stream, () => text, 0);
    line.draw();
    line.draw();
    text = 'two';
    line.draw();
    line.stop();
    expect(writes).toEqual(['\r\x1b[2Kone', '\r\x1b[2Ktwo', '\r\x1b[2K']);
    const dead = new LiveLine(stream, () => 'x', 0);
    stream.emit('error', new Error('EIO'));
    dead.draw();
    expect(writes).toHaveLength(3);
  });
});
