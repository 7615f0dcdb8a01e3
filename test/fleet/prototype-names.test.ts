import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadFleet } from '../../src/fleet/index.js';
import { cli } from '../support/cli.js';
import { makeScheduleHome, runRecord, type ScheduleHome } from '../support/schedule/home.js';

/**
 * "constructor" is a valid agent name (lowercase letters). Records keyed by
 * agent name (state.json's agents, the console's per-agent state) must never
 * answer it with Object.prototype.constructor: status crashed on it before.
 */
let home: ScheduleHome;
beforeEach(async () => {
  home = await makeScheduleHome('timezone: UTC\n');
  await home.writeAgent('constructor', { review: 'none' });
  await home.appendRuns([runRecord('constructor', '2026-05-10T02:00:00.300Z', { cost_usd: 0.25 })]);
});
afterEach(async () => {
  await home.remove();
});

describe('an agent named "constructor"', () => {
  test('is enabled in the fleet, and pausing it is shown', async () => {
    const { snapshot } = await loadFleet(await home.open(), { now: new Date('2026-05-10T12:00:00Z') });
    expect(snapshot.agents.map((agent) => [agent.name, agent.display])).toEqual([['constructor', 'enabled']]);
    const paused = await cli(['pause', 'constructor', '--reason', 'test', '--home', home.root]);
    expect(paused.code, paused.stderr).toBe(0);
    const status = await cli(['status', '--json', '--home', home.root]);
    expect(status.code, status.stderr).not.toBe(70);
    const json = JSON.parse(status.stdout) as { agents: Array<{ name: string; operator: { state: string } }> };
    expect(json.agents.map((agent) => [agent.name, agent.operator.state])).toEqual([['constructor', 'paused']]);
  });
});
