import { wallTime, zonedToUtc, zoneOffset } from '../time/index.js';
import { DAY_MS, HOUR_MS } from './constants.js';

/**
 * Moves every date in a text by whole days, keeping the wall-clock time in
 * the home's zone: a nightly run at 23:00 Berlin stays at 23:00 Berlin even
 * when the move crosses a daylight-saving change, so the scheduler's due
 * times and the runs still line up and nothing looks late or missed.
 *
 * It rewrites two shapes and leaves everything else alone:
 * - ISO instants as nightshift writes them (`2026-11-23T06:05:03.120Z`);
 * - plain dates (`2026-11-23`), which is also how output names and local
 *   stamps like `2026-11-23T083000` or `2026-11-23 07:00` carry their day.
 * Both keep their length, so a shifted output has the same byte size.
 */
const DATE_OR_INSTANT = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z)?(?!\d)/g;

export type Shifter = (text: string) => string;

export function dateShifter(days: number, timezone: string): Shifter {
  if (days === 0) return (text) => text;
  const plainCache = new Map<string, string>();

  const shiftPlain = (y: number, m: number, d: number): string => {
    const key = `${y}-${m}-${d}`;
    let out = plainCache.get(key);
    if (out === undefined) {
      out = new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
      plainCache.set(key, out);
    }
    return out;
  };

  // An instant's shift is `days` plus the difference between its zone offset and the target's. Offsets
  // change on a handful of nights a year, so one answer per UTC day serves every instant in it; only a
  // day with a change on either side is worked out hour by hour.
  const exact = (ms: number): number => {
    const w = wallTime(ms, timezone);
    const day = new Date(Date.UTC(w.year, w.month - 1, w.day) + days * DAY_MS);
    const moved = zonedToUtc({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour: w.hour, minute: w.minute, second: w.second }, timezone);
    return moved.getTime() - (ms - (ms % 1000));
  };
  const deltaByDay = new Map<number, number | null>();
  const deltaByHour = new Map<number, number>();
  const shiftInstant = (ms: number): number => {
    const dayIndex = Math.floor(ms / DAY_MS);
    let delta = deltaByDay.get(dayIndex);
    if (delta === undefined) {
      const start = dayIndex * DAY_MS;
      const end = start + DAY_MS - 1;
      const steady = zoneOffset(start, timezone) === zoneOffset(end, timezone) && zoneOffset(start + days * DAY_MS - HOUR_MS, timezone) === zoneOffset(end + days * DAY_MS + HOUR_MS, timezone);
      delta = steady ? exact(start) : null;
      deltaByDay.set(dayIndex, delta);
    }
    if (delta !== null) return ms + delta;
    const hour = Math.floor(ms / HOUR_MS);
    let hourly = deltaByHour.get(hour);
    if (hourly === undefined) {
      hourly = exact(hour * HOUR_MS);
      deltaByHour.set(hour, hourly);
    }
    return ms + hourly;
  };

  return (text) =>
    text.replace(DATE_OR_INSTANT, (match, y: string, m: string, d: string, hh: string | undefined, mm: string, ss: string, frac: string | undefined) => {
      const year = Number(y);
      const month = Number(m);
      const day = Number(d);
      if (year < 1970 || year > 2999 || month < 1 || month > 12 || day < 1 || day > 31) return match;
      if (hh === undefined) return shiftPlain(year, month, day);
      const ms = Date.UTC(year, month - 1, day, Number(hh), Number(mm), Number(ss), frac ? Number(frac.slice(1).padEnd(3, '0')) : 0);
      if (Number.isNaN(ms)) return match;
      const iso = new Date(shiftInstant(ms)).toISOString();
      // Keep the instant's own precision: `…:00Z` stays without milliseconds.
      return frac === undefined ? `${iso.slice(0, 19)}Z` : `${iso.slice(0, 20)}${iso.slice(20, 20 + frac.length - 1)}Z`;
    });
}
