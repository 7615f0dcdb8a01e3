import { describe, expect, test } from 'vitest';
import { dueAfter, firstUncoveredDue, lastDueIn } from '../../src/cron/index.js';
import { dueTimesIn } from '../../src/cron/due-times.js';

/**
 * Issue 14, point 4: every zone the runtime knows, every offset change from
 * 2020 to 2040. The changes are found here on their own (Intl's
 * "GMT+10:30" names, read daily and narrowed to the second), not with the
 * engine's tables. For each change, over the two days either side, a set of
 * expressions — fixed times in and around the hour of the change (:00, :30
 * and the change's own minute), `*\/15 * * * *`, `0 * * * *`, `30 * * * *`,
 * an hour range and lists — must give exactly the due times worked out here
 * slot by slot from cronie's rules:
 * - a wildcard job (minute or hour starts with `*`) runs at every instant
 *   whose wall time matches: none in a skipped stretch, both passes of a
 *   repeated one;
 * - a fixed-time job runs at the one instant showing its wall time; at the
 *   first of two; at the change when its wall time was skipped (once,
 *   however many were); changes of three hours or more are clock settings,
 *   after which every job runs by the new clock.
 * So no function throws, no due time repeats, due times strictly increase,
 * and a daily fixed-time job runs exactly once on each calendar day. Zones
 * with no change in those years are checked on one ordinary window.
 */
const ZONES = Intl.supportedValuesOf('timeZone');
const FIRST = Date.UTC(2020, 0, 1);
const LAST = Date.UTC(2041, 0, 1);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SMALL = 3 * HOUR;

interface Change {
  at: number;
  before: number;
  after: number;
}

/** A zone's offset at an instant, from Intl's long offset name ("GMT", "GMT+10:30", "GMT-03:00"). */
function offsetReader(zone: string): (at: number) => number {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  return (at) => {
    const match = /GMT(?:([+-])(\d\d):(\d\d)(?::(\d\d))?)?$/.exec(format.format(at));
    if (!match) throw new Error(`unreadable offset for ${zone}: ${format.format(at)}`);
    if (match[1] === undefined) return 0;
    const size = Number(match[2]) * HOUR + Number(match[3]) * MINUTE + Number(match[4] ?? 0) * 1000;
    return match[1] === '-' ? -size : size;
  };
}

function changesOf(zone: string): Change[] {
  const offset = offsetReader(zone);
  const out: Change[] = [];
  let low = FIRST;
  let lowOffset = offset(low);
  // read at noon UTC, not midnight (the engine reads at midnight): the two do not share their blind spots
  for (let high = FIRST + DAY / 2; high <= LAST; high += DAY) {
    const highOffset = offset(high);
    if (highOffset !== lowOffset) {
      let a = low;
      let b = high;
      while (b - a > 1000) {
        const mid = a + Math.floor((b - a) / 2000) * 1000;
        if (offset(mid) === lowOffset) a = mid;
        else b = mid;
      }
      out.push({ at: b, before: lowOffset, after: offset(b) });
    }
    low = high;
    lowOffset = highOffset;
  }
  return out;
}

/** The values of a minute or hour field written with numbers, ranges, `*` and steps. */
function values(field: string, high: number): Set<number> {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const [range, step] = part.split('/');
    const [a, b] = range === '*' ? [0, high] : range!.split('-').map(Number);
    for (let v = a!; v <= (b ?? a)!; v += Number(step ?? 1)) out.add(v);
  }
  return out;
}

/** What cronie does with `minute hour * * *` across one change (or none), worked out slot by slot. */
function expected(expression: string, change: Change, from: number, until: number): number[] {
  const [minuteField, hourField] = expression.split(' ') as [string, string];
  const minutes = values(minuteField, 59);
  const hours = values(hourField, 23);
  const offsetAt = (t: number) => (t < change.at ? change.before : change.after);
  const out = new Set<number>();
  if (minuteField.startsWith('*') || hourField.startsWith('*')) {
    // by the clock: every instant whose wall time matches
    for (let t = Math.ceil((from + 1) / MINUTE) * MINUTE; t <= until; t += MINUTE) {
      const wall = t + offsetAt(t);
      if (minutes.has(Math.floor(wall / MINUTE) % 60) && hours.has(Math.floor(wall / HOUR) % 24)) out.add(t);
    }
  } else {
    const jump = change.after - change.before;
    const small = Math.abs(jump) < SMALL;
    for (let day = Math.floor((from - DAY) / DAY) * DAY; day <= until + DAY; day += DAY) {
      for (const hour of [...hours].sort((a, b) => a - b)) {
        for (const minute of [...minutes].sort((a, b) => a - b)) {
          const wall = day + hour * HOUR + minute * MINUTE;
          const first = wall - change.before < change.at ? wall - change.before : null;
          const second = wall - change.after >= change.at ? wall - change.after : null;
          if (first !== null) out.add(first);
          if (second !== null && (first === null || !small)) out.add(second);
          if (first === null && second === null && small) out.add(change.at);
        }
      }
    }
  }
  return [...out].filter((t) => t > from && t <= until).sort((a, b) => a - b);
}

/** The expressions for one change: fixed times around its hour, wildcards, a range and lists. */
function expressionsFor(change: Change): string[] {
  const clock = (t: number) => ({ hour: Math.floor(t / HOUR) % 24, minute: Math.floor(t / MINUTE) % 60 });
  const old = clock(change.at + change.before);
  const now = clock(change.at + change.after);
  const hours = new Set<number>();
  for (const hour of [old.hour, now.hour]) for (const h of [hour - 1, hour, hour + 1]) hours.add((h + 24) % 24);
  const out = new Set<string>(['*/15 * * * *', '0 * * * *', '30 * * * *']);
  for (const hour of hours) {
    out.add(`0 ${hour} * * *`);
    out.add(`30 ${hour} * * *`);
  }
  out.add(`${old.minute} ${old.hour} * * *`);
  out.add(`${now.minute} ${now.hour} * * *`);
  const low = Math.max(0, old.hour - 2);
  const high = Math.min(23, old.hour + 2);
  out.add(`0 ${low}-${high} * * *`);
  out.add(`15,45 ${[...new Set([old.hour, now.hour])].join(',')} * * *`);
  out.add(`*/30 ${low}-${high} * * *`);
  return [...out];
}

const daily = (expression: string) => /^\d+ \d+ \* \* \*$/.test(expression);

/** Every disagreement with the rules for one change's window, as lines to read. */
function problemsAround(zone: string, change: Change, from: number, until: number): string[] {
  const problems: string[] = [];
  for (const expression of expressionsFor(change)) {
    const where = `${zone} change at ${new Date(change.at).toISOString()} "${expression}"`;
    let actual: number[];
    try {
      actual = dueTimesIn(expression, zone, from, until, 100_000);
    } catch (error) {
      problems.push(`${where}: dueTimesIn threw ${String(error)}`);
      continue;
    }
    for (let i = 1; i < actual.length; i++) {
      if (!(actual[i]! > actual[i - 1]!)) problems.push(`${where}: not strictly increasing at ${i}`);
    }
    const want = expected(expression, change, from, until);
    if (JSON.stringify(actual) !== JSON.stringify(want)) {
      const show = (list: number[]) => list.map((t) => new Date(t).toISOString().slice(5, 16)).join(' ');
      problems.push(`${where}:\n  got  ${show(actual)}\n  want ${show(want)}`);
      continue;
    }
    if (daily(expression) && Math.abs(change.after - change.before) < SMALL) {
      // once a day: each run 21 to 27 hours after the one before (a day, give or take the change), none missing
      const gaps = [actual[0]! - from, ...actual.slice(1).map((t, i) => t - actual[i]!), until - actual.at(-1)!];
      if (gaps.some((gap, i) => gap > DAY + SMALL || (i > 0 && i < gaps.length - 1 && gap < DAY - SMALL)))
        problems.push(
          `${where}: a daily job did not run once a day: ${gaps.map((gap) => gap / HOUR).join(', ')} h apart`,
        );
    }
    try {
      // the other questions, asked from inside the change's hours too
      const last = lastDueIn(expression, zone, from, until, 2 * HOUR);
      if (last !== (actual.at(-1) ?? null)) problems.push(`${where}: lastDueIn ${last}`);
      if (actual.length > 0 && firstUncoveredDue(expression, zone, from, null) !== actual[0])
        problems.push(`${where}: firstUncoveredDue`);
      for (let t = change.at - 3 * HOUR; t <= change.at + 3 * HOUR; t += 25 * MINUTE) {
        const next = want.find((due) => due > t);
        if (next !== undefined && dueAfter(expression, zone, t) !== next)
          problems.push(`${where}: dueAfter ${new Date(t).toISOString()}`);
      }
    } catch (error) {
      problems.push(`${where}: threw ${String(error)}`);
    }
  }
  return problems;
}

describe('every zone, every offset change from 2020 to 2040', () => {
  test(`${ZONES.length} zones: due times follow cronie's rules around each change`, () => {
    const problems: string[] = [];
    let changes = 0;
    for (const zone of ZONES) {
      const found = changesOf(zone);
      if (found.length === 0) {
        // no change: one ordinary window, read with a constant offset
        const at = Date.UTC(2030, 5, 15);
        const none = { at: LAST, before: offsetReader(zone)(at), after: offsetReader(zone)(at) };
        problems.push(...problemsAround(zone, none, at - 2 * DAY, at + 2 * DAY));
        continue;
      }
      for (let i = 0; i < found.length; i++) {
        const change = found[i]!;
        const from = change.at - 2 * DAY;
        const until = change.at + 2 * DAY;
        // a window holding two changes (none in these years, but a zone could) is not worked out by hand here
        if ((found[i - 1]?.at ?? -Infinity) > from - DAY || (found[i + 1]?.at ?? Infinity) < until + DAY) continue;
        changes += 1;
        problems.push(...problemsAround(zone, change, from, until));
      }
      if (problems.length > 20) break;
    }
    expect(problems.slice(0, 20)).toEqual([]);
    // the scan found the world's changes: about 130 zones change twice a year
    expect(changes).toBeGreaterThan(4000);
  }, 120_000);
});
