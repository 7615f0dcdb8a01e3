import { nextLocalMatch } from './local-match.js';
import { type CronSchedule, parseFields } from './parse-expression.js';
import { type ZoneClock, zoneClock } from './zone-clock.js';

/**
 * The due times of a cron trigger, read one way everywhere: by the daemon to
 * fire, by the watchdog to find missed runs, by catch-up after downtime.
 *
 * A schedule names wall-clock times; the zone's clock shows each once, or
 * not at all (a spring-forward change skips it), or twice (a fall-back
 * repeats it). cronie's cron(8), for changes of less than three hours:
 * - a fixed-time job (no `*` at the start of its minute or hour field,
 *   CronSchedule.fixedTime) whose time was skipped runs right after the
 *   change, once however many of its times were skipped: `30 2 * * *` in
 *   Europe/Berlin on the spring-forward day is due at 03:00 CEST, the
 *   instant of the change. In a repeated hour it runs once, the first time;
 * - any other job runs by the clock: not in the skipped hour, in both passes
 *   of the repeated one (`0 * * * *` runs at 01:00 EDT and 01:00 EST).
 * A change of three hours or more is, to cronie, the clock being set: every
 * job then runs by the new clock.
 *
 * So time is walked in stretches of one offset: in each, a matching wall
 * time L is due at L − offset. Where a stretch begins with a change, the
 * rules above decide what its skipped or repeated wall times do.
 *
 * (node-cron is not used: run through both nights, node-cron 4.6 skips the
 * 02:30 job on the spring-forward day and fires the fall-back 02:30 an hour
 * late, on the second pass; bench/schedule/node-cron-dst.mjs shows it.)
 */
const SMALL_CHANGE_MS = 3 * 3_600_000;

/**
 * How far ahead a due time is looked for: 50 years. The rarest schedule
 * cron can write, the 29th of February on one weekday, comes round at most
 * 40 years apart; checkCron refuses a schedule that never does.
 */
const HORIZON_MS = 50 * 366 * 86_400_000;

/** Parsed schedules: reading one is cheap, but the watchdog asks several questions per agent every minute. */
const parsed = new Map<string, CronSchedule>();
const PARSED_MAX = 1000;

export function scheduleOf(expression: string): CronSchedule {
  let schedule = parsed.get(expression);
  if (schedule === undefined) {
    const read = parseFields(expression.trim().split(/\s+/));
    if (!read.ok) throw new Error(`cron "${expression}": ${read.problem}`);
    schedule = read.schedule;
    if (parsed.size >= PARSED_MAX) parsed.delete(parsed.keys().next().value as string);
    parsed.set(expression, schedule);
  }
  return schedule;
}

/** The first due time strictly after `after`, walking the zone's stretches of one offset. */
function nextDueOf(schedule: CronSchedule, clock: ZoneClock, after: number, expression: string): number {
  const limit = after + HORIZON_MS;
  // the stretch that holds the first instant after `after`: where it began, and the offset before and in it
  const first = after + 1;
  const began = clock.changeAtOrBefore(first, first - SMALL_CHANGE_MS);
  let start = began?.at ?? Number.NEGATIVE_INFINITY;
  let offset = began?.after ?? clock.offsetAt(first);
  let before = began?.before ?? offset;
  for (;;) {
    const jump = offset - before;
    const small = Math.abs(jump) < SMALL_CHANGE_MS;
    // a fixed-time job whose wall time this change skipped runs at the change
    if (start > after && schedule.fixedTime && jump > 0 && small) {
      if (nextLocalMatch(schedule, start + before, start + offset) !== null) return start;
    }
    let from = Math.max(after + 1, start) + offset;
    // a fixed-time job ran in the first pass of the wall times this change repeats
    if (schedule.fixedTime && jump < 0 && small) from = Math.max(from, start + before);
    const local = nextLocalMatch(schedule, from, limit + offset);
    if (local === null) break;
    const due = local - offset;
    const change = clock.changeAfter(Math.max(after, start), due);
    if (change === null) return due;
    // the stretch ended before that wall time came round: walk on into the next one
    start = change.at;
    before = change.before;
    offset = change.after;
    if (start > limit) break;
  }
  throw new Error(`cron "${expression}" is never due in the 50 years after ${new Date(after).toISOString()}`);
}

/** The first due time strictly after `after` (epoch ms). */
export function dueAfter(expression: string, timezone: string, after: number): number {
  return nextDueOf(scheduleOf(expression), zoneClock(timezone), after, expression);
}

/** Due times in (after, until], oldest first, at most `max`. */
export function dueTimesIn(expression: string, timezone: string, after: number, until: number, max = 1000): number[] {
  const out: number[] = [];
  if (!(after < until)) return out;
  const schedule = scheduleOf(expression);
  const clock = zoneClock(timezone);
  for (let due = nextDueOf(schedule, clock, after, expression); due <= until && out.length < max;) {
    out.push(due);
    due = nextDueOf(schedule, clock, due, expression);
  }
  return out;
}

/**
 * The latest due time in (after, until], or null. Looks back in growing
 * windows (from `firstWindowMs`: about two of the schedule's gaps, when the
 * caller knows them), so a seconds schedule over a six-hour deadline costs a
 * few slots, not twenty thousand.
 */
export function lastDueIn(
  expression: string,
  timezone: string,
  after: number,
  until: number,
  firstWindowMs = 60_000,
): number | null {
  let window = Math.max(1000, firstWindowMs);
  for (;;) {
    const from = Math.max(after, until - window);
    const times = dueTimesIn(expression, timezone, from, until, Number.MAX_SAFE_INTEGER);
    if (times.length > 0) return times[times.length - 1] as number;
    if (from === after) return null;
    window *= 16;
  }
}

/**
 * A run that started at `startedAt` is the run of `due` (or a later one).
 * A skipped wall time is due at the change itself, where cronie runs it, so
 * a run started then is on time; no allowance for early starts is needed.
 */
export function startCovers(startedAt: number, due: number): boolean {
  return startedAt >= due;
}

/**
 * The first due time after `after` that a run started at `lastStart` does not
 * account for: the first one after both.
 */
export function firstUncoveredDue(
  expression: string,
  timezone: string,
  after: number,
  lastStart: number | null,
): number {
  return dueAfter(expression, timezone, lastStart === null ? after : Math.max(after, lastStart));
}
