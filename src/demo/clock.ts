import { dayKey, wallTime, zonedToUtc } from '../shared/time/index.js';
import { DAY_MS } from './constants.js';

/**
 * Local-time arithmetic for the story: "42 days before today at 06:48 in
 * Berlin". The story is told in wall-clock time because that is how
 * operators remember it, and cron triggers fire in it.
 */
export interface Clock {
  now: Date;
  timezone: string;
  /** the local calendar day `offset` days from today (0 = today, -1 = yesterday), at `time` (HH:MM or HH:MM:SS[.mmm]) */
  at(offset: number, time: string): Date;
  /** YYYY-MM-DD of `offset` days from today */
  day(offset: number): string;
  /** days from today's local date to the local date of `at` (yesterday evening = -1) */
  offsetOf(at: Date): number;
}

export function createClock(now: Date, timezone: string): Clock {
  const today = wallTime(now, timezone);
  const todayUtc = Date.UTC(today.year, today.month - 1, today.day);
  const calendar = (offset: number) => new Date(todayUtc + offset * DAY_MS);
  return {
    now,
    timezone,
    at(offset, time) {
      const match = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{3}))?)?$/.exec(time);
      if (!match) throw new Error(`bad story time ${time}`);
      const date = calendar(offset);
      const utc = zonedToUtc(
        { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: Number(match[1]), minute: Number(match[2]), second: Number(match[3] ?? 0) },
        timezone,
      );
      return new Date(utc.getTime() + Number(match[4] ?? 0));
    },
    day(offset) {
      return calendar(offset).toISOString().slice(0, 10);
    },
    offsetOf(at) {
      const w = wallTime(at, timezone);
      return Math.round((Date.UTC(w.year, w.month - 1, w.day) - todayUtc) / DAY_MS);
    },
  };
}

/** `2026-11-23` or `2026-11-23T083000`: the stem of an output file, as the harness names it (DESIGN §1). */
export { outputStamp } from '../harness/index.js';

/** "Sun 22 Nov 2026" — how outputs name a day for people. */
const longDayFormats = new Map<string, Intl.DateTimeFormat>();

export function longDay(at: Date, timezone: string): string {
  let format = longDayFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
    longDayFormats.set(timezone, format);
  }
  return format.format(at).replace(/,/g, '');
}

/** "14:05" in the zone. */
export function clockTime(at: Date, timezone: string, seconds = false): string {
  const w = wallTime(at, timezone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return seconds ? `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}` : `${pad(w.hour)}:${pad(w.minute)}`;
}

/** 0 = Sunday … 6 = Saturday, in the zone. */
export function weekday(at: Date, timezone: string): number {
  const w = wallTime(at, timezone);
  return new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
}

/** "2026-11-19 10:12" in the zone: how reasons and messages name a moment for people. */
export function localDateTime(at: Date, timezone: string): string {
  return `${dayKey(at, timezone)} ${clockTime(at, timezone)}`;
}
