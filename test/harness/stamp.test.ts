import { describe, expect, test } from 'vitest';
import { outputStamp } from '../../src/harness/index.js';
import { localDate } from '../../src/harness/stamp.js';
import { outputName } from '../../src/harness/stamp.js';
import { monthKey as localMonth } from '../../src/shared/time/index.js';

describe('stamps', () => {
  const lateUtc = new Date('2026-11-24T23:30:05Z');

  test('the local date in the agent zone, not UTC', () => {
    expect(localDate(lateUtc, 'UTC')).toBe('2026-11-24');
    expect(localDate(lateUtc, 'Europe/Berlin')).toBe('2026-11-25');
    expect(localDate(lateUtc, 'America/Los_Angeles')).toBe('2026-11-24');
  });

  test('date or date and time (no colons: the name works on every file system)', () => {
    expect(outputStamp(lateUtc, 'Europe/Berlin', 'date')).toBe('2026-11-25');
    expect(outputStamp(lateUtc, 'Europe/Berlin', 'datetime')).toBe('2026-11-25T003005');
    expect(outputStamp(new Date('2026-01-01T00:00:00Z'), 'UTC', 'datetime')).toBe('2026-01-01T000000');
  });

  test('months for the budget, in the zone', () => {
    expect(localMonth(new Date('2026-11-30T23:30:00Z'), 'Europe/Berlin')).toBe('2026-12');
  });

  test('second and later runs with the same stamp get a suffix', () => {
    expect([1, 2, 3].map((n) => outputName('2026-11-24', n))).toEqual([
      '2026-11-24.md',
      '2026-11-24-2.md',
      '2026-11-24-3.md',
    ]);
  });
});
