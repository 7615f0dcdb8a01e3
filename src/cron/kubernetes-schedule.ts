import { checkCron } from './cron.js';
import { parseFields } from './parse-expression.js';

/**
 * A nightshift cron expression as a Kubernetes CronJob's `schedule`, or why
 * there is none that means the same. Kubernetes reads schedules with the Go
 * library robfig/cron (v3, its standard five-field parser), whose rules are
 * close to cronie's but not equal:
 *
 * - five fields only: nightshift's leading seconds field has no counterpart
 *   (a CronJob starts at most once a minute), so such an agent is not
 *   exported;
 * - day of week is 0-6: cronie's 7 for Sunday is refused there, so a field
 *   that uses 7 is written out as the list of days it allows (7 becomes 0);
 * - the two day fields: cronie ANDs them when either field starts with `*`
 *   (`*\/2` included); robfig ANDs them when either field has a bare `*` part
 *   (in v3 a `*` with a step over 1 no longer counts). Where the two readings
 *   differ no schedule says the same, and the agent is not exported.
 *
 * Everything else (names, ranges, steps, lists, @macros expanded by
 * checkCron) reads the same in both, once nightshift has accepted it.
 */
export type KubernetesSchedule = { ok: true; schedule: string } | { ok: false; problem: string };

const WEEKDAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export function kubernetesSchedule(text: string): KubernetesSchedule {
  const check = checkCron(text);
  if (!check.ok) return check;
  const fields = check.expression.split(' ');
  if (fields.length === 6) {
    return {
      ok: false,
      problem:
        `"${text}" has a seconds field (a nightshift extension); a Kubernetes CronJob starts at most once a minute ` +
        'and takes five fields: write the schedule in whole minutes to export it',
    };
  }
  const parsed = parseFields(fields);
  if (!parsed.ok) return parsed;
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields as [string, string, string, string, string];
  const robfigAnded = hasBareStar(dayOfMonth) || hasBareStar(dayOfWeek);
  if (robfigAnded !== parsed.schedule.daysAnded) {
    const cronie = parsed.schedule.daysAnded ? 'AND (one of them starts with *)' : 'OR (neither starts with *)';
    const robfig = robfigAnded ? 'AND' : 'OR';
    return {
      ok: false,
      problem:
        `day of month "${dayOfMonth}" and day of week "${dayOfWeek}": cron combines them with ${cronie}, ` +
        `Kubernetes with ${robfig} (only a bare * counts there); no Kubernetes schedule means the same: ` +
        'list the days instead (e.g. 1,15 rather than */14)',
    };
  }
  const weekdays = usesSeven(dayOfWeek) ? listOf(parsed.schedule.dayOfWeek) : dayOfWeek;
  return { ok: true, schedule: [minute, hour, dayOfMonth, month, weekdays].join(' ') };
}

/** A part that is `*` or `*\/1`: robfig's "star" that makes the two day fields combine with AND. */
function hasBareStar(field: string): boolean {
  return field.split(',').some((part) => part === '*' || part === '*/1');
}

/** A value (not a step) of 7 anywhere in a day-of-week field: robfig's range ends at 6. */
function usesSeven(field: string): boolean {
  return field.split(',').some((part) => {
    const range = part.split('/')[0]!;
    return range.split('-').some((bound) => /^\d+$/.test(bound) && Number(bound) === 7);
  });
}

/** The allowed weekdays (Sunday 0) as a list of names: the same days, written so robfig reads them. */
function listOf(weekdays: readonly boolean[]): string {
  return WEEKDAY_NAMES.filter((_, day) => weekdays[day]).join(',');
}
