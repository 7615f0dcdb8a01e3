/**
 * Wall-clock time in a named zone, for month boundaries of budgets, "today",
 * review weeks and `--until 2026-12-01T09:00`. Always given the zone; never
 * the machine's zone by accident.
 */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One Intl formatter per zone, numeric wall-clock fields with a 24-hour clock: shared with offset-changes.ts. */
export function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function wallTime(at: Date | number, timeZone: string): WallTime {
  if (timeZone === 'UTC') {
    // the zone of most servers, answered without ICU: a process's first Intl formatter costs ~25 ms
    const d = typeof at === 'number' ? new Date(at) : at;
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
    };
  }
  const out: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatter(timeZone).formatToParts(at)) {
    if (part.type in out) out[part.type as keyof WallTime] = Number(part.value);
  }
  return out;
}

/** Milliseconds to add to a UTC instant to get its wall time in the zone. */
export function zoneOffset(at: number, timeZone: string): number {
  if (timeZone === 'UTC') return 0;
  const w = wallTime(at, timeZone);
  // years before 100 need setUTCFullYear: Date.UTC maps 0-99 to 1900-1999
  const wall = new Date(Date.UTC(2000, w.month - 1, w.day, w.hour, w.minute, w.second));
  wall.setUTCFullYear(w.year);
  return wall.getTime() - (at - (((at % 1000) + 1000) % 1000));
}

/**
 * The instant a wall time names in the zone. In the hour a spring-forward
 * skips, it lands just after the gap; in the hour a fall-back repeats, on the
 * first of the two.
 */
export function zonedToUtc(w: Omit<WallTime, 'second'> & { second?: number }, timeZone: string): Date {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second ?? 0);
  const first = asUtc - zoneOffset(asUtc, timeZone);
  const second = asUtc - zoneOffset(first, timeZone);
  if (first === second) return new Date(first);
  // A DST edge: of the instants that show this wall time take the earlier (a repeated hour);
  // if neither does, the wall time is in a skipped hour and the later one is just after the gap.
  const matching = [first, second].filter((at) => {
    const back = wallTime(at, timeZone);
    return back.hour === w.hour && back.minute === w.minute && back.day === w.day;
  });
  return new Date(matching.length > 0 ? Math.min(...matching) : Math.max(first, second));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** YYYY-MM-DD in the zone. */
export function dayKey(at: Date | number, timeZone: string): string {
  const w = wallTime(at, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** YYYY-MM in the zone: the budget month an instant belongs to. */
export function monthKey(at: Date | number, timeZone: string): string {
  return dayKey(at, timeZone).slice(0, 7);
}

/** The month before `YYYY-MM`. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}

/** [start, end) of a month in the zone. */
export function monthRange(month: string, timeZone: string): { start: Date; end: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? { year: y + 1, month: 1 } : { year: y, month: m + 1 };
  return {
    start: zonedToUtc({ year: y, month: m, day: 1, hour: 0, minute: 0 }, timeZone),
    end: zonedToUtc({ year: next.year, month: next.month, day: 1, hour: 0, minute: 0 }, timeZone),
  };
}

/** [start, end) of the local day containing `at`. */
export function dayRange(at: Date | number, timeZone: string): { start: Date; end: Date } {
  const w = wallTime(at, timeZone);
  const start = zonedToUtc({ year: w.year, month: w.month, day: w.day, hour: 0, minute: 0 }, timeZone);
  const tomorrow = new Date(Date.UTC(w.year, w.month - 1, w.day + 1));
  const end = zonedToUtc(
    {
      year: tomorrow.getUTCFullYear(),
      month: tomorrow.getUTCMonth() + 1,
      day: tomorrow.getUTCDate(),
      hour: 0,
      minute: 0,
    },
    timeZone,
  );
  return { start, end };
}

/**
 * `2026-12-01T09:00` (wall time in the zone), or a full ISO time with an
 * offset or Z. Null when it is neither.
 */
export function parseZonedDateTime(text: string, timeZone: string): Date | null {
  const trimmed = text.trim();
  if (/[zZ]$|[+-]\d\d:?\d\d$/.test(trimmed)) {
    const ms = Date.parse(trimmed);
    return Number.isNaN(ms) ? null : new Date(ms);
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(trimmed);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match
    .slice(1)
    .map((v) => (v === undefined ? 0 : Number(v))) as number[];
  if (month! < 1 || month! > 12 || day! < 1 || day! > 31 || hour! > 23 || minute! > 59 || second! > 59) return null;
  const at = zonedToUtc(
    { year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second: second! },
    timeZone,
  );
  const back = wallTime(at, timeZone);
  if (back.day !== day || back.month !== month) return null;
  return at;
}
