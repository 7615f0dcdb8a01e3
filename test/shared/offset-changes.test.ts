import { describe, expect, test } from 'vitest';
import {
  offsetChangeAfter,
  offsetChangeAtOrBefore,
  offsetFromChanges,
  wallInstants,
  zoneOffset,
} from '../../src/shared/time/index.js';

const at = (s: string) => Date.parse(s);
const HOUR = 3_600_000;

describe("a zone's offset changes, from Intl", () => {
  test('Europe/Berlin 2026: spring forward and fall back, to the second', () => {
    const spring = offsetChangeAfter('Europe/Berlin', at('2026-01-01T00:00:00Z'), at('2026-12-31T00:00:00Z'));
    expect(spring).toEqual({ at: at('2026-03-29T01:00:00Z'), before: HOUR, after: 2 * HOUR });
    const fall = offsetChangeAfter('Europe/Berlin', spring!.at, at('2026-12-31T00:00:00Z'));
    expect(fall).toEqual({ at: at('2026-10-25T01:00:00Z'), before: 2 * HOUR, after: HOUR });
    expect(offsetChangeAfter('Europe/Berlin', fall!.at, at('2026-12-31T00:00:00Z'))).toBeNull();
    expect(offsetChangeAtOrBefore('Europe/Berlin', at('2026-12-31T00:00:00Z'), at('2026-01-01T00:00:00Z'))).toEqual(
      fall,
    );
    expect(offsetChangeAtOrBefore('Europe/Berlin', fall!.at - 1, spring!.at)).toBeNull();
  });

  test('Australia/Lord_Howe moves half an hour; across a year end the search goes on', () => {
    const change = offsetChangeAfter('Australia/Lord_Howe', at('2025-12-01T00:00:00Z'), at('2026-12-01T00:00:00Z'));
    expect(change).toEqual({ at: at('2026-04-04T15:00:00Z'), before: 11 * HOUR, after: 10.5 * HOUR });
  });

  test('UTC never changes, and is answered without Intl', () => {
    expect(offsetChangeAfter('UTC', 0, at('2040-01-01T00:00:00Z'))).toBeNull();
    expect(offsetFromChanges('UTC', at('2026-06-01T00:00:00Z'))).toBe(0);
  });

  test.each(['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Africa/Casablanca', 'Asia/Kolkata'])(
    '%s: the offsets read from the changes agree with zoneOffset, every hour of 2026',
    (zone) => {
      for (let t = at('2026-01-01T00:00:00Z'); t < at('2027-01-01T00:00:00Z'); t += HOUR)
        expect(offsetFromChanges(zone, t)).toBe(zoneOffset(t, zone));
    },
  );
});

describe('the instants of a wall time', () => {
  test('one on an ordinary day, none in a skipped hour, two in a repeated one', () => {
    expect(wallInstants({ year: 2026, month: 3, day: 28, hour: 2, minute: 30 }, 'Europe/Berlin')).toEqual([
      at('2026-03-28T01:30:00Z'),
    ]);
    expect(wallInstants({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin')).toEqual([]);
    expect(wallInstants({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Berlin')).toEqual([
      at('2026-10-25T00:30:00Z'),
      at('2026-10-25T01:30:00Z'),
    ]);
    // Lord_Howe's repeated half hour
    expect(wallInstants({ year: 2026, month: 4, day: 5, hour: 1, minute: 45 }, 'Australia/Lord_Howe')).toEqual([
      at('2026-04-04T14:45:00Z'),
      at('2026-04-04T15:15:00Z'),
    ]);
    expect(wallInstants({ year: 2026, month: 4, day: 5, hour: 2, minute: 0 }, 'Australia/Lord_Howe')).toEqual([
      at('2026-04-04T15:30:00Z'),
    ]);
  });
});
