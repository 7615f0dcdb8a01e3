import { UsageError } from '../shared/index.js';
import { dayKey, formatIsoWeek, isoWeekOf, isoWeekRange, parseIsoWeek, wallTime, zonedToUtc } from '../shared/index.js';
import { localMinute } from './history-time.js';

/**
 * Which week a review covers, in whole local days of the home's zone. By
 * default the 7 days before today and today so far — on a Monday morning
 * that is last week plus last night's runs, which is what the reader wants
 * to see; `--week 2026-W47` names an ISO week (Monday 00:00 to Monday 00:00)
 * for a review done late or looked up later. Whole days, because the week's
 * numbers are the sums of the journal index's day rows: no run is re-read.
 */
export interface ReviewWindow {
  /** [from, to): runs that ended in it belong to the review; `from` is a local midnight */
  from: string;
  to: string;
  /** the local days it spans, "YYYY-MM-DD", both included: the journal index's rows it sums */
  firstDay: string;
  lastDay: string;
  /** "2026-W47", or null for the default 7 days */
  week: string | null;
  label: string;
  /** false while the named week is still going on */
  complete: boolean;
}

export function weekRange(week: string | undefined, now: Date, timeZone: string): ReviewWindow {
  if (week === undefined) {
    const w = wallTime(now, timeZone);
    // midnight 7 local days before today: 7 days even across a DST change
    const weekAgo = new Date(Date.UTC(w.year, w.month - 1, w.day - 7));
    const from = zonedToUtc(
      {
        year: weekAgo.getUTCFullYear(),
        month: weekAgo.getUTCMonth() + 1,
        day: weekAgo.getUTCDate(),
        hour: 0,
        minute: 0,
      },
      timeZone,
    );
    return {
      from: from.toISOString(),
      to: now.toISOString(),
      firstDay: dayKey(from, timeZone),
      lastDay: dayKey(now, timeZone),
      week: null,
      label: `the 7 days before today and today so far (${localMinute(from, timeZone)} to ${localMinute(now, timeZone)} ${timeZone})`,
      complete: true,
    };
  }
  const parsed = parseIsoWeek(week);
  const current = formatIsoWeek(isoWeekOf(now, timeZone));
  if (!parsed) {
    throw new UsageError(`--week: "${week}" is not an ISO week: expected YYYY-Www, like ${current} (this week)`, {
      field: '--week',
      actual: week,
      expected: 'YYYY-Www',
    });
  }
  const { start, end } = isoWeekRange(parsed, timeZone);
  const name = formatIsoWeek(parsed);
  if (start.getTime() > now.getTime()) {
    throw new UsageError(
      `--week: ${name} has not begun yet (this is ${current} in ${timeZone}): expected this week or an earlier one`,
      { field: '--week', actual: week, expected: `${current} or earlier` },
    );
  }
  const complete = end.getTime() <= now.getTime();
  const lastDay = localMinute(new Date(end.getTime() - 1), timeZone).slice(0, 10);
  return {
    from: start.toISOString(),
    to: end.toISOString(),
    firstDay: dayKey(start, timeZone),
    lastDay: dayKey(end.getTime() - 1, timeZone),
    week: name,
    label: `week ${name} (${localMinute(start, timeZone).slice(0, 10)} to ${lastDay} ${timeZone}${complete ? '' : ', so far'})`,
    complete,
  };
}
