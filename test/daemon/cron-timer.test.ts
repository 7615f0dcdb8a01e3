import { describe, expect, test } from 'vitest';
import { CronTimer } from '../../src/daemon/cron-timer.js';
import { ManualClock } from '../support/schedule/manual-clock.js';

const HOUR = 3_600_000;

function timer(expression: string, timezone: string, start: string) {
  const clock = new ManualClock(Date.parse(start));
  const fired: Array<{ due: string; late: number }> = [];
  const t = new CronTimer({
    expression,
    timezone,
    clock,
    onDue: (due, late) => fired.push({ due: new Date(due).toISOString(), late }),
  });
  t.start();
  return { clock, fired, timer: t };
}

describe("the daemon's cron timer", () => {
  test('fires at the due second, on time, and re-arms', () => {
    const { clock, fired } = timer('0 2 * * *', 'UTC', '2026-05-10T01:59:00Z');
    clock.advance(59_999);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual([{ due: '2026-05-10T02:00:00.000Z', late: 0 }]);
    clock.advance(24 * HOUR);
    expect(fired.map((f) => f.due)).toEqual(['2026-05-10T02:00:00.000Z', '2026-05-11T02:00:00.000Z']);
  });

  test('seconds schedules: every two seconds', () => {
    const { clock, fired } = timer('*/2 * * * * *', 'UTC', '2026-05-10T00:00:00.500Z');
    clock.advance(6000);
    expect(fired.map((f) => f.due)).toEqual([
      '2026-05-10T00:00:02.000Z',
      '2026-05-10T00:00:04.000Z',
      '2026-05-10T00:00:06.000Z',
    ]);
  });

  test('New York fall-back: the 01:30 job fires once, even if the daemon starts inside the repeated hour', () => {
    const before = timer('30 1 * * *', 'America/New_York', '2026-10-31T12:00:00Z');
    before.clock.advance(72 * HOUR);
    expect(before.fired.map((f) => f.due)).toEqual([
      '2026-11-01T05:30:00.000Z',
      '2026-11-02T06:30:00.000Z',
      '2026-11-03T06:30:00.000Z',
    ]);
    const restarted = timer('30 1 * * *', 'America/New_York', '2026-11-01T06:10:00Z');
    restarted.clock.advance(30 * HOUR);
    expect(restarted.fired.map((f) => f.due)).toEqual(['2026-11-02T06:30:00.000Z']);
  });

  // cron-parser's 03:30 CEST was pinned here; cronie runs the skipped 02:30 right after the change, at 03:00 CEST
  test('Berlin spring-forward: the 02:30 job fires at 03:00 CEST, the change', () => {
    const { clock, fired } = timer('30 2 * * *', 'Europe/Berlin', '2026-03-28T12:00:00Z');
    clock.advance(37 * HOUR);
    expect(fired.map((f) => f.due)).toEqual(['2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']);
  });

  test('asleep through several slots: one call, for the latest, saying how late', () => {
    const { clock, fired } = timer('0 * * * *', 'UTC', '2026-05-10T00:30:00Z');
    clock.sleep(5 * HOUR); // 05:30, nothing could run meanwhile
    expect(fired).toEqual([{ due: '2026-05-10T05:00:00.000Z', late: 30 * 60_000 }]);
    clock.advance(30 * 60_000);
    expect(fired.at(-1)).toEqual({ due: '2026-05-10T06:00:00.000Z', late: 0 });
  });

  test('with a lead: called ahead of each slot (at most half the gap), with how early', () => {
    const clock = new ManualClock(Date.parse('2026-05-10T00:00:00.200Z'));
    const fired: Array<[string, number]> = [];
    new CronTimer({
      expression: '*/2 * * * * *',
      timezone: 'UTC',
      clock,
      leadMs: 1500,
      onDue: (due, late) => fired.push([new Date(due).toISOString(), late]),
    }).start();
    clock.advance(799);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual([['2026-05-10T00:00:02.000Z', -1000]]);
    clock.advance(2000);
    expect(fired).toEqual([
      ['2026-05-10T00:00:02.000Z', -1000],
      ['2026-05-10T00:00:04.000Z', -1000],
    ]);
    const daily = new ManualClock(Date.parse('2026-05-10T01:59:00Z'));
    const early: number[] = [];
    new CronTimer({
      expression: '0 2 * * *',
      timezone: 'UTC',
      clock: daily,
      leadMs: 1500,
      onDue: (_due, late) => early.push(late),
    }).start();
    daily.advance(60_000);
    expect(early).toEqual([-1500]);
  });

  test('stop clears its timer', () => {
    const { clock, timer: t } = timer('0 * * * *', 'UTC', '2026-05-10T00:30:00Z');
    t.stop();
    expect(clock.pending()).toBe(0);
  });

  test('Australia/Lord_Howe through both 30-minute changes: each due time fires once, the skipped one at the change', () => {
    const fall = timer('0 * * * *', 'Australia/Lord_Howe', '2026-04-04T13:59:00Z'); // 00:59 +11:00
    fall.clock.advance(3 * HOUR);
    // 01:00 +11, 02:00 +10:30 (01:30–02:00 repeats; no 01:00 in it), 03:00 +10:30
    expect(fall.fired.map((f) => f.due)).toEqual([
      '2026-04-04T14:00:00.000Z',
      '2026-04-04T15:30:00.000Z',
      '2026-04-04T16:30:00.000Z',
    ]);
    const spring = timer('0 2 * * *', 'Australia/Lord_Howe', '2026-10-03T15:00:00Z'); // 01:30 +10:30
    spring.clock.advance(2 * HOUR);
    expect(spring.fired.map((f) => f.due)).toEqual(['2026-10-03T15:30:00.000Z']); // 02:00 skipped: at the change
  });
});
