import { describe, expect, test } from 'vitest';
import { countBullets, countWords } from '../../src/harness/index.js';
import { checkExpect } from '../../src/harness/expect.js';

describe('output.expect', () => {
  const three =
    'Day summary (2026-11-24):\n- Deployed v1.42\n* Reviewed PR #487\n• Paired with Jamie\n  - a nested detail\n';

  test('top-level bullets only; nested ones are details', () => {
    expect(countBullets(three)).toBe(3);
    expect(countBullets('-not a bullet\n1. numbered is not a bullet\n+ plus is\n')).toBe(1);
  });

  test('words are tokens with a letter or digit; markdown marks are not words', () => {
    expect(countWords('## Title\n- one two\n- 3 — four\n')).toBe(5);
  });

  test('nothing to check without expect', () => {
    expect(checkExpect('anything', undefined)).toEqual([]);
  });

  test('bullet count is exact: fewer and more both fail', () => {
    expect(checkExpect(three, { bullets: 3 })).toEqual([]);
    expect(checkExpect(three, { bullets: 2 })).toEqual(['expected 2 bullets, found 3']);
    expect(checkExpect('- a\n', { bullets: 3 })).toEqual(['expected 3 bullets, found 1']);
  });

  test('max_words', () => {
    expect(checkExpect('one two three', { max_words: 3 })).toEqual([]);
    expect(checkExpect('one two three four', { max_words: 3 })).toEqual(['expected at most 3 words, found 4']);
  });

  test('headings: markdown, bold or plain with a colon, case-insensitive, as a line start', () => {
    const body = '## Summary\n- a\n**Anomalies**:\n- b\nDay summary (2026-11-24):\n';
    expect(checkExpect(body, { headings: ['summary', 'Anomalies', 'Day summary'] })).toEqual([]);
    expect(checkExpect(body, { headings: ['Risks'] })).toEqual(['expected a heading "Risks", found none']);
  });

  test('every broken rule is reported', () => {
    expect(checkExpect('- a b c d', { bullets: 3, max_words: 2, headings: ['X'] })).toHaveLength(3);
  });
});
