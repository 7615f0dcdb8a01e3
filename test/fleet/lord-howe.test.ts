import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadFleet } from '../../src/fleet/index.js';
import { runCheck } from '../../src/watchdog/index.js';
import { makeScheduleHome, runRecord, type ScheduleHome } from '../support/schedule/home.js';
import { MemoryCrontab } from '../support/schedule/memory-crontab.js';

/**
 * Australia/Lord_Howe moves its clocks by 30 minutes: on 5 April 2026 from
 * 02:00 back to 01:30, on 4 October from 02:00 on to 02:30. Its agents are
 * scheduled, checked and shown like any other (cron-parser looped on the
 * fall-back day and had no 02:00 at all on the spring day). The clock is fixed.
 */
let home: ScheduleHome;
beforeEach(async () => {
  home = await makeScheduleHome('timezone: UTC\n');
  for (const [name, cron] of [
    ['two', '0 2 * * *'],
    ['hourly', '0 * * * *'],
    ['early', '0 1-5 * * *'],
  ] as const)
    await home.writeAgent(
      name,
      { trigger: { cron, timezone: 'Australia/Lord_Howe' }, review: 'none' },
      { mtime: new Date('2026-01-01T00:00:00Z') },
    );
});
afterEach(async () => {
  await home.remove();
});

describe('agents in Australia/Lord_Howe', () => {
  test('on the fall-back day: each has its next run, and check finds no fault', async () => {
    const now = new Date('2026-04-04T14:10:00Z'); // 01:10 +11:00, before the change
    const { snapshot } = await loadFleet(await home.open(), { now });
    const next = Object.fromEntries(snapshot.agents.map((agent) => [agent.name, [agent.display, agent.nextDue]]));
    expect(next).toEqual({
      early: ['enabled', '2026-04-04T15:30:00.000Z'], // 02:00 +10:30: 01:00 came before the change
      hourly: ['enabled', '2026-04-04T15:30:00.000Z'],
      two: ['enabled', '2026-04-04T15:30:00.000Z'],
    });
    await home.appendRuns([runRecord('two', '2026-04-03T15:00:00.2Z')]);
    const checked = await runCheck(await home.open(), { now, crontab: new MemoryCrontab(), channels: [] });
    expect(checked.faults).toEqual([]);
  });

  test('on the spring day: 02:00 is skipped, and the fixed-time jobs run at the change, 02:30 +11:00', async () => {
    const now = new Date('2026-10-03T15:10:00Z'); // 01:40 +10:30
    const { snapshot } = await loadFleet(await home.open(), { now });
    const next = Object.fromEntries(snapshot.agents.map((agent) => [agent.name, agent.nextDue]));
    expect(next).toEqual({
      early: '2026-10-03T15:30:00.000Z',
      hourly: '2026-10-03T16:00:00.000Z', // a wildcard hour follows the clock: 03:00 +11:00
      two: '2026-10-03T15:30:00.000Z',
    });
    const checked = await runCheck(await home.open(), { now, crontab: new MemoryCrontab(), channels: [] });
    expect(checked.faults).toEqual([]);
  });
});
