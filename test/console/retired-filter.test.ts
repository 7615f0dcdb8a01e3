import { describe, expect, it } from 'vitest';
import { visibleAgents } from '../../src/console/selectors/fleet.js';
import { agent, loaded, press, sampleFleet } from './support.js';

/** Retired agents (`nightshift retire`) are rows of the snapshot, hidden from the fleet until the filter asks for them. */
describe('retired agents in the console fleet', () => {
  const retired = agent('old-report', {
    operator: {
      state: 'retired',
      reason: 'nobody reads it',
      since: '2026-11-01T09:00:00.000Z',
      by: 'ana',
      paused_until: null,
    },
    display: 'retired',
    nextDue: null,
  });

  it('hides them by default and shows them, alone, under /retired', () => {
    let state = loaded([...sampleFleet(), retired]);
    expect(visibleAgents(state).map((a) => a.name)).not.toContain('old-report');
    state = press(state, '/', 'r', 'e', 't', 'i', 'r', 'e', 'd', 'enter');
    expect(visibleAgents(state).map((a) => a.name)).toEqual(['old-report']);
    state = press(state, 'esc');
    expect(visibleAgents(state).map((a) => a.name)).not.toContain('old-report');
  });
});
