import { describe, expect, it } from 'vitest';
import { renderEvalHistory } from '../../src/governance/eval/render-history.js';
import { caseTrend } from '../../src/governance/eval/trend.js';
import type { EvalRecord } from '../../src/journal/index.js';

/** The judge's scores over a case's evals, beside the content score's (eval --history, the console's agent view). */
function evalRecord(i: number, judge: number | null | undefined, minScore = 6): EvalRecord {
  return {
    v: 1,
    at: new Date(Date.UTC(2026, 10, 1 + i)).toISOString(),
    agent: 'bravo',
    case: 'day',
    run_id: null,
    status: 'OK',
    passed: judge === undefined || (judge !== null && judge >= minScore),
    failures: [],
    baseline: false,
    similarity: 0.9,
    ...(judge === undefined
      ? {}
      : {
          judge: { score: judge, min_score: minScore, reason: 'r', run_id: null, status: 'OK', cost_usd: 0.01 },
        }),
  };
}

describe("the judge's trend", () => {
  it('lists its 0–10 scores oldest first, on the fixed scale (· where there was no verdict)', () => {
    const trend = caseTrend('day', [
      evalRecord(0, undefined),
      evalRecord(1, 10),
      evalRecord(2, null),
      evalRecord(3, 3),
    ]);
    expect(trend?.judge).toEqual({ score: 3, min_score: 6, scores: [null, 10, null, 3], sparkline: '·█·▃' });
  });

  it('is shown by eval --history beside the last score and its minimum', () => {
    const text = renderEvalHistory({
      agent: 'bravo',
      last: 10,
      cases: [caseTrend('day', [evalRecord(0, 8), evalRecord(1, 0), evalRecord(2, 5)])!],
    });
    expect(text).toContain('judge ▇▁▅ 5/10 (min 6)');
  });

  it('is absent for a case whose last eval had no judge', () => {
    expect(caseTrend('day', [evalRecord(0, 7), evalRecord(1, undefined)])?.judge).toBeNull();
  });
});
