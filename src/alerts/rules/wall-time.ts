import { wallTime } from '../../shared/index.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-03-29 03:30 Europe/Berlin": how the operator's own clock showed it. */
export function formatWall(at: number | Date, timezone: string): string {
  const w = wallTime(at, timezone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}${w.second ? `:${pad(w.second)}` : ''} ${timezone}`;
}
