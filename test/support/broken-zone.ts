import type * as ZoneClockModule from '../../src/cron/zone-clock.js';

/**
 * A cron engine that cannot read schedules in some zones, as cron-parser 5
 * could not read `0 2 * * *` in Australia/Lord_Howe across its 30-minute
 * fall-back ("Invalid expression, loop limit exceeded" from every due-time
 * question) before nightshift had its own matcher, or as a runtime whose ICU
 * lacks a zone would fail. Tests put a zone in `brokenZones` (and take it
 * out) while the clock they inject stays where they like; validation, which
 * parses without a zone, is unaffected, so the agent file stays valid.
 *
 *   vi.mock('../../src/cron/zone-clock.js', async (original) =>
 *     (await import('../support/broken-zone.js')).withBrokenZones(await original()));
 */
export const brokenZones = new Set<string>();
export const ENGINE_ERROR = 'Invalid expression, loop limit exceeded';

type Module = typeof ZoneClockModule;

export function withBrokenZones(real: Module): Module {
  return {
    ...real,
    zoneClock: (zone: string) => {
      if (brokenZones.has(zone)) throw new Error(ENGINE_ERROR);
      return real.zoneClock(zone);
    },
  };
}
