import { cronExpressionParser } from './cron-parser.js';
import cronstrue from 'cronstrue';
import { dueAfter, dueTimesIn } from './due-times.js';

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

const FIVE = ['minute', 'hour', 'day of month', 'month', 'day of week'] as const;
const SIX = ['second', ...FIVE] as const;

export type CronCheck = { ok: true; expression: string } | { ok: false; problem: string };

/** Expands a macro and checks the expression; `expression` is the five- or six-field form. */
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
  if (fields.length !== 5 && fields.length !== 6) {
    return {
      ok: false,
      problem: `expected 5 fields (minute hour day-of-month month day-of-week), got ${fields.length}`,
    };
  }
  // The common case, a good expression, costs one parse; a bad one is probed field by field to name the culprit.
  if (parseProblem(fields.join(' ')) === null) return { ok: true, expression: fields.join(' ') };
  const names = fields.length === 6 ? SIX : FIVE;
  for (let i = 0; i < fields.length; i++) {
    const probe = fields.map((field, j) => (j === i ? field : '*')).join(' ');
    const problem = parseProblem(probe);
    if (problem) return { ok: false, problem: explain(names[i]!, fields[i]!, problem) };
  }
  const whole = parseProblem(fields.join(' '));
  if (whole)
    return {
      ok: false,
      problem: whole.includes('day of month') ? 'that day of the month never occurs in the months given' : whole,
    };
  return { ok: true, expression: fields.join(' ') };
}

function parseProblem(expression: string): string | null {
  try {
    cronExpressionParser().parse(expression);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function explain(field: string, value: string, problem: string): string {
  const range = /got value (\S+) expected range (\S+)/.exec(problem);
  if (range) return `${field} ${range[1]} is outside ${range[2]}`;
  if (/Invalid characters/.test(problem)) return `${field} "${value}" is not a number, range, list or step`;
  return `${field} "${value}": ${problem}`;
}

/** The first due time strictly after `from`, in the agent's own zone (DST read as Vixie cron does). */
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
