import { type CronExpression, cronExpressionParser } from './cron-parser.js';
import { zoneOffset } from '../shared/index.js';

/**
 * The due times of a cron trigger, read one way everywhere: by the daemon to
 * fire, by the watchdog to find missed runs, by catch-up after downtime.
 *
 * cron-parser's forward iteration gives Vixie cron's answers across DST (a
 * 02:30 job on the spring-forward day is due at 03:30; a 01:30 job on the
 * fall-back day is due once) only when it starts before the transition:
 * started inside a repeated hour it yields the second 01:30 too, and its
 * backward iteration skips or doubles slots. So every question here iterates
 * forward, from a point safely before any transition near it.
 *
 * (node-cron is not used: run through both nights, node-cron 4.6 skips the
 * 02:30 job on the spring-forward day and fires the fall-back 02:30 an hour
 * late, on the second pass; bench/schedule/node-cron-dst.mjs shows it.)
 */
const SETTLE_MS = 3 * 3_600_000;

/** Where to start iterating so that the slots after `from` come out as they do from far before. */
function startFor(timezone: string, from: number): number {
  return zoneOffset(from - SETTLE_MS, timezone) === zoneOffset(from + SETTLE_MS, timezone) ? from : from - SETTLE_MS;
}

/**
 * Parsing costs a millisecond (cron-parser builds luxon dates); the watchdog
 * asks a handful of questions per agent every minute. Parsed expressions are
 * kept and rewound. Iteration is synchronous, so one shared instance per
 * schedule is never used by two callers at once.
 */
const parsed = new Map<string, CronExpression>();
const PARSED_MAX = 1000;

function iterate(expression: string, timezone: string, from: number): CronExpression {
  const key = `${expression}\n${timezone}`;
  const start = new Date(startFor(timezone, from));
  let it = parsed.get(key);
  if (it === undefined) {
    it = cronExpressionParser().parse(expression, { tz: timezone, currentDate: start });
    if (parsed.size >= PARSED_MAX) parsed.delete(parsed.keys().next().value as string);
    parsed.set(key, it);
  } else it.reset(start);
  return it;
}

/** The first due time strictly after `after` (epoch ms). */
export function dueAfter(expression: string, timezone: string, after: number): number {
  const it = iterate(expression, timezone, after);
  for (;;) {
    const due = it.next().toDate().getTime();
    if (due > after) return due;
  }
}

/** Due times in (after, until], oldest first, at most `max`. */
export function dueTimesIn(expression: string, timezone: string, after: number, until: number, max = 1000): number[] {
  const out: number[] = [];
  if (!(after < until)) return out;
  const it = iterate(expression, timezone, after);
  while (out.length < max) {
    const due = it.next().toDate().getTime();
    if (due > until) break;
    if (due > after) out.push(due);
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
 * How early a run may start and still be the run of `due`: when the clock
 * jumped forward within the hours before it, Vixie cron runs the jobs of the
 * skipped hour right after the jump, before the slot cron-parser names.
 */
export function earlyAllowance(timezone: string, due: number): number {
  return Math.max(0, zoneOffset(due, timezone) - zoneOffset(due - SETTLE_MS, timezone));
}

/** A run that started at `startedAt` is the run of `due` (or a later one). */
export function startCovers(timezone: string, startedAt: number, due: number): boolean {
  return startedAt >= due - earlyAllowance(timezone, due);
}

/**
 * The first due time after `after` that a run started at `lastStart` does not
 * account for.
 */
export function firstUncoveredDue(
  expression: string,
  timezone: string,
  after: number,
  lastStart: number | null,
): number {
  let due = dueAfter(expression, timezone, lastStart === null ? after : Math.max(after, lastStart));
  while (lastStart !== null && startCovers(timezone, lastStart, due)) due = dueAfter(expression, timezone, due);
  return due;
}
