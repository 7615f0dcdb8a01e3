import { describe, expect, it } from 'vitest';
import {
  dayKey,
  dayRange,
  monthKey,
  monthRange,
  parseZonedDateTime,
  previousMonth,
  wallTime,
  zonedToUtc,
  zoneOffset,
} from '../../src/shared/time/index.js';

describe('zoned time', () => {
  it('puts an instant in the month of its zone, not of UTC', () => {
    expect(monthKey(new Date('2026-11-30T23:30:00Z'), 'Europe/Berlin')).toBe('2026-12');
    expect(monthKey(new Date('2026-11-30T23:30:00Z'), 'UTC')).toBe('2026-11');
    expect(dayKey(new Date('2026-11-24T03:00:00Z'), 'America/New_York')).toBe('2026-11-23');
  });

  it('finds month boundaries in the zone', () => {
    const { start, end } = monthRange('2026-11', 'Europe/Berlin');
    expect(start.toISOString()).toBe('2026-10-31T23:00:00.000Z');
    expect(end.toISOString()).toBe('2026-11-30T23:00:00.000Z');
    expect(monthRange('2026-12', 'UTC').end.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(previousMonth('2026-01')).toBe('2025-12');
  });

  it('handles DST days: 23 and 25 hour days in Berlin', () => {
    const spring = dayRange(new Date('2026-03-29T12:00:00Z'), 'Europe/Berlin');
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * 3_600_000);
    const fall = dayRange(new Date('2026-10-25T12:00:00Z'), 'Europe/Berlin');
    expect(fall.end.getTime() - fall.start.getTime()).toBe(25 * 3_600_000);
  });

  it('maps a wall time in a spring-forward gap to just after it', () => {
    // 02:30 does not exist in New York on 2026-03-08
    const at = zonedToUtc({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York');
    expect(at.toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  it('maps a wall time in a repeated fall-back hour to its first occurrence', () => {
    const at = zonedToUtc({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York');
    expect(at.toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('parses --until as wall time in the home zone, or as an ISO time with offset', () => {
    expect(parseZonedDateTime('2026-12-01T09:00', 'Europe/Berlin')?.toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(parseZonedDateTime('2026-12-01', 'UTC')?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(parseZonedDateTime('2026-12-01T09:00:00Z', 'Europe/Berlin')?.toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(parseZonedDateTime('2026-02-30T09:00', 'UTC')).toBeNull();
    expect(parseZonedDateTime('tomorrow', 'UTC')).toBeNull();
  });
});

describe('UTC without ICU', () => {
  it('gives the same wall time and offset as ICU does for an equivalent zone', () => {
    for (const at of [
      Date.UTC(2026, 0, 1),
      Date.UTC(2026, 2, 29, 1, 30, 15),
      Date.UTC(1999, 11, 31, 23, 59, 59),
      Date.UTC(2026, 10, 24, 5, 0, 0),
    ]) {
      expect(wallTime(at, 'UTC')).toEqual(wallTime(at, 'Etc/UTC'));
      expect(wallTime(new Date(at), 'UTC')).toEqual(wallTime(at, 'Etc/UTC'));
      expect(zoneOffset(at, 'UTC')).toBe(zoneOffset(at, 'Etc/UTC'));
    }
  });
});
