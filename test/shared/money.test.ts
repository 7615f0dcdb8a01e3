import { describe, expect, test } from 'vitest';
import { roundCents, roundTokenUsd, roundUsd, usd, usdCents, usdFine } from '../../src/shared/index.js';

describe('money: rounding to store', () => {
  test('records and sums keep micro-dollars; a runner keeps ten decimals while it prices tokens; estimates keep cents', () => {
    expect(roundUsd(0.1 + 0.2)).toBe(0.3);
    expect(roundUsd(0.000_000_4)).toBe(0);
    expect(roundUsd(1.234_567_89)).toBe(1.234_568);
    expect(roundTokenUsd(0.000_000_000_04)).toBe(0);
    expect(roundTokenUsd(0.007_080_000_000_000_001)).toBe(0.00708);
    expect(roundTokenUsd(1.234_567_89)).toBe(1.234_567_89);
    expect(roundCents(15.876)).toBe(15.88);
  });
});

describe('money: writing for people', () => {
  test('tables: cents for small amounts, whole dollars for big ones, a dash for none', () => {
    expect([usd(null), usd(0), usd(0.0042), usd(0.012), usd(0.4), usd(3.1), usd(142.4)]).toEqual([
      '—',
      '$0',
      '$0.0042',
      '$0.012',
      '$0.40',
      '$3.10',
      '$142',
    ]);
  });
  test('sentences: always cents; comparisons of small amounts: a tenth of a cent under $0.10', () => {
    expect([usdCents(3.1), usdCents(0.004), usdCents(142.456)]).toEqual(['$3.10', '$0.00', '$142.46']);
    expect([usdFine(0.0971), usdFine(0.5), usdFine(30)]).toEqual(['$0.097', '$0.50', '$30.00']);
  });
});
