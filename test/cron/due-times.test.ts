import { describe, expect, test } from 'vitest';
import { dueAfter, lastDueIn, startCovers } from '../../src/cron/index.js';
import { dueTimesIn } from '../../src/cron/due-times.js';

const iso = (ms: number) => new Date(ms).toISOString();
const at = (s: string) => Date.parse(s);

describe('due times across DST, read one way everywhere', () => {
  // These two pinned cron-parser's answer, 03:30 (the skipped 02:30 an hour on). cronie's cron(8) runs a
  // fixed-time job whose time was skipped "immediately" after the change: at 03:00, the change itself.
  test('Europe/Berlin spring-forward: the 02:30 job is due once, at 03:00 CEST (the change)', () => {
    const day = dueTimesIn('30 2 * * *', 'Europe/Berlin', at('2026-03-28T12:00:00Z'), at('2026-03-29T12:00:00Z'));
    expect(day.map(iso)).toEqual(['2026-03-29T01:00:00.000Z']);
  });

  test('America/New_York spring-forward: the 02:30 job is due at 03:00 EDT (the change)', () => {
    expect(iso(dueAfter('30 2 * * *', 'America/New_York', at('2026-03-07T12:00:00Z')))).toBe(
      '2026-03-08T07:00:00.000Z',
    );
  });

  test('America/New_York fall-back: the 01:30 job is due once, on the first 01:30', () => {
    const day = dueTimesIn('30 1 * * *', 'America/New_York', at('2026-10-31T12:00:00Z'), at('2026-11-01T23:00:00Z'));
    expect(day.map(iso)).toEqual(['2026-11-01T05:30:00.000Z']);
  });

  test('…even when asked from inside the repeated hour (a daemon restarted at 01:10 EST)', () => {
    // cron-parser answered 06:30Z here: the second 01:30, a double run
    expect(iso(dueAfter('30 1 * * *', 'America/New_York', at('2026-11-01T06:10:00Z')))).toBe(
      '2026-11-02T06:30:00.000Z',
    );
    expect(
      dueTimesIn('30 1 * * *', 'America/New_York', at('2026-11-01T05:45:00Z'), at('2026-11-01T08:00:00Z')),
    ).toEqual([]);
  });

  test('Europe/Berlin fall-back: the 02:30 job is due once', () => {
    const day = dueTimesIn('30 2 * * *', 'Europe/Berlin', at('2026-10-24T12:00:00Z'), at('2026-10-25T12:00:00Z'));
    expect(day.map(iso)).toEqual(['2026-10-25T00:30:00.000Z']);
  });

  test('an hourly job runs in both repeated hours and skips the missing one', () => {
    const fall = dueTimesIn('0 * * * *', 'America/New_York', at('2026-11-01T03:30:00Z'), at('2026-11-01T07:30:00Z'));
    expect(fall.map(iso)).toEqual([
      '2026-11-01T04:00:00.000Z',
      '2026-11-01T05:00:00.000Z',
      '2026-11-01T06:00:00.000Z',
      '2026-11-01T07:00:00.000Z',
    ]);
    const spring = dueTimesIn('0 * * * *', 'Europe/Berlin', at('2026-03-28T23:30:00Z'), at('2026-03-29T02:30:00Z'));
    expect(spring.map(iso)).toEqual([
      '2026-03-29T00:00:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-29T02:00:00.000Z',
    ]);
  });

  test('lastDueIn finds the latest slot cheaply, for minutes and for seconds schedules', () => {
    expect(iso(lastDueIn('0 2 * * *', 'UTC', at('2026-01-01T00:00:00Z'), at('2026-01-05T12:00:00Z'))!)).toBe(
      '2026-01-05T02:00:00.000Z',
    );
    expect(iso(lastDueIn('*/2 * * * * *', 'UTC', at('2026-01-01T00:00:00Z'), at('2026-01-05T12:00:03.500Z'))!)).toBe(
      '2026-01-05T12:00:02.000Z',
    );
    expect(lastDueIn('0 2 * * *', 'UTC', at('2026-01-05T03:00:00Z'), at('2026-01-05T12:00:00Z'))).toBeNull();
  });

  test('a run cronie starts right after the spring-forward jump counts for the skipped slot', () => {
    // the skipped 02:30 is due at the change (03:00 CEST), so no early allowance is needed any more
    const due = dueAfter('30 2 * * *', 'Europe/Berlin', at('2026-03-28T12:00:00Z'));
    expect(iso(due)).toBe('2026-03-29T01:00:00.000Z');
    expect(startCovers(at('2026-03-29T01:00:05Z'), due)).toBe(true);
    expect(startCovers(at('2026-03-29T00:20:00Z'), due)).toBe(false);
    // on an ordinary day, early is early
    expect(startCovers(at('2026-03-30T00:29:00Z'), at('2026-03-30T00:30:00Z'))).toBe(false);
  });
});
