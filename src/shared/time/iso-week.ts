import { wallTime, zonedToUtc } from './zoned.js';

/**
 * ISO 8601 weeks (Monday to Sunday; week 1 holds the year's first Thursday),
 * for `review --week 2026-W47`. A week is counted in a named zone, so "the
 * week of the Monday review" starts at Monday 00:00 where the operator lives.
 */
export interface IsoWeek {
  year: number;
  week: number;
}

const DAY_MS = 86_400_000;

/** Day of the week of a calendar date, ISO numbering: Monday 1 … Sunday 7. */
function isoWeekday(year: number, month: number, day: number): number {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** 53 when the year starts on a Thursday, or is a leap year starting on a Wednesday; else 52. */
export function isoWeeksInYear(year: number): number {
  const jan1 = isoWeekday(year, 1, 1);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

/** The ISO week a calendar date falls in (early January may belong to the previous year's last week). */
export function isoWeekOfDate(year: number, month: number, day: number): IsoWeek {
  // the Thursday of the same week decides the year
  const thursday = Date.UTC(year, month - 1, day) + (4 - isoWeekday(year, month, day)) * DAY_MS;
  const weekYear = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(weekYear, 0, 1)) / DAY_MS / 7) + 1;
  return { year: weekYear, week };
}

/** The ISO week of an instant, in the zone. */
export function isoWeekOf(at: Date | number, timeZone: string): IsoWeek {
  const w = wallTime(at, timeZone);
  return isoWeekOfDate(w.year, w.month, w.day);
}

/** "2026-W47". */
export function formatIsoWeek(week: IsoWeek): string {
  return `${String(week.year).padStart(4, '0')}-W${String(week.week).padStart(2, '0')}`;
}

/** `2026-W47` (or `2026-w47`); null for anything else, and for a week the year does not have. */
export function parseIsoWeek(text: string): IsoWeek | null {
  const match = /^(\d{4})-[Ww](\d{2})$/.exec(text.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (week < 1 || week > isoWeeksInYear(year)) return null;
  return { year, week };
}

/** [Monday 00:00, next Monday 00:00) of the week in the zone: 7 local days, 167 to 169 hours across DST. */
export function isoWeekRange(week: IsoWeek, timeZone: string): { start: Date; end: Date } {
  // January 4th is always in week 1
  const jan4 = Date.UTC(week.year, 0, 4);
  const monday = jan4 - (isoWeekday(week.year, 1, 4) - 1) * DAY_MS + (week.week - 1) * 7 * DAY_MS;
  const at = (ms: number) => {
    const d = new Date(ms);
    return zonedToUtc(
      { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0, minute: 0 },
      timeZone,
    );
  };
  return { start: at(monday), end: at(monday + 7 * DAY_MS) };
}
