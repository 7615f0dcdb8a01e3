import { describe, expect, test } from 'vitest';
import { checkCron } from '../../src/cron/cron.js';
import { dueAfter, firstUncoveredDue, lastDueIn } from '../../src/cron/index.js';
import { dueTimesIn } from '../../src/cron/due-times.js';

/**
 * Issue 14's cases, with cronie's answers (crontab(5), cron(8)): how the two
 * day fields combine, and what a job does on the days daylight saving skips
 * or repeats an hour (or, on Australia/Lord_Howe, half an hour).
 */
const iso = (ms: number) => new Date(ms).toISOString();
const at = (s: string) => Date.parse(s);
const due = (expression: string, zone: string, from: string, until: string) =>
  dueTimesIn(expression, zone, at(from), at(until)).map(iso);

describe('day of month and day of week', () => {
  test('`1 1 1-7 * */7`: day of week starts with *, so the fields are ANDed: the first Sunday of each month', () => {
    // */7 over 0-7 is 0 and 7, both Sunday; cron-parser ORed the fields and gave 01-01…01-04
    expect(due('1 1 1-7 * */7', 'UTC', '2026-01-01T00:00:00Z', '2026-05-01T00:00:00Z')).toEqual([
      '2026-01-04T01:01:00.000Z',
      '2026-02-01T01:01:00.000Z',
      '2026-03-01T01:01:00.000Z',
      '2026-04-05T01:01:00.000Z',
    ]);
  });

  test('both restricted: ORed (crontab(5): `30 4 1,15 * 5` runs on the 1st, the 15th and every Friday)', () => {
    expect(due('30 4 1,15 * 5', 'UTC', '2026-05-01T00:00:00Z', '2026-05-16T00:00:00Z')).toEqual([
      '2026-05-01T04:30:00.000Z', // the 1st, a Friday
      '2026-05-08T04:30:00.000Z', // Friday
      '2026-05-15T04:30:00.000Z', // the 15th, a Friday
    ]);
  });

  test('`1 1 */100 * MON#4` is refused: "#" is not cron syntax', () => {
    const check = checkCron('1 1 */100 * MON#4');
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problem).toContain('day of week "MON#4"');
  });

  test('a date that never comes round is refused, a rare one is found', () => {
    expect(checkCron('0 0 30 2 *')).toEqual({
      ok: false,
      problem: 'that day of the month never occurs in the months given',
    });
    // the 29th of February that is a Sunday: 2032, then 2060 (as far apart as such dates get: up to 40 years)
    expect(iso(dueAfter('0 0 29 2 */7', 'UTC', at('2026-01-01T00:00:00Z')))).toBe('2032-02-29T00:00:00.000Z');
    expect(iso(dueAfter('0 0 29 2 */7', 'UTC', at('2032-03-01T00:00:00Z')))).toBe('2060-02-29T00:00:00.000Z');
    // ORed, the 30th of February never matters: it also runs on Mondays in February
    expect(checkCron('0 0 30 2 1').ok).toBe(true);
  });

  test('an expression that never runs says so instead of looping', () => {
    expect(() => dueAfter('0 0 31 2 *', 'UTC', at('2026-01-01T00:00:00Z'))).toThrow(/never due in the 50 years/);
  });
});

describe('a spring-forward change', () => {
  test('Europe/Berlin `30 2 * * *` on the spring day: 03:00 CEST (01:00Z), once', () => {
    expect(due('30 2 * * *', 'Europe/Berlin', '2026-03-28T12:00:00Z', '2026-03-30T12:00:00Z')).toEqual([
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
  });

  test('Europe/Riga `30 1,2,3,4,5 * * *` keeps its 03:30 run: at the change, 04:00 EEST', () => {
    expect(due('30 1,2,3,4,5 * * *', 'Europe/Riga', '2026-03-28T22:00:00Z', '2026-03-29T03:00:00Z')).toEqual([
      '2026-03-28T23:30:00.000Z', // 01:30 EET
      '2026-03-29T00:30:00.000Z', // 02:30 EET
      '2026-03-29T01:00:00.000Z', // the skipped 03:30, at the change (04:00 EEST)
      '2026-03-29T01:30:00.000Z', // 04:30 EEST
      '2026-03-29T02:30:00.000Z', // 05:30 EEST
    ]);
  });

  test('several skipped times of one fixed-time job run once, at the change', () => {
    expect(due('0,20,40 2 * * *', 'Europe/Berlin', '2026-03-28T23:00:00Z', '2026-03-29T03:00:00Z')).toEqual([
      '2026-03-29T01:00:00.000Z',
    ]);
    // 03:00 is both the change and a time of its own: still one run
    expect(due('0 2,3 * * *', 'Europe/Berlin', '2026-03-28T23:00:00Z', '2026-03-29T03:00:00Z')).toEqual([
      '2026-03-29T01:00:00.000Z',
    ]);
  });

  test('Europe/Berlin `*/20 2 * * *` (a wildcard job) does not run on the spring day', () => {
    expect(due('*/20 2 * * *', 'Europe/Berlin', '2026-03-28T12:00:00Z', '2026-03-29T12:00:00Z')).toEqual([]);
  });

  test('America/New_York `30 2 * * *`: 03:00 EDT; `*/30 * * * *` runs by the clock', () => {
    expect(due('30 2 * * *', 'America/New_York', '2026-03-08T05:00:00Z', '2026-03-08T09:00:00Z')).toEqual([
      '2026-03-08T07:00:00.000Z',
    ]);
    expect(due('*/30 * * * *', 'America/New_York', '2026-03-08T06:00:00Z', '2026-03-08T08:00:00Z')).toEqual([
      '2026-03-08T06:30:00.000Z', // 01:30 EST
      '2026-03-08T07:00:00.000Z', // 03:00 EDT
      '2026-03-08T07:30:00.000Z', // 03:30 EDT
      '2026-03-08T08:00:00.000Z', // 04:00 EDT
    ]);
  });
});

describe('a fall-back change', () => {
  test('America/New_York `30 1 * * *` runs once, the first 01:30; `30 * * * *` in both passes', () => {
    expect(due('30 1 * * *', 'America/New_York', '2026-11-01T04:00:00Z', '2026-11-01T08:00:00Z')).toEqual([
      '2026-11-01T05:30:00.000Z',
    ]);
    expect(due('30 * * * *', 'America/New_York', '2026-11-01T04:00:00Z', '2026-11-01T07:00:00Z')).toEqual([
      '2026-11-01T04:30:00.000Z', // 00:30 EDT
      '2026-11-01T05:30:00.000Z', // 01:30 EDT
      '2026-11-01T06:30:00.000Z', // 01:30 EST
    ]);
  });
});

describe('Australia/Lord_Howe: half-hour changes at 02:00', () => {
  // fall-back 2026-04-05: 02:00 (+11) → 01:30 (+10:30) at 15:00Z; spring 2026-10-04: 02:00 (+10:30) → 02:30 (+11) at 15:30Z
  const ZONE = 'Australia/Lord_Howe';

  test('fall-back day: `0 2 * * *`, `0 * * * *` and `0 1-5 * * *` do not throw, and run as cronie does', () => {
    expect(due('0 2 * * *', ZONE, '2026-04-04T12:00:00Z', '2026-04-05T12:00:00Z')).toEqual([
      '2026-04-04T15:30:00.000Z',
    ]);
    expect(due('0 * * * *', ZONE, '2026-04-04T13:30:00Z', '2026-04-04T17:00:00Z')).toEqual([
      '2026-04-04T14:00:00.000Z', // 01:00 +11
      '2026-04-04T15:30:00.000Z', // 02:00 +10:30: no :00 in the repeated half hour
      '2026-04-04T16:30:00.000Z',
    ]);
    expect(due('0 1-5 * * *', ZONE, '2026-04-04T12:00:00Z', '2026-04-05T12:00:00Z')).toHaveLength(5);
    for (const expression of ['0 2 * * *', '0 * * * *', '0 1-5 * * *']) {
      for (let t = at('2026-04-04T13:00:00Z'); t < at('2026-04-04T17:00:00Z'); t += 7 * 60_000) {
        expect(() => dueAfter(expression, ZONE, t)).not.toThrow();
        expect(() => lastDueIn(expression, ZONE, t - 86_400_000, t)).not.toThrow();
        expect(() => firstUncoveredDue(expression, ZONE, t - 86_400_000, t - 3_600_000)).not.toThrow();
      }
    }
  });

  test('fall-back day: the repeated 01:30 runs once for `30 1 * * *`, twice for `*/15 1 * * *`', () => {
    expect(due('30 1 * * *', ZONE, '2026-04-04T12:00:00Z', '2026-04-05T12:00:00Z')).toEqual([
      '2026-04-04T14:30:00.000Z',
    ]);
    expect(due('*/15 1 * * *', ZONE, '2026-04-04T12:00:00Z', '2026-04-05T12:00:00Z')).toEqual([
      '2026-04-04T14:00:00.000Z',
      '2026-04-04T14:15:00.000Z',
      '2026-04-04T14:30:00.000Z',
      '2026-04-04T14:45:00.000Z',
      '2026-04-04T15:00:00.000Z', // 01:30 again, +10:30
      '2026-04-04T15:15:00.000Z', // 01:45 again
    ]);
  });

  test('spring day: `*/15` and `30 *` keep 02:30 and 02:45, which exist; `0 2 * * *` runs at the change', () => {
    expect(due('*/15 * * * *', ZONE, '2026-10-03T15:00:00Z', '2026-10-03T16:00:00Z')).toEqual([
      '2026-10-03T15:15:00.000Z', // 01:45 +10:30
      '2026-10-03T15:30:00.000Z', // 02:30 +11, the change
      '2026-10-03T15:45:00.000Z', // 02:45
      '2026-10-03T16:00:00.000Z', // 03:00
    ]);
    expect(due('30 * * * *', ZONE, '2026-10-03T14:30:00Z', '2026-10-03T16:30:00Z')).toEqual([
      '2026-10-03T15:00:00.000Z', // 01:30 +10:30
      '2026-10-03T15:30:00.000Z', // 02:30 +11
      '2026-10-03T16:30:00.000Z', // 03:30
    ]);
    expect(due('0 2 * * *', ZONE, '2026-10-03T00:00:00Z', '2026-10-04T00:00:00Z')).toEqual([
      '2026-10-03T15:30:00.000Z',
    ]);
    expect(due('15 2 * * *', ZONE, '2026-10-03T00:00:00Z', '2026-10-04T00:00:00Z')).toEqual([
      '2026-10-03T15:30:00.000Z',
    ]);
  });
});

describe('a change of three hours or more is the clock being set (cron(8)): every job runs by the new clock', () => {
  test('Pacific/Apia skipped 2011-12-30 whole: its fixed-time jobs did not run that day', () => {
    expect(due('0 12 * * *', 'Pacific/Apia', '2011-12-28T12:00:00Z', '2012-01-01T12:00:00Z')).toEqual([
      '2011-12-28T22:00:00.000Z', // 12:00 -10 on the 28th
      '2011-12-29T22:00:00.000Z', // the 29th; the 30th never was
      '2011-12-30T22:00:00.000Z', // 12:00 +14 on the 31st
      '2011-12-31T22:00:00.000Z', // 12:00 +14 on 2012-01-01
    ]);
  });
});
