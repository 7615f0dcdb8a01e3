import { describe, expect, test } from 'vitest';
import { normalisedWords, roundScore, tokenF1 } from '../../src/governance/eval/similarity.js';

describe('tokenF1 (pure)', () => {
  test('identical texts score 1, whatever the case and punctuation', () => {
    expect(tokenF1('Deployed v1.43 at 09:15.', 'deployed V1 43, at 09 15')).toBe(1);
    expect(tokenF1('- one\n- two\n', '- one\n- two\n')).toBe(1);
  });

  test('empty texts: both empty is 1, one empty is 0 (punctuation alone is empty)', () => {
    expect(tokenF1('', '')).toBe(1);
    expect(tokenF1('  ... !!', '')).toBe(1);
    expect(tokenF1('', 'something')).toBe(0);
    expect(tokenF1('something', '— ')).toBe(0);
  });

  test('disjoint texts score 0', () => {
    expect(tokenF1('alpha beta gamma', 'delta epsilon')).toBe(0);
  });

  test('reordered words score 1: order is not content', () => {
    expect(tokenF1('the deploy failed at noon', 'at noon the deploy failed')).toBe(1);
  });

  test('partial overlap: F1 of precision and recall over shared words, repeats clipped', () => {
    // output: a a b c (4), baseline: a b d (3); shared: a(1) + b(1) = 2 → P 2/4, R 2/3, F1 = 4/7
    expect(tokenF1('a a b c', 'a b d')).toBeCloseTo(4 / 7, 12);
    expect(tokenF1('a b d', 'a a b c')).toBeCloseTo(4 / 7, 12);
  });

  test('Unicode-aware: accents, non-Latin scripts, NFKC forms, no split inside a word', () => {
    expect(normalisedWords('Ärger über Straße — ÉTÉ!')).toEqual(['ärger', 'über', 'straße', 'été']);
    expect(normalisedWords('東京 ５ 件')).toEqual(['東京', '5', '件']);
    // e + combining acute is the same word as é once normalised
    expect(tokenF1('cafe\u0301', 'café')).toBe(1);
    expect(normalisedWords('Привет, мир')).toEqual(['привет', 'мир']);
  });

  test('roundScore keeps 3 decimals', () => {
    expect(roundScore(4 / 7)).toBe(0.571);
    expect(roundScore(1)).toBe(1);
  });
});
