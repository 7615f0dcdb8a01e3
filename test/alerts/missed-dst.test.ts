import { describe, expect, test } from 'vitest';
import { missedRuns } from '../../src/alerts/rules/missed.js';
import { catchUpDue } from '../../src/daemon/catch-up.js';
import { runRecord } from '../support/schedule/home.js';
import { agentFacts, definition, newestFirst, watchdogFacts } from '../support/schedule/facts.js';

/**
 * Missed runs and catch-up on the days the clocks change, read as cronie
 * reads them (README "Schedules and daylight saving"): a fixed-time job whose
 * wall time was skipped is due at the change itself and a fixed-time job in a
 * repeated hour is due once; a job with a wildcard in its minute or hour
 * follows the new clock. So no alert for a time that never existed, and
 * exactly one for a run that was due and did not start. The clock is fixed.
 */
const agent = (cron: string, timezone: string) =>
  definition('nightly', { trigger: { cron, timezone, grace: '30m', catch_up: 'once', deadline: '6h' } });

function missed(cron: string, timezone: string, now: string, starts: string[]): string[] {
  const runs = newestFirst(starts.map((at) => runRecord('nightly', at)));
  const facts = watchdogFacts(now, [agentFacts(agent(cron, timezone), { recentRuns: runs })]);
  return missedRuns(facts).map((condition) => condition.key);
}

const key = (iso: string) => `missed:nightly:${new Date(iso).toISOString()}`;

describe('Europe/Berlin, 2026', () => {
  const dayBefore = '2026-03-28T01:30:00.200Z'; // 02:30 CET

  test('spring forward: the skipped 02:30 is due at the change, 03:00 CEST', () => {
    expect(missed('30 2 * * *', 'Europe/Berlin', '2026-03-29T01:29:00Z', [dayBefore])).toEqual([]);
    expect(missed('30 2 * * *', 'Europe/Berlin', '2026-03-29T01:31:00Z', [dayBefore])).toEqual([
      key('2026-03-29T01:00:00Z'),
    ]);
    expect(missed('30 2 * * *', 'Europe/Berlin', '2026-03-29T06:00:00Z', [dayBefore, '2026-03-29T01:00:01Z'])).toEqual(
      [],
    );
  });

  test('spring forward: a wildcard job of the skipped hour is owed nothing that day', () => {
    const lastSlot = '2026-03-28T01:40:00.100Z'; // 02:40 CET, the last slot of the day before
    expect(missed('*/20 2 * * *', 'Europe/Berlin', '2026-03-29T12:00:00Z', [lastSlot])).toEqual([]);
    // the next night's 02:00 CEST is owed again
    expect(missed('*/20 2 * * *', 'Europe/Berlin', '2026-03-30T00:31:00Z', [lastSlot])).toEqual([
      key('2026-03-30T00:00:00Z'),
    ]);
  });

  test('fall back: a fixed 02:30 is due once, at the first 02:30 (CEST)', () => {
    const first = '2026-10-25T00:30:00.300Z';
    expect(missed('30 2 * * *', 'Europe/Berlin', '2026-10-25T03:00:00Z', ['2026-10-24T00:30:00Z', first])).toEqual([]);
    expect(missed('30 2 * * *', 'Europe/Berlin', '2026-10-25T03:00:00Z', ['2026-10-24T00:30:00Z'])).toEqual([
      key('2026-10-25T00:30:00Z'),
    ]);
  });

  test('fall back: a wildcard job runs again in the repeated hour, and is owed those runs', () => {
    const cest = ['2026-10-25T00:00:00.100Z', '2026-10-25T00:30:00.100Z']; // 02:00 and 02:30 CEST
    const cet = ['2026-10-25T01:00:00.100Z', '2026-10-25T01:30:00.100Z']; // 02:00 and 02:30 CET
    expect(missed('*/30 2 * * *', 'Europe/Berlin', '2026-10-25T02:01:00Z', [...cest, ...cet])).toEqual([]);
    expect(missed('*/30 2 * * *', 'Europe/Berlin', '2026-10-25T02:01:00Z', cest)).toEqual([
      key('2026-10-25T01:00:00Z'),
    ]);
  });

  test('catch_up: once after the daemon was down through the spring change makes up the 03:00 CEST run', () => {
    const trigger = agent('30 2 * * *', 'Europe/Berlin').trigger;
    if (trigger?.kind !== 'cron') throw new Error('expected a cron trigger');
    const now = Date.parse('2026-03-29T04:00:00Z');
    expect(new Date(catchUpDue(trigger, now, Date.parse(dayBefore), 0)!).toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
    expect(catchUpDue(trigger, now, Date.parse('2026-03-29T01:00:01Z'), 0)).toBeNull();
  });
});

describe('America/New_York, 2026', () => {
  test('spring forward: the skipped 02:30 is due at 03:00 EDT; a run then covers it', () => {
    const before = ['2026-03-07T07:30:00Z'];
    expect(missed('30 2 * * *', 'America/New_York', '2026-03-08T07:31:00Z', before)).toEqual([
      key('2026-03-08T07:00:00Z'),
    ]);
    expect(
      missed('30 2 * * *', 'America/New_York', '2026-03-08T09:00:00Z', [...before, '2026-03-08T07:00:01Z']),
    ).toEqual([]);
  });

  test('fall back: the 01:30 job is due once, at 01:30 EDT', () => {
    const before = ['2026-10-31T05:30:00Z'];
    expect(
      missed('30 1 * * *', 'America/New_York', '2026-11-01T07:31:00Z', [...before, '2026-11-01T05:30:00.5Z']),
    ).toEqual([]);
    expect(missed('30 1 * * *', 'America/New_York', '2026-11-01T07:31:00Z', before)).toEqual([
      key('2026-11-01T05:30:00Z'),
    ]);
  });
});

describe('Australia/Lord_Howe (a 30-minute change), 2026', () => {
  test('spring forward (4 October, 02:00 → 02:30): the skipped 02:15 is due at 02:30 +11:00', () => {
    const before = ['2026-10-02T15:45:00Z']; // 02:15 +10:30 the day before
    expect(missed('15 2 * * *', 'Australia/Lord_Howe', '2026-10-03T16:01:00Z', before)).toEqual([
      key('2026-10-03T15:30:00Z'),
    ]);
    expect(
      missed('15 2 * * *', 'Australia/Lord_Howe', '2026-10-03T18:00:00Z', [...before, '2026-10-03T15:30:01Z']),
    ).toEqual([]);
  });

  test('fall back (5 April, 02:00 → 01:30): a fixed 01:45 is due once; 02:00 and hourly jobs are owed as usual', () => {
    const before = ['2026-04-03T14:45:00Z']; // 01:45 +11:00 the day before
    expect(
      missed('45 1 * * *', 'Australia/Lord_Howe', '2026-04-04T16:00:00Z', [...before, '2026-04-04T14:45:00.2Z']),
    ).toEqual([]);
    expect(missed('45 1 * * *', 'Australia/Lord_Howe', '2026-04-04T16:00:00Z', before)).toEqual([
      key('2026-04-04T14:45:00Z'),
    ]);
    // 02:00 exists once that night, at +10:30
    expect(missed('0 2 * * *', 'Australia/Lord_Howe', '2026-04-04T16:01:00Z', ['2026-04-03T15:00:00Z'])).toEqual([
      key('2026-04-04T15:30:00Z'),
    ]);
    expect(missed('0 * * * *', 'Australia/Lord_Howe', '2026-04-04T16:01:00Z', ['2026-04-04T14:00:00Z'])).toEqual([
      key('2026-04-04T15:30:00Z'),
    ]);
  });
});
