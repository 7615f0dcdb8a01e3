import { afterEach, beforeEach, expect, test } from 'vitest';
import { updateDriftAlert } from '../../src/governance/eval/index.js';
import { withAlertsLock } from '../../src/hooks/index.js';
import { alertEventSchema, readAll } from '../../src/journal/index.js';
import { waitFor } from '../support/procs.js';
import { makeScheduleHome, type ScheduleHome } from '../support/schedule/home.js';

/** The drift alert and the watchdog append to one alert journal: they must take the same lock, or one alert opens twice. */
let home: ScheduleHome;
beforeEach(async () => {
  home = await makeScheduleHome('timezone: UTC\n');
});
afterEach(() => home.remove());

test('a drift alert waits for the alerts lock that check and a run hold', async () => {
  const opened = await home.open();
  let release!: () => void;
  let holding = false;
  const held = withAlertsLock(opened.paths, async () => {
    holding = true;
    await new Promise<void>((resolve) => (release = resolve));
  });
  expect(await waitFor(() => holding, 10_000)).toBe(true);
  let recorded = false;
  const failing = [{ case: 'basic', failures: ['expected "Summary" in the output'] }];
  const drift = updateDriftAlert(opened, 'digest', failing, { now: new Date(), env: {}, channels: [] }).then(
    (events) => {
      recorded = true;
      return events;
    },
  );
  // given time to run, it is still waiting: the lock is the watchdog's own, not one beside it
  expect(await waitFor(() => recorded, 500)).toBe(false);
  release();
  await held;
  expect((await drift).map((event) => `${event.event} ${event.key}`)).toEqual(['open drift:digest']);
  expect((await readAll(opened.paths.alertsJournal, alertEventSchema)).records).toHaveLength(1);
});
