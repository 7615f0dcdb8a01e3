import cronstrue from 'cronstrue';
import { dueAfter, dueTimesIn } from './due-times.js';
import { everRuns } from './local-match.js';
import { parseFields } from './parse-expression.js';

/**
 * Cron expressions as agent files write them: five fields (minute hour
 * day-of-month month day-of-week), a sixth leading seconds field for
 * seconds-resolution schedules, or one of the @-macros. Validation explains
 * the first bad field in words, because "Constraint error" helps nobody.
 */
const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export type CronCheck = { ok: true; expression: string } | { ok: false; problem: string };

/**
 * Expands a macro and checks the expression as cronie would
 * (parse-expression.ts); `expression` is the five- or six-field form.
 */
export function checkCron(text: string): CronCheck {
  const trimmed = text.trim();
  if (trimmed.startsWith('@')) {
    const expanded = MACROS[trimmed.toLowerCase()];
    if (!expanded) {
      return { ok: false, problem: `unknown macro ${trimmed}: expected one of ${Object.keys(MACROS).join(', ')}` };
    }
    return { ok: true, expression: expanded };
  }
  const fields = trimmed.split(/\s+/);
  const read = parseFields(fields);
  if (!read.ok) return read;
  if (!everRuns(read.schedule)) return { ok: false, problem: 'that day of the month never occurs in the months given' };
  return { ok: true, expression: fields.join(' ') };
}

/** The first due time strictly after `from`, in the agent's own zone (DST read as cronie does: due-times.ts). */
export function nextDue(expression: string, timezone: string, from: Date): Date {
  return new Date(dueAfter(expression, timezone, from.getTime()));
}

/** Due times in (after, until], oldest first, at most `max` of them. */
export function dueTimesBetween(expression: string, timezone: string, after: Date, until: Date, max = 1000): Date[] {
  return dueTimesIn(expression, timezone, after.getTime(), until.getTime(), max).map((due) => new Date(due));
}

/** "every day at 23:00", "at 09:00, only on Monday", "every 15 minutes". */
export function describeCron(expression: string): string {
  let text: string;
  try {
    text = cronstrue.toString(expression, { use24HourTimeFormat: true, verbose: false });
  } catch {
    return `cron ${expression}`;
  }
  const daily = /^At (\d\d:\d\d)$/.exec(text);
  if (daily) return `every day at ${daily[1]}`;
  return text.charAt(0).toLowerCase() + text.slice(1);
}
