/**
 * A cron expression read as cronie (Vixie cron 4) reads it, into the values
 * each field allows. Five fields (minute hour day-of-month month
 * day-of-week), or six with a leading seconds field (nightshift's own, for
 * seconds-resolution schedules).
 *
 * - a field is a list of parts split by commas; duplicates and overlaps are
 *   allowed (`5,5,1-6`, `*\/100,1-7`);
 * - a part is `*`, a number, a range `a-b` (never backwards), each optionally
 *   followed by a step `/n` (n ≥ 1; `*\/n` and `a-b/n` only: cronie has no
 *   `a/n`);
 * - months and days of the week may be named (JAN…DEC, SUN…SAT, any case),
 *   in ranges too; day of week 7 is Sunday, like 0;
 * - `L`, `W`, `#` and `?` (Quartz's last day, nearest weekday, nth weekday,
 *   no value) are not cron's and are refused by name.
 *
 * Whether a field starts with `*` is kept: it decides how the two day
 * fields combine and how a job meets daylight saving (see CronSchedule).
 */
export interface CronSchedule {
  /** one flag per value: second and minute 0-59, hour 0-23, dayOfMonth 1-31, month 1-12, dayOfWeek 0-6 (Sunday 0) */
  second: readonly boolean[];
  minute: readonly boolean[];
  hour: readonly boolean[];
  dayOfMonth: readonly boolean[];
  month: readonly boolean[];
  dayOfWeek: readonly boolean[];
  /** the smallest allowed value at or after each value, -1 when none: a match skips ahead field by field */
  nextSecond: readonly number[];
  nextMinute: readonly number[];
  nextHour: readonly number[];
  /**
   * cronie: when either day field starts with `*` (`*`, `*\/2`) a day must
   * match both; when both are restricted, either one. `0 0 1 * MON` runs on
   * the 1st and on Mondays; `0 0 1-7 * *\/7` on the first Sunday only.
   */
  daysAnded: boolean;
  /**
   * No `*` at the start of the second, minute or hour field (`30 2 * * *`,
   * `0 9,17 * * 1-5`). cronie runs such a job once per wall time across
   * daylight saving: right after a spring-forward change when its time was
   * skipped, and not again when a fall-back repeats it. Other jobs run by the
   * clock: not in a skipped hour, again in a repeated one.
   */
  fixedTime: boolean;
}

export type ParsedCron = { ok: true; schedule: CronSchedule } | { ok: false; problem: string };

interface FieldSpec {
  name: string;
  low: number;
  high: number;
  names?: readonly string[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const SECOND: FieldSpec = { name: 'second', low: 0, high: 59 };
const FIVE: readonly FieldSpec[] = [
  { name: 'minute', low: 0, high: 59 },
  { name: 'hour', low: 0, high: 23 },
  { name: 'day of month', low: 1, high: 31 },
  { name: 'month', low: 1, high: 12, names: MONTHS },
  { name: 'day of week', low: 0, high: 7, names: WEEKDAYS },
];

type FieldResult = { ok: true; values: boolean[]; star: boolean } | { ok: false; problem: string };

/** The fields of a five- or six-field expression (already split on white space). */
export function parseFields(fields: readonly string[]): ParsedCron {
  if (fields.length !== 5 && fields.length !== 6) {
    return {
      ok: false,
      problem: `expected 5 fields (minute hour day-of-month month day-of-week), got ${fields.length}`,
    };
  }
  const specs = fields.length === 6 ? [SECOND, ...FIVE] : FIVE;
  const read: Array<{ values: boolean[]; star: boolean }> = [];
  for (let i = 0; i < fields.length; i++) {
    const field = parseField(specs[i]!, fields[i]!);
    if (!field.ok) return field;
    read.push(field);
  }
  const [second, minute, hour, dayOfMonth, month, dayOfWeek] =
    fields.length === 6 ? read : [{ values: flags(0, 59, [0]), star: false }, ...read];
  const weekdays = dayOfWeek!.values.slice(0, 7);
  if (dayOfWeek!.values[7]) weekdays[0] = true;
  return {
    ok: true,
    schedule: {
      second: second!.values,
      minute: minute!.values,
      hour: hour!.values,
      dayOfMonth: dayOfMonth!.values,
      month: month!.values,
      dayOfWeek: weekdays,
      nextSecond: nextTable(second!.values),
      nextMinute: nextTable(minute!.values),
      nextHour: nextTable(hour!.values),
      daysAnded: dayOfMonth!.star || dayOfWeek!.star,
      fixedTime: !second!.star && !minute!.star && !hour!.star,
    },
  };
}

function flags(low: number, high: number, values: readonly number[]): boolean[] {
  const out = new Array<boolean>(high + 1).fill(false);
  for (const value of values) if (value >= low && value <= high) out[value] = true;
  return out;
}

function nextTable(values: readonly boolean[]): number[] {
  const out = new Array<number>(values.length).fill(-1);
  let next = -1;
  for (let value = values.length - 1; value >= 0; value--) {
    if (values[value]) next = value;
    out[value] = next;
  }
  return out;
}

const NOT_CRON = 'is not a number, range, list or step';

function parseField(spec: FieldSpec, text: string): FieldResult {
  const values = new Array<boolean>(spec.high + 1).fill(false);
  for (const part of text.split(',')) {
    const problem = parsePart(spec, text, part, values);
    if (problem) return { ok: false, problem };
  }
  return { ok: true, values, star: text.startsWith('*') };
}

/** Sets the part's values; returns what is wrong with it, or null. */
function parsePart(spec: FieldSpec, text: string, part: string, values: boolean[]): string | null {
  const { name } = spec;
  if (part === '') return `${name} "${text}" has an empty item in its list`;
  const foreign = foreignSyntax(spec, part);
  if (foreign) return `${name} "${text}": ${foreign}`;
  const match = /^(?:(\*)|([A-Za-z0-9]+)(?:-([A-Za-z0-9]+))?)(?:\/(.*))?$/.exec(part);
  if (!match) return `${name} "${text}" ${NOT_CRON}`;
  const [, star, from, to, step] = match;
  let low = spec.low;
  let high = spec.high;
  if (!star) {
    const first = valueOf(spec, from!);
    if (typeof first === 'string') return first === NOT_CRON ? `${name} "${text}" ${NOT_CRON}` : first;
    low = first;
    high = first;
    if (to !== undefined) {
      const last = valueOf(spec, to);
      if (typeof last === 'string') return last === NOT_CRON ? `${name} "${text}" ${NOT_CRON}` : last;
      if (last < first)
        return `${name} "${text}": the range ${from}-${to} runs backwards (write ${to}-${from}, or a list)`;
      high = last;
    } else if (step !== undefined) {
      return `${name} "${text}": a step needs a range or * before it (${from}-${spec.high}/${step}, or */${step})`;
    }
  }
  let every = 1;
  if (step !== undefined) {
    if (!/^\d+$/.test(step) || Number(step) < 1)
      return `${name} "${text}": the step "${step}" must be a whole number, 1 or more`;
    every = Number(step);
  }
  for (let value = low; value <= high; value += every) values[value] = true;
  return null;
}

/** A number in the field's range, a name it allows, or the problem. */
function valueOf(spec: FieldSpec, token: string): number | string {
  if (/^\d+$/.test(token)) {
    const value = Number(token);
    if (value < spec.low || value > spec.high) return `${spec.name} ${value} is outside ${spec.low}-${spec.high}`;
    return value;
  }
  const named = spec.names?.indexOf(token.toUpperCase()) ?? -1;
  if (named < 0) return NOT_CRON;
  return spec.names === MONTHS ? named + 1 : named;
}

/** Quartz syntax cronie does not have, refused by name so the message says where it comes from. */
function foreignSyntax(spec: FieldSpec, part: string): string | null {
  if (part === '?') return '"?" (no value) is Quartz syntax, not cron\'s: write *';
  if (part.includes('#')) return '"#" (the nth weekday of the month) is Quartz syntax, not cron\'s; cronie has none';
  if (spec.name === 'day of month' && /^(?:L|LW|\d*W|L-\d+)$/i.test(part))
    return '"L" and "W" (last day, nearest weekday) are Quartz syntax, not cron\'s; cronie has neither';
  if (spec.name === 'day of week' && /^\d?L$/i.test(part))
    return '"L" (the last such weekday of the month) is Quartz syntax, not cron\'s; cronie has none';
  return null;
}
