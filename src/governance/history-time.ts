import { UsageError } from '../shared/index.js';
import { parseZonedDateTime, wallMinute } from '../shared/index.js';

/**
 * Times as the governance commands print and accept them: local wall time of
 * the home's zone, to the minute, because a change log read at 7 a.m. should
 * not make anyone convert from UTC. The format is src/shared/time/wall-format.ts's.
 */

/** "2026-11-16 10:19" in the zone; "—" for nothing. */
export function localMinute(iso: string | Date | null | undefined, timeZone: string): string {
  if (iso === null || iso === undefined) return '—';
  const ms = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
  if (Number.isNaN(ms)) return String(iso);
  return wallMinute(ms, timeZone);
}

/** "2026-11-16" in the zone. */
export function localDay(iso: string | Date, timeZone: string): string {
  return localMinute(iso, timeZone).slice(0, 10);
}

/**
 * The hidden `--now` of the report commands (reproducible reports, tests and
 * benchmarks): a wall time in the home's zone or an ISO time with offset.
 */
export function resolveNow(text: string | undefined, timeZone: string): Date {
  if (text === undefined) return new Date();
  const at = parseZonedDateTime(text, timeZone);
  if (!at)
    throw new UsageError(
      `--now: "${text}" is not a time: expected 2026-11-23T08:30 (in ${timeZone}) or an ISO time with offset`,
      { field: '--now', actual: text, expected: 'YYYY-MM-DDTHH:MM' },
    );
  return at;
}
