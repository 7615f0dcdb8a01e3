/**
 * Local dates and output names (DESIGN §1: outputs/<name>/<stamp>.md, the
 * run's local date for daily agents, date and time for more frequent ones).
 * Pure; the zone is always given, never taken from the machine.
 */
import { dayKey, wallTime } from '../shared/index.js';

/** YYYY-MM-DD in the zone. */
export { dayKey as localDate } from '../shared/index.js';

/** The file name stem of a run's output: `2026-11-24` or `2026-11-24T231500`. */
export function outputStamp(at: Date, timeZone: string, kind: 'date' | 'datetime'): string {
  const date = dayKey(at, timeZone);
  if (kind === 'date') return date;
  const w = wallTime(at, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date}T${pad(w.hour)}${pad(w.minute)}${pad(w.second)}`;
}

/** The name to try for the nth run with the same stamp: `2026-11-24.md`, then `2026-11-24-2.md`, … */
export function outputName(stamp: string, attempt: number): string {
  return attempt <= 1 ? `${stamp}.md` : `${stamp}-${attempt}.md`;
}

/** `name` is one that outputName gives for `stamp` (never a temp file's). */
export function isOutputNameFor(name: string, stamp: string): boolean {
  if (name === outputName(stamp, 1)) return true;
  const suffix =
    name.startsWith(`${stamp}-`) && name.endsWith('.md') ? name.slice(stamp.length + 1, -'.md'.length) : '';
  return /^[1-9]\d*$/.test(suffix) && name === outputName(stamp, Number(suffix));
}

/** The parts of a name outputName gives: `2026-11-24T231500-2.md` → stamp and attempt; null for any other name. */
export function parseOutputName(name: string): { stamp: string; attempt: number } | null {
  const match = /^(\d{4}-\d{2}-\d{2}(?:T\d{6})?)(?:-([1-9]\d{0,8}))?\.md$/.exec(name);
  if (match === null) return null;
  const parsed = { stamp: match[1] as string, attempt: match[2] === undefined ? 1 : Number(match[2]) };
  return outputName(parsed.stamp, parsed.attempt) === name ? parsed : null;
}
