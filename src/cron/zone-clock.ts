import { type OffsetChange, offsetChangeAfter, offsetChangeAtOrBefore, offsetFromChanges } from '../shared/index.js';

export type { OffsetChange } from '../shared/index.js';

/**
 * What the cron engine asks of a zone: its offset at an instant and the
 * changes around it. Its own module so tests can hand the engine a zone that
 * cannot be read (test/support/broken-zone.ts).
 */
export interface ZoneClock {
  offsetAt(at: number): number;
  /** the first change in (after, until], or null */
  changeAfter(after: number, until: number): OffsetChange | null;
  /** the last change in (since, at], or null */
  changeAtOrBefore(at: number, since: number): OffsetChange | null;
}

export function zoneClock(timeZone: string): ZoneClock {
  return {
    offsetAt: (at) => offsetFromChanges(timeZone, at),
    changeAfter: (after, until) => offsetChangeAfter(timeZone, after, until),
    changeAtOrBefore: (at, since) => offsetChangeAtOrBefore(timeZone, at, since),
  };
}
