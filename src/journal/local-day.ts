import { ValidationError } from '../shared/index.js';
import { zoneOffset } from '../shared/index.js';

/**
 * Local calendar days in one time zone, for a million timestamps a second.
 * Asking Intl for every record costs microseconds each; a zone's UTC offset
 * changes a few times a year, so it is asked once per UTC day (or per hour on
 * the days an offset changes, or per record in the rare hour that holds a
 * change) and the answer reused.
 *
 * A day is an integer: days since 1970-01-01 on the local calendar.
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** a cached offset that is not the same over its whole span */
const MIXED = Number.NaN;

export class LocalDayClock {
  readonly timezone: string;
  private readonly dayOffsets = new Map<number, number>();
  private readonly hourOffsets = new Map<number, number>();
  private readonly keys = new Map<number, string>();
  private lastUtcDay = Number.NaN;
  private lastUtcDayOffset = 0;

  constructor(timezone: string) {
    try {
      zoneOffset(0, timezone);
    } catch (error) {
      throw new ValidationError(`unknown time zone "${timezone}"`, {
        field: 'timezone',
        expected: 'an IANA zone such as Europe/Berlin, or UTC',
        actual: timezone,
        cause: error,
      });
    }
    this.timezone = timezone;
  }

  /** Milliseconds to add to a UTC instant to get the local wall-clock time, exactly. */
  offsetAt(ms: number): number {
    return zoneOffset(ms, this.timezone);
  }

  /** The local day of an instant. */
  dayOf(ms: number): number {
    const utcDay = Math.floor(ms / DAY_MS);
    let offset: number;
    if (utcDay === this.lastUtcDay) offset = this.lastUtcDayOffset;
    else {
      offset = this.uniformOffset(this.dayOffsets, utcDay, DAY_MS);
      if (!Number.isNaN(offset)) {
        this.lastUtcDay = utcDay;
        this.lastUtcDayOffset = offset;
      }
    }
    if (Number.isNaN(offset)) {
      offset = this.uniformOffset(this.hourOffsets, Math.floor(ms / HOUR_MS), HOUR_MS);
      if (Number.isNaN(offset)) offset = this.offsetAt(ms);
    }
    return Math.floor((ms + offset) / DAY_MS);
  }

  /** The first instant of a local day (the zone's midnight, or the first time after it that exists). */
  startOf(day: number): number {
    // a local day starts within ±30 hours of its UTC counterpart in every zone there is
    let low = day * DAY_MS - 30 * HOUR_MS;
    let high = day * DAY_MS + 30 * HOUR_MS;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if (this.dayOf(middle) >= day) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  /** "YYYY-MM-DD" */
  keyOf(day: number): string {
    let key = this.keys.get(day);
    if (key === undefined) {
      key = dayKeyOf(day);
      this.keys.set(day, key);
    }
    return key;
  }

  /** The offset at both ends of a span, when they agree; MIXED when the offset changes inside it. */
  private uniformOffset(cache: Map<number, number>, bucket: number, span: number): number {
    let offset = cache.get(bucket);
    if (offset === undefined) {
      const first = this.offsetAt(bucket * span);
      const last = this.offsetAt(bucket * span + span - 1);
      offset = first === last ? first : MIXED;
      cache.set(bucket, offset);
    }
    return offset;
  }
}

/** "YYYY-MM-DD" of a day number (days since 1970-01-01). */
export function dayKeyOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The day number of "YYYY-MM-DD"; NaN when it is not one. */
export function dayOfKey(key: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(key)) return Number.NaN;
  const ms = Date.parse(`${key}T00:00:00.000Z`);
  return Number.isNaN(ms) || dayKeyOf(ms / DAY_MS) !== key ? Number.NaN : ms / DAY_MS;
}

/** "YYYY-MM" of "YYYY-MM-DD". */
export function monthOfDayKey(key: string): string {
  return key.slice(0, 7);
}
