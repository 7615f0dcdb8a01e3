import { zonedToUtc } from '../../shared/index.js';

/**
 * The names the harness gives outputs (DESIGN §1): `2026-11-24.md`,
 * `2026-11-24T231500.md`, and `-2`, `-3`… for a second run with the same
 * stamp. Prune touches only files named like this: a note someone dropped
 * into outputs/<name>/ is never archived or deleted.
 */
const OUTPUT_NAME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2})(\d{2})(\d{2}))?(?:-(\d+))?\.md$/;

export interface OutputStamp {
  year: number;
  month: number;
  day: number;
  /** null for a date-only stamp */
  time: { hour: number; minute: number; second: number } | null;
}

export function parseOutputName(name: string): OutputStamp | null {
  const m = OUTPUT_NAME.exec(name);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const time = m[4] === undefined ? null : { hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6]) };
  if (time && (time.hour > 23 || time.minute > 59 || time.second > 59)) return null;
  return { year, month, day, time };
}

export function isOutputName(name: string): boolean {
  return parseOutputName(name) !== null;
}

/**
 * The instant a stamp stands for, in the agent's zone. A date-only stamp
 * counts from the end of its day: when the run end is unknown, the output is
 * taken to be as young as it can be, so it is never pruned early.
 */
export function stampInstant(stamp: OutputStamp, timezone: string): Date {
  if (stamp.time) return zonedToUtc({ year: stamp.year, month: stamp.month, day: stamp.day, ...stamp.time }, timezone);
  const next = new Date(Date.UTC(stamp.year, stamp.month - 1, stamp.day + 1));
  return zonedToUtc(
    { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0 },
    timezone,
  );
}
