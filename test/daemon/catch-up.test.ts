import { describe, expect, test } from 'vitest';
import { catchUpDue } from '../../src/daemon/catch-up.js';
import { definition } from '../support/schedule/facts.js';

const HOUR = 3_600_000;
const cronTrigger = (front: Record<string, unknown>) => {
  const trigger = definition('a', { trigger: front }).trigger;
  if (trigger?.kind !== 'cron') throw new Error('not cron');
  return trigger;
};

describe('catch_up: once', () => {
  const hourly = cronTrigger({ cron: '0 * * * *', timezone: 'UTC', catch_up: 'once', deadline: '6h' });
  const now = Date.parse('2026-05-10T12:20:00Z');
  const lastRun = Date.parse('2026-05-10T02:00:00.200Z'); // then 10 hours down

  test('after 10 hours down: ONE run, for the latest due time, not one per missed slot', () => {
    expect(new Date(catchUpDue(hourly, now, lastRun, 0)!).toISOString()).toBe('2026-05-10T12:00:00.000Z');
  });

  test('nothing when a run started at or after the latest due time, or none is within the deadline', () => {
    expect(catchUpDue(hourly, now, Date.parse('2026-05-10T12:00:01Z'), 0)).toBeNull();
    const daily = cronTrigger({ cron: '0 2 * * *', timezone: 'UTC', catch_up: 'once', deadline: '6h' });
    expect(catchUpDue(daily, Date.parse('2026-05-10T09:00:00Z'), Date.parse('2026-05-09T02:00:00Z'), 0)).toBeNull();
    expect(
      new Date(
        catchUpDue(daily, Date.parse('2026-05-10T07:59:00Z'), Date.parse('2026-05-09T02:00:00Z'), 0)!,
      ).toISOString(),
    ).toBe('2026-05-10T02:00:00.000Z');
  });

  test('nothing for catch_up: none, or a due time before the agent existed or was resumed', () => {
    expect(catchUpDue(cronTrigger({ cron: '0 * * * *', timezone: 'UTC' }), now, lastRun, 0)).toBeNull();
    expect(catchUpDue(hourly, now, lastRun, now - 10 * 60_000)).toBeNull();
    expect(catchUpDue(hourly, now, null, now - 2 * HOUR)).not.toBeNull();
  });
});
