import { describe, expect, test } from 'vitest';
import {
  emptyAgentSummary,
  factsOf,
  foldRun,
  median,
  mergeAgentSummaries,
  OK_SIZES,
  RECENT_RUNS,
  recordOf,
  type AgentSummary,
} from '../../src/journal/agent-summary.js';
import type { RunRecord } from '../../src/journal/records.js';
import { makeRun, seeded } from './support/random-runs.js';

describe('median', () => {
  test('middle value, mean of the middle two, none for nothing', () => {
    expect(median([])).toBeUndefined();
    expect(median([5])).toBe(5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

interface Placed {
  run: RunRecord;
  ms: number;
  file: number;
  off: number;
}

describe('agent summaries', () => {
  test('folded per file and merged, they give what sorting every run gives', () => {
    const random = seeded(41);
    for (let round = 0; round < 40; round++) {
      const files = 1 + Math.floor(random() * 3);
      const summaries: AgentSummary[] = Array.from({ length: files }, emptyAgentSummary);
      const placed: Placed[] = [];
      const base = Date.UTC(2026, 0, 1);
      for (let i = 0; i < 300; i++) {
        const file = Math.floor(random() * files);
        // many runs share an ended_at: ties are broken by file, then offset
        const run = makeRun(random, { ended_at: new Date(base + Math.floor(random() * 200) * 60_000).toISOString() });
        const ms = Date.parse(run.ended_at);
        const off = i * 10;
        placed.push({ run, ms, file, off });
        foldRun(summaries[file] as AgentSummary, factsOf(run, ms), run, off, off + 10, Math.floor(ms / 86_400_000));
      }
      const merged = mergeAgentSummaries(summaries.map((summary, file) => ({ file, summary })));
      const sorted = [...placed].sort((a, b) => a.ms - b.ms || a.file - b.file || a.off - b.off);
      expect(merged.recent.map(recordOf)).toEqual(sorted.slice(-RECENT_RUNS).map((p) => p.run));
      expect(merged.okSizes).toEqual(
        sorted
          .filter((p) => p.run.status === 'OK')
          .slice(-OK_SIZES)
          .map((p) => p.run.output_size_bytes),
      );
      const days = merged.days.allTotals();
      expect(days.map((day) => day.day)).toEqual(
        [...new Set(placed.map((p) => Math.floor(p.ms / 86_400_000)))].sort((a, b) => a - b),
      );
      const runs = days.reduce((sum, day) => sum + day.runs, 0);
      expect(runs).toBe(placed.length);
      const statuses: Record<string, number> = {};
      for (const day of days)
        for (const [status, n] of Object.entries(day.byStatus)) statuses[status] = (statuses[status] ?? 0) + n;
      const expected: Record<string, number> = {};
      for (const p of placed) expected[p.run.status] = (expected[p.run.status] ?? 0) + 1;
      expect(statuses).toEqual(expected);
      const cost = days.reduce((sum, day) => sum + day.costUsd, 0);
      expect(cost).toBeCloseTo(
        placed.reduce((sum, p) => sum + p.run.cost_usd, 0),
        9,
      );
    }
  });
});
