import { wallTime } from './zoned.js';

/**
 * The one way nightshift prints a time to a person: the wall clock of a zone
 * (the home's, or the agent's for its schedule), to the minute, with the
 * seconds only when they are not zero, and the zone named:
 * "2026-03-29 03:30 Europe/Berlin". Files keep ISO (toISOString); only text
 * for people goes through here, so `pause --until`, `check`, `stop-all`,
 * `history` and the daemon's messages read alike.
 */
const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-03-29 03:30" (or "… 03:30:15") in the zone, without naming it: for a table whose header names the zone. */
export function wallClock(at: number | Date, timeZone: string): string {
  const w = wallTime(at, timeZone);
  const seconds = w.second ? `:${pad(w.second)}` : '';
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}${seconds}`;
}

/** "2026-03-29 03:30": to the minute, for lists whose header names the zone once (history, review, registry). */
export function wallMinute(at: number | Date, timeZone: string): string {
  return wallClock(at, timeZone).slice(0, 16);
}

/** "2026-03-29 03:30 Europe/Berlin": how the operator's own clock showed it. */
export function formatWall(at: number | Date, timeZone: string): string {
  return `${wallClock(at, timeZone)} ${timeZone}`;
}

/** An ISO time from a file, for a person; text that is no time is shown as it is (it came from a hand-edited file). */
export function formatIsoWall(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : formatWall(ms, timeZone);
}
