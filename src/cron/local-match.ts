import type { CronSchedule } from './parse-expression.js';

/**
 * Matching on the wall clock alone, with no zone: a local time is a number
 * of milliseconds read as if it were UTC (2026-03-29 02:30 is
 * Date.UTC(2026, 2, 29, 2, 30)), so calendar arithmetic is Date's UTC
 * arithmetic. The zone comes in later (due-times.ts), when a local time is
 * turned into the instant(s) the zone's clock shows it.
 */

/** Does the schedule run on this calendar day (month and the two day fields)? */
export function dayMatches(schedule: CronSchedule, month: number, day: number, weekday: number): boolean {
  if (!schedule.month[month]) return false;
  const byDate = schedule.dayOfMonth[day] === true;
  const byWeekday = schedule.dayOfWeek[weekday] === true;
  return schedule.daysAnded ? byDate && byWeekday : byDate || byWeekday;
}

/**
 * The first local time in [from, until) the schedule matches, or null. Skips
 * a month, a day, an hour or a minute at a time, so a year of a rare
 * schedule is a few hundred steps.
 */
export function nextLocalMatch(schedule: CronSchedule, from: number, until: number): number | null {
  let at = Math.ceil(from / 1000) * 1000;
  while (at < until) {
    const d = new Date(at);
    const year = d.getUTCFullYear();
    const month = d.getUTCMonth();
    const day = d.getUTCDate();
    if (!schedule.month[month + 1]) {
      at = Date.UTC(year, month + 1, 1);
      continue;
    }
    if (!dayMatches(schedule, month + 1, day, d.getUTCDay())) {
      at = Date.UTC(year, month, day + 1);
      continue;
    }
    const hour = d.getUTCHours();
    const nextHour = schedule.nextHour[hour]!;
    if (nextHour !== hour) {
      at = nextHour < 0 ? Date.UTC(year, month, day + 1) : Date.UTC(year, month, day, nextHour);
      continue;
    }
    const minute = d.getUTCMinutes();
    const nextMinute = schedule.nextMinute[minute]!;
    if (nextMinute !== minute) {
      at = nextMinute < 0 ? Date.UTC(year, month, day, hour + 1) : Date.UTC(year, month, day, hour, nextMinute);
      continue;
    }
    const second = d.getUTCSeconds();
    const nextSecond = schedule.nextSecond[second]!;
    if (nextSecond !== second) {
      at =
        nextSecond < 0
          ? Date.UTC(year, month, day, hour, minute + 1)
          : Date.UTC(year, month, day, hour, minute, nextSecond);
      continue;
    }
    return at;
  }
  return null;
}

const LONGEST_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Can the schedule ever run? Only not when its days are ANDed and no month
 * it names has a day of the month it names (`0 0 30 2 *`): over the
 * Gregorian calendar's 400 years every date falls on every weekday, and
 * when the day fields are ORed every month has every weekday.
 */
export function everRuns(schedule: CronSchedule): boolean {
  if (!schedule.daysAnded) return true;
  for (let month = 1; month <= 12; month++) {
    if (!schedule.month[month]) continue;
    for (let day = 1; day <= LONGEST_MONTH[month]!; day++) if (schedule.dayOfMonth[day]) return true;
  }
  return false;
}
