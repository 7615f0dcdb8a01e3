import { wallInstants } from '../shared/index.js';
import { dueAfter, scheduleOf } from './due-times.js';
import { nextLocalMatch } from './local-match.js';
import { zoneClock } from './zone-clock.js';

/** A due time as a person checks it: the wall time and offset it will show, and what daylight saving did to it. */
export interface UpcomingDue {
  at: number;
  /** "2026-03-29 03:00" in the zone (with seconds when the schedule has them) */
  wall: string;
  /** the zone's offset from UTC then, "+02:00" */
  offset: string;
  /** "02:30 skipped by DST → 03:00", "02:30 again: the clocks went back"; null when the clock ran as usual */
  dst: string | null;
}

/** The next `count` due times after `after`, each with its wall time, offset and any DST move. */
export function upcomingDues(expression: string, timezone: string, after: number, count = 5): UpcomingDue[] {
  const schedule = scheduleOf(expression);
  const clock = zoneClock(timezone);
  const seconds = !schedule.second.every((allowed, i) => allowed === (i === 0));
  const out: UpcomingDue[] = [];
  for (let at = after; out.length < count;) {
    at = dueAfter(expression, timezone, at);
    const offset = clock.offsetAt(at);
    const local = at + offset;
    out.push({ at, wall: wallText(local, seconds), offset: offsetText(offset), dst: dstNote(at, local, seconds) });
  }
  return out;

  function dstNote(at: number, local: number, withSeconds: boolean): string | null {
    if (nextLocalMatch(schedule, local, local + 1) === null) {
      // not a wall time of the schedule: a fixed-time job run at the change that skipped its time
      const change = clock.changeAtOrBefore(at, at - 1);
      const skipped = change ? nextLocalMatch(schedule, at + change.before, at + change.after) : null;
      if (skipped !== null)
        return `${clockText(skipped, withSeconds)} skipped by DST → ${clockText(local, withSeconds)}`;
      return null;
    }
    const d = new Date(local);
    const wall = {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
    };
    const instants = wallInstants(wall, timezone);
    if (instants.length === 2 && instants[1] === at)
      return `${clockText(local, withSeconds)} again: the clocks went back`;
    return null;
  }
}

function wallText(local: number, seconds: boolean): string {
  return `${new Date(local).toISOString().slice(0, 10)} ${clockText(local, seconds)}`;
}

function clockText(local: number, seconds: boolean): string {
  return new Date(local).toISOString().slice(11, seconds ? 19 : 16);
}

function offsetText(offsetMs: number): string {
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  const sign = offsetMs < 0 ? '-' : '+';
  return `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
