import { describe, expect, test } from 'vitest';
import { HEARTBEAT_STALE_MS, schedulerState } from '../../src/shared/index.js';

const NOW = new Date('2026-05-10T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

describe('is the scheduler up?', () => {
  test('up while the beat is fresh, down once it is older than the stale limit, never without a beat', () => {
    expect(schedulerState({ beat_at: ago(HEARTBEAT_STALE_MS) }, NOW)).toBe('up');
    expect(schedulerState({ beat_at: ago(HEARTBEAT_STALE_MS + 1) }, NOW)).toBe('down');
    expect(schedulerState(null, NOW)).toBe('never');
  });

  test('its process gone is down at once; alive or unknown leaves it to the age; a clean stop is stopped whatever the rest', () => {
    expect(schedulerState({ beat_at: ago(1_000) }, NOW, 'gone')).toBe('down');
    expect(schedulerState({ beat_at: ago(1_000) }, NOW, 'alive')).toBe('up');
    expect(schedulerState({ beat_at: ago(HEARTBEAT_STALE_MS + 1) }, NOW, 'alive')).toBe('down');
    expect(schedulerState({ beat_at: ago(1_000), stopped_at: ago(1_000) }, NOW, 'alive')).toBe('stopped');
    expect(schedulerState({ beat_at: ago(1_000), stopped_at: null }, NOW)).toBe('up');
  });
});
