import { describe, expect, test } from 'vitest';
import { DEFAULT_MAX_DROP, evalDrift, scoreFinding } from '../../src/alerts/index.js';

describe('eval drift rule (pure)', () => {
  test('no score, no finding; a score under min_similarity is one', () => {
    expect(scoreFinding({ score: null, history: [1, 1, 1], min_similarity: 0.9 })).toBeNull();
    expect(scoreFinding({ score: 0.55, history: [], min_similarity: 0.6 })).toBe(
      'content score 0.550 is under min_similarity 0.6: the output no longer says what the baseline says',
    );
    expect(scoreFinding({ score: 0.6, history: [], min_similarity: 0.6 })).toBeNull();
  });

  test('a drop of more than max_drop below the median of the last evals', () => {
    const history = [0.2, 0.9, 0.92, 0.88, 0.91, 0.9]; // the last 5: median 0.9
    expect(DEFAULT_MAX_DROP).toBe(0.15);
    expect(scoreFinding({ score: 0.75, history })).toBeNull(); // exactly 0.15: not more than it
    expect(scoreFinding({ score: 0.74, history })).toBe(
      'content score 0.740 fell 0.160 below its median 0.900 of the last 5 evals (max_drop 0.15)',
    );
    expect(scoreFinding({ score: 0.8, history, max_drop: 0.05 })).toMatch(/fell 0\.100 below .*max_drop 0\.05/);
    // the threshold is said first when both hold
    expect(scoreFinding({ score: 0.5, history, min_similarity: 0.6 })).toMatch(/under min_similarity/);
  });

  test('fewer than 3 earlier scores: no median worth comparing against', () => {
    expect(scoreFinding({ score: 0.1, history: [1, 1] })).toBeNull();
    expect(scoreFinding({ score: 0.1, history: [1, 1, 1] })).toMatch(
      /fell 0\.900 below its median 1\.000 of the last 3/,
    );
  });

  test('the drift condition: one per agent while a case fails, none when all pass', () => {
    expect(evalDrift({ agent: 'a', failing: [] })).toEqual([]);
    const [one] = evalDrift({
      agent: 'a',
      failing: [
        { case: 'day', failures: ['content score 0.100 is under min_similarity 0.6: …'] },
        { case: 'night', failures: ['status PARTIAL, expected OK'] },
      ],
    });
    expect(one).toMatchObject({
      key: 'drift:a',
      rule: 'drift',
      agent: 'a',
      severity: 'warning',
      message:
        'a drifted: eval case day fails: content score 0.100 is under min_similarity 0.6: … (and 1 more case); see nightshift eval a',
      details: { cases: ['day', 'night'] },
    });
  });
});
