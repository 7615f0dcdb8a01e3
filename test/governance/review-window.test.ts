import { describe, expect, test } from 'vitest';
import { weekRange } from '../../src/governance/index.js';
import {
  formatIsoWeek,
  isoWeekOf,
  isoWeekOfDate,
  isoWeekRange,
  isoWeeksInYear,
  parseIsoWeek,
} from '../../src/shared/time/index.js';

describe('ISO weeks', () => {
  test('week numbers, including the years whose first days belong to the previous year', () => {
    expect(isoWeekOfDate(2026, 11, 23)).toEqual({ year: 2026, week: 48 });
    expect(isoWeekOfDate(2026, 11, 22)).toEqual({ year: 2026, week: 47 }); // a Sunday ends the week
    expect(isoWeekOfDate(2021, 1, 3)).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOfDate(2024, 12, 30)).toEqual({ year: 2025, week: 1 });
    expect(isoWeeksInYear(2020)).toBe(53);
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2025)).toBe(52);
  });

  test('a week runs Monday 00:00 to Monday 00:00 in the zone, DST included', () => {
    const { start, end } = isoWeekRange({ year: 2026, week: 47 }, 'Europe/Berlin');
    expect(start.toISOString()).toBe('2026-11-15T23:00:00.000Z');
    expect(end.toISOString()).toBe('2026-11-22T23:00:00.000Z');
    const dst = isoWeekRange({ year: 2026, week: 43 }, 'Europe/Berlin'); // clocks go back on Sunday 25 October
    expect(dst.end.getTime() - dst.start.getTime()).toBe(169 * 3_600_000);
    expect(isoWeekOf(new Date('2026-11-22T23:30:00Z'), 'Europe/Berlin')).toEqual({ year: 2026, week: 48 });
    expect(isoWeekOf(new Date('2026-11-22T23:30:00Z'), 'UTC')).toEqual({ year: 2026, week: 47 });
  });

  test('parse and format', () => {
    expect(parseIsoWeek('2026-W47')).toEqual({ year: 2026, week: 47 });
    expect(parseIsoWeek('2026-w05')).toEqual({ year: 2026, week: 5 });
    expect(formatIsoWeek({ year: 2026, week: 5 })).toBe('2026-W05');
    for (const bad of ['2026-47', '2026W47', '2026-W00', '2025-W53', '2026-W7', 'W47'])
      expect(parseIsoWeek(bad)).toBeNull();
  });
});

describe('weekRange', () => {
  const now = new Date('2026-11-23T07:30:00Z');

  test('by default the 7 whole local days before today and today so far, in the home zone', () => {
    const window = weekRange(undefined, now, 'Europe/Berlin');
    expect(window).toMatchObject({
      from: '2026-11-15T23:00:00.000Z', // Monday 16 November, 00:00 in Berlin
      to: '2026-11-23T07:30:00.000Z',
      firstDay: '2026-11-16',
      lastDay: '2026-11-23',
      week: null,
      complete: true,
    });
    expect(window.label).toBe(
      'the 7 days before today and today so far (2026-11-16 00:00 to 2026-11-23 08:30 Europe/Berlin)',
    );
    // across the autumn change the 7 days before today are 169 hours
    const across = weekRange(undefined, new Date('2026-10-28T12:00:00Z'), 'Europe/Berlin');
    expect(across.from).toBe('2026-10-20T22:00:00.000Z');
    expect(Date.parse('2026-10-28T00:00:00+01:00') - Date.parse(across.from)).toBe(169 * 3_600_000);
    // the day is the home's: just after midnight in Auckland is still yesterday in UTC
    const early = new Date('2026-11-22T11:30:00Z');
    expect(weekRange(undefined, early, 'Pacific/Auckland')).toMatchObject({
      firstDay: '2026-11-16',
      lastDay: '2026-11-23',
    });
    expect(weekRange(undefined, early, 'UTC')).toMatchObject({ firstDay: '2026-11-15', lastDay: '2026-11-22' });
  });

  test('--week: an ISO week; the current one is marked as going on', () => {
    expect(weekRange('2026-W47', now, 'Europe/Berlin')).toMatchObject({
      from: '2026-11-15T23:00:00.000Z',
      to: '2026-11-22T23:00:00.000Z',
      firstDay: '2026-11-16',
      lastDay: '2026-11-22',
      week: '2026-W47',
      complete: true,
    });
    expect(weekRange('2026-W47', now, 'Europe/Berlin').label).toBe(
      'week 2026-W47 (2026-11-16 to 2026-11-22 Europe/Berlin)',
    );
    expect(weekRange('2026-W48', now, 'Europe/Berlin')).toMatchObject({ week: '2026-W48', complete: false });
  });

  test('bad weeks name the thing and what was expected (exit 2)', () => {
    expect(() => weekRange('2026-47', now, 'Europe/Berlin')).toThrow(
      '--week: "2026-47" is not an ISO week: expected YYYY-Www, like 2026-W48 (this week)',
    );
    expect(() => weekRange('2026-W49', now, 'Europe/Berlin')).toThrow(
      '--week: 2026-W49 has not begun yet (this is 2026-W48 in Europe/Berlin): expected this week or an earlier one',
    );
    try {
      weekRange('nope', now, 'UTC');
    } catch (error) {
      expect((error as { exitCode: number }).exitCode).toBe(2);
    }
  });
});
