/**
 * Local dates and output names (DESIGN §1: outputs/<name>/<stamp>.md, the
 * run's local date for daily agents, date and time for more frequent ones).
 * Pure; the zone is always given, never taken from the machine.
 */
export interface LocalTime {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

export function localTime(at: Date, timeZone: string): LocalTime {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(at).map((part) => [part.type, part.value]));
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

/** YYYY-MM-DD in the zone. */
export function localDate(at: Date, timeZone: string): string {
  const t = localTime(at, timeZone);
  return `${t.year}-${t.month}-${t.day}`;
}

/** YYYY-MM in the zone: the budget month a run belongs to. */
export function localMonth(at: Date, timeZone: string): string {
  const t = localTime(at, timeZone);
  return `${t.year}-${t.month}`;
}

/** The file name stem of a run's output: `2026-11-24` or `2026-11-24T231500`. */
export function outputStamp(at: Date, timeZone: string, kind: 'date' | 'datetime'): string {
  const t = localTime(at, timeZone);
  const date = `${t.year}-${t.month}-${t.day}`;
  return kind === 'date' ? date : `${date}T${t.hour}${t.minute}${t.second}`;
}

/** The name to try for the nth run with the same stamp: `2026-11-24.md`, then `2026-11-24-2.md`, … */
export function outputName(stamp: string, attempt: number): string {
  return attempt <= 1 ? `${stamp}.md` : `${stamp}-${attempt}.md`;
}
