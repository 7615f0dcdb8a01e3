import { describe, expect, test } from 'vitest';
import { ValidationError } from '../../src/shared/errors.js';
import { dayKeyOf, dayOfKey, LocalDayClock } from '../../src/journal/local-day.js';
import { localDay } from './support/naive-trail.js';
import { seeded } from './support/random-runs.js';

// zones with DST at 2-3 a.m., at midnight (Santiago), by 30 minutes (Lord Howe), off the hour (Kolkata, Kathmandu), and a skipped day (Apia, 2011-12-30)
const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'America/Santiago',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Pacific/Apia',
  'Pacific/Kiritimati',
];

describe('LocalDayClock', () => {
  test('puts every instant on the local day Intl gives, around DST changes too', () => {
    const random = seeded(21);
    for (const zone of ZONES) {
      const clock = new LocalDayClock(zone);
      const instants: number[] = [];
      for (let i = 0; i < 400; i++) instants.push(Date.UTC(2010, 0, 1) + Math.floor(random() * 17 * 365 * 86_400_000));
      // dense around the year's transitions and Apia's skipped day
      for (const start of [
        Date.UTC(2026, 2, 28),
        Date.UTC(2026, 9, 24),
        Date.UTC(2026, 3, 4),
        Date.UTC(2026, 8, 5),
        Date.UTC(2011, 11, 29),
      ]) {
        for (let m = 0; m < 4 * 24 * 4; m++) instants.push(start + m * 15 * 60_000 + Math.floor(random() * 60_000));
      }
      for (const ms of instants)
        expect([zone, ms, clock.keyOf(clock.dayOf(ms))]).toEqual([zone, ms, localDay(ms, zone)]);
    }
  });

  test('startOf gives the first instant of a local day', () => {
    for (const zone of ZONES) {
      const clock = new LocalDayClock(zone);
      for (const key of ['2026-03-29', '2026-10-25', '2026-04-05', '2026-09-06', '2026-01-15', '2011-12-31']) {
        const day = dayOfKey(key);
        const start = clock.startOf(day);
        expect([zone, key, localDay(start, zone)]).toEqual([zone, key, key]);
        expect(localDay(start - 1, zone) < key).toBe(true);
      }
    }
  });

  test('refuses a zone that does not exist', () => {
    expect(() => new LocalDayClock('Mars/Base')).toThrow(ValidationError);
  });
});

describe('day keys', () => {
  test('round-trip and refuse what is not a date', () => {
    expect(dayKeyOf(dayOfKey('2026-04-18'))).toBe('2026-04-18');
    expect(dayOfKey('1970-01-02')).toBe(1);
    expect(dayOfKey('2026-02-30')).toBeNaN();
    expect(dayOfKey('yesterday')).toBeNaN();
  });
});
