import { describe, expect, test } from 'vitest';
import { describeScheduler } from '../../src/fleet/index.js';
import { HEARTBEAT_STALE_MS, schedulerHealth } from '../../src/fleet/build.js';

const NOW = new Date('2026-05-10T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

describe('scheduler health from run/scheduler.json', () => {
  test('up while the beat is fresh, down once it is older than the stale limit, never without a file', () => {
    const beat = (age: number) => ({ pid: 42, started_at: ago(86_400_000), beat_at: ago(age) });
    expect(schedulerHealth(beat(20_000), NOW)).toEqual({
      state: 'up',
      pid: 42,
      started_at: ago(86_400_000),
      beat_at: ago(20_000),
      stopped_at: null,
    });
    expect(schedulerHealth(beat(HEARTBEAT_STALE_MS), NOW).state).toBe('up');
    expect(schedulerHealth(beat(HEARTBEAT_STALE_MS + 1), NOW).state).toBe('down');
    expect(schedulerHealth(null, NOW)).toEqual({
      state: 'never',
      pid: null,
      started_at: null,
      beat_at: null,
      stopped_at: null,
    });
  });

  test("down at once when the daemon's process is gone from this host, however fresh its last beat; a clean stop still says stopped", () => {
    const beat = { pid: 42, started_at: ago(86_400_000), beat_at: ago(1_000), process_gone: true };
    expect(schedulerHealth(beat, NOW)).toEqual({
      state: 'down',
      pid: 42,
      started_at: ago(86_400_000),
      beat_at: ago(1_000),
      stopped_at: null,
    });
    expect(schedulerHealth({ ...beat, process_gone: false }, NOW).state).toBe('up');
    expect(schedulerHealth({ ...beat, stopped_at: ago(1_000) }, NOW).state).toBe('stopped');
  });

  test('a clean stop is "stopped" at once, not "up" until its last beat goes stale, and stays "stopped" after', () => {
    const stopped = (age: number) => ({
      pid: 42,
      started_at: ago(86_400_000),
      beat_at: ago(age),
      stopped_at: ago(age),
    });
    expect(schedulerHealth(stopped(5_000), NOW)).toEqual({
      state: 'stopped',
      pid: 42,
      started_at: ago(86_400_000),
      beat_at: ago(5_000),
      stopped_at: ago(5_000),
    });
    expect(schedulerHealth(stopped(3_600_000), NOW).state).toBe('stopped');
  });

  test("in words, the same for status and the console; a stop says when, in the home's zone", () => {
    const health = (beatAge: number, stopped = false) =>
      schedulerHealth(
        {
          pid: 1,
          started_at: ago(86_400_000),
          beat_at: ago(beatAge),
          ...(stopped ? { stopped_at: ago(beatAge) } : {}),
        },
        NOW,
      );
    expect(describeScheduler(health(10_000), NOW, 'UTC')).toEqual({ text: 'scheduler up', severity: 'ok' });
    expect(describeScheduler(health(3 * 3_600_000), NOW, 'UTC')).toEqual({
      text: 'scheduler DOWN since 3h ago',
      severity: 'error',
    });
    expect(describeScheduler(health(300_000, true), NOW, 'Europe/Berlin')).toEqual({
      text: 'scheduler stopped at 2026-05-10 13:55 Europe/Berlin (5m ago)',
      severity: 'error',
    });
    expect(describeScheduler(schedulerHealth(null, NOW), NOW, 'UTC')).toEqual({
      text: 'scheduler not running (no heartbeat)',
      severity: 'warning',
    });
  });
});
