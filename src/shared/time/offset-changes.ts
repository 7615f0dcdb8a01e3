import { formatter, zoneOffset } from './zoned.js';

/**
 * When a zone's offset changes (daylight saving, or a zone moving for good),
 * found from Intl alone: a year's offsets are read once a day and each change
 * between two readings is narrowed to its second. Kept per zone and year, so
 * the cron engine asks a zone about a year once per process (~0.4 ms).
 *
 * A zone that changed twice within one day and came back to where it was
 * would go unseen; no zone in the tz database does that.
 */
export interface OffsetChange {
  /** the first instant (epoch ms, a whole second) of the new offset */
  at: number;
  /** offsets in ms, to add to a UTC instant to get the wall time */
  before: number;
  after: number;
}

interface YearTable {
  /** the offset at 00:00 UTC on January 1st */
  first: number;
  changes: OffsetChange[];
}

const DAY_MS = 86_400_000;
const tables = new Map<string, Map<number, YearTable>>();
const WALL = /^(\d{1,2})\/(\d{1,2})\/(\d{4}), (\d\d):(\d\d):(\d\d)$/;

/** zoneOffset, from format() rather than formatToParts() (a third of the cost: a year is 366 readings). */
function offsetAt(at: number, timeZone: string): number {
  const match = WALL.exec(formatter(timeZone).format(at));
  if (!match) return zoneOffset(at, timeZone);
  const [month, day, year, hour, minute, second] = match.slice(1).map(Number) as number[];
  const wall = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
  return wall - (at - (((at % 1000) + 1000) % 1000));
}

/** The first whole second in (low, high] whose offset differs from low's; low's and high's differ. */
function narrow(timeZone: string, low: number, high: number): OffsetChange {
  const before = offsetAt(low, timeZone);
  while (high - low > 1000) {
    const mid = low + Math.floor((high - low) / 2000) * 1000;
    if (offsetAt(mid, timeZone) === before) low = mid;
    else high = mid;
  }
  return { at: high, before, after: offsetAt(high, timeZone) };
}

function yearTable(timeZone: string, year: number): YearTable {
  let zone = tables.get(timeZone);
  if (!zone) {
    zone = new Map();
    tables.set(timeZone, zone);
  }
  let table = zone.get(year);
  if (table) return table;
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  if (timeZone === 'UTC') table = { first: 0, changes: [] };
  else {
    const changes: OffsetChange[] = [];
    let low = start;
    let lowOffset = offsetAt(low, timeZone);
    const first = lowOffset;
    for (let high = start + DAY_MS; low < end; high = Math.min(high + DAY_MS, end)) {
      const highOffset = offsetAt(high, timeZone);
      // more than one change between two readings: each is narrowed in turn
      while (highOffset !== lowOffset) {
        const change = narrow(timeZone, low, high);
        changes.push(change);
        low = change.at;
        lowOffset = change.after;
      }
      low = high;
    }
    table = { first, changes };
  }
  zone.set(year, table);
  return table;
}

const yearOf = (at: number) => new Date(at).getUTCFullYear();

/** The zone's offset at an instant, read from the same table as the changes (so the two always agree). */
export function offsetFromChanges(timeZone: string, at: number): number {
  const table = yearTable(timeZone, yearOf(at));
  let offset = table.first;
  for (const change of table.changes) {
    if (change.at > at) break;
    offset = change.after;
  }
  return offset;
}

/** The first change in (after, until], or null. */
export function offsetChangeAfter(timeZone: string, after: number, until: number): OffsetChange | null {
  if (!(after < until)) return null;
  for (let year = yearOf(after); year <= yearOf(until); year++) {
    for (const change of yearTable(timeZone, year).changes) {
      if (change.at > until) return null;
      if (change.at > after) return change;
    }
  }
  return null;
}

/** The last change in (since, at], or null. */
export function offsetChangeAtOrBefore(timeZone: string, at: number, since: number): OffsetChange | null {
  if (!(since < at)) return null;
  for (let year = yearOf(at); year >= yearOf(since); year--) {
    const changes = yearTable(timeZone, year).changes;
    for (let i = changes.length - 1; i >= 0; i--) {
      const change = changes[i]!;
      if (change.at <= since) return null;
      if (change.at <= at) return change;
    }
  }
  return null;
}

/**
 * The instants at which the zone's clock shows a wall time: none when a
 * spring-forward skips it, two when a fall-back repeats it, else one.
 */
export function wallInstants(
  w: { year: number; month: number; day: number; hour: number; minute: number; second?: number },
  timeZone: string,
): number[] {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second ?? 0);
  // offsets lie within a day of UTC: every offset that could name this wall time is in effect within two days of it
  const offsets = new Set([offsetFromChanges(timeZone, asUtc - 2 * DAY_MS)]);
  for (let at = asUtc - 2 * DAY_MS; ;) {
    const change = offsetChangeAfter(timeZone, at, asUtc + 2 * DAY_MS);
    if (!change) break;
    offsets.add(change.after);
    at = change.at;
  }
  const instants = [...offsets]
    .map((offset) => asUtc - offset)
    .filter((at) => offsetFromChanges(timeZone, at) === asUtc - at);
  return [...new Set(instants)].sort((a, b) => a - b);
}
