import { describe, expect, test } from 'vitest';
import { upcomingDues } from '../../src/cron/index.js';

const from = (iso: string) => Date.parse(iso);
const shown = (expression: string, zone: string, after: string, count = 3) =>
  upcomingDues(expression, zone, from(after), count).map(
    (due) => `${due.wall} ${due.offset}${due.dst ? ` (${due.dst})` : ''}`,
  );

describe('the next due times, as `nightshift schedule` shows them', () => {
  test('Berlin spring forward: the skipped 02:30 runs at 03:00 CEST and says so', () => {
    expect(shown('30 2 * * *', 'Europe/Berlin', '2026-03-27T12:00:00Z')).toEqual([
      '2026-03-28 02:30 +01:00',
      '2026-03-29 03:00 +02:00 (02:30 skipped by DST → 03:00)',
      '2026-03-30 02:30 +02:00',
    ]);
  });

  test('Berlin fall back: a fixed 02:30 once; a wildcard job again in the repeated hour, marked', () => {
    expect(shown('30 2 * * *', 'Europe/Berlin', '2026-10-24T12:00:00Z', 2)).toEqual([
      '2026-10-25 02:30 +02:00',
      '2026-10-26 02:30 +01:00',
    ]);
    expect(shown('*/30 2 * * *', 'Europe/Berlin', '2026-10-24T12:00:00Z', 4)).toEqual([
      '2026-10-25 02:00 +02:00',
      '2026-10-25 02:30 +02:00',
      '2026-10-25 02:00 +01:00 (02:00 again: the clocks went back)',
      '2026-10-25 02:30 +01:00 (02:30 again: the clocks went back)',
    ]);
  });

  test('New York and Lord_Howe (a 30-minute change) spring forward', () => {
    expect(shown('30 2 * * *', 'America/New_York', '2026-03-06T12:00:00Z', 2)).toEqual([
      '2026-03-07 02:30 -05:00',
      '2026-03-08 03:00 -04:00 (02:30 skipped by DST → 03:00)',
    ]);
    expect(shown('15 2 * * *', 'Australia/Lord_Howe', '2026-10-02T12:00:00Z', 2)).toEqual([
      '2026-10-03 02:15 +10:30',
      '2026-10-04 02:30 +11:00 (02:15 skipped by DST → 02:30)',
    ]);
  });

  test('an ordinary day says nothing of DST; seconds schedules show seconds', () => {
    expect(shown('0 9 * * 1-5', 'UTC', '2026-05-08T12:00:00Z', 2)).toEqual([
      '2026-05-11 09:00 +00:00',
      '2026-05-12 09:00 +00:00',
    ]);
    expect(shown('*/20 * * * * *', 'Asia/Kolkata', '2026-05-08T12:00:00Z', 2)).toEqual([
      '2026-05-08 17:30:20 +05:30',
      '2026-05-08 17:30:40 +05:30',
    ]);
  });
});
