import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { renderStatus } from '../../src/cli/render-status.js';
import { fleetRow, plainText } from '../../src/console/selectors.js';
import { fleetToJson, loadFleet } from '../../src/fleet/index.js';
import { cli } from '../support/cli.js';
import { brokenZones, ENGINE_ERROR } from '../support/broken-zone.js';
import { makeScheduleHome, runRecord, type ScheduleHome } from '../support/schedule/home.js';

/**
 * One agent that cannot be evaluated is that agent's problem: status (text
 * and --json) and the console's row show it like INVALID, with the message,
 * and every other agent is shown as before. The schedule is made to throw by
 * a cron engine that cannot read one zone (as cron-parser could not read
 * Australia/Lord_Howe across its fall-back); the clock is injected.
 */
vi.mock('../../src/cron/zone-clock.js', async (original) =>
  (await import('../support/broken-zone.js')).withBrokenZones(await original()),
);

const NOW = new Date('2026-05-10T12:00:00Z');
const OLD = new Date('2026-01-01T00:00:00Z');
let home: ScheduleHome;

beforeEach(async () => {
  home = await makeScheduleHome('timezone: UTC\n');
  await home.writeAgent(
    'lord-howe',
    { trigger: { cron: '0 2 * * *', timezone: 'Australia/Lord_Howe' }, review: 'none' },
    { mtime: OLD },
  );
  await home.writeAgent('nightly', { trigger: { cron: '0 2 * * *', timezone: 'UTC' }, review: 'none' }, { mtime: OLD });
  await home.writeAgent('manual', { review: 'none' }, { mtime: OLD });
  await home.appendRuns([runRecord('nightly', '2026-05-10T02:00:00.300Z', { cost_usd: 0.25 })]);
  brokenZones.add('Australia/Lord_Howe');
});
afterEach(async () => {
  brokenZones.clear();
  await home.remove();
});

describe("a schedule that cannot be read is its agent's problem", () => {
  test('status: the agent shows as error with the message; the others keep their next run, cost and state', async () => {
    const { snapshot } = await loadFleet(await home.open(), { now: NOW });
    const byName = Object.fromEntries(snapshot.agents.map((agent) => [agent.name, agent]));
    const broken = byName['lord-howe']!;
    expect(broken).toMatchObject({ valid: true, display: 'error', nextDue: null });
    expect(broken.faults).toEqual([
      {
        agent: 'lord-howe',
        stage: 'next run ("0 2 * * *" in Australia/Lord_Howe)',
        message: expect.stringContaining(ENGINE_ERROR),
      },
    ]);
    expect(broken.problem).toBe(
      `lord-howe: could not work out its next run ("0 2 * * *" in Australia/Lord_Howe): ${ENGINE_ERROR}`,
    );
    expect(byName.nightly).toMatchObject({
      display: 'enabled',
      nextDue: '2026-05-11T02:00:00.000Z',
      faults: [],
      problem: null,
      cost: expect.objectContaining({ monthToDate: 0.25 }),
    });
    expect(byName.manual).toMatchObject({ display: 'enabled', faults: [] });
    expect(snapshot.totals).toMatchObject({ agents: 3, invalid: 0, errors: 1 });

    const text = renderStatus(snapshot, NOW, 160);
    expect(text).toContain(
      `ERROR lord-howe: could not work out its next run ("0 2 * * *" in Australia/Lord_Howe): ${ENGINE_ERROR}`,
    );
    expect(text).toMatch(/enabled\s+nightly\s+OK\s+10h ago\s+in 14h/);
    const json = JSON.parse(JSON.stringify(fleetToJson(snapshot))) as {
      agents: Array<{ name: string; display: string; problem: string | null; faults: unknown[] }>;
    };
    expect(json.agents.find((a) => a.name === 'lord-howe')).toMatchObject({
      display: 'error',
      problem: expect.stringContaining(ENGINE_ERROR),
      faults: [expect.objectContaining({ agent: 'lord-howe' })],
    });
    expect(json.agents.find((a) => a.name === 'nightly')).toMatchObject({
      display: 'enabled',
      problem: null,
      faults: [],
    });
  });

  test('console: the row says ERROR and why, where the trigger would be; the other rows are unchanged', async () => {
    const { snapshot } = await loadFleet(await home.open(), { now: NOW });
    const row = (name: string) => {
      const cells = fleetRow(
        snapshot.agents.find((a) => a.name === name)!,
        NOW.getTime(),
        '',
        false,
        undefined,
      ).cells;
      return { state: plainText(cells.state), trigger: plainText(cells.trigger), next: plainText(cells.next) };
    };
    expect(row('lord-howe')).toEqual({
      state: 'ERROR',
      trigger: `✗ could not work out its next run ("0 2 * * *" in Australia/Lord_Howe): ${ENGINE_ERROR}`,
      next: '—',
    });
    expect(row('nightly')).toEqual({ state: 'enabled', trigger: 'every day at 02:00 UTC', next: 'in 14h' });
  });

  test('when the zone reads again, so does the agent', async () => {
    await loadFleet(await home.open(), { now: NOW });
    brokenZones.clear();
    const { snapshot } = await loadFleet(await home.open(), { now: NOW });
    expect(snapshot.agents.find((a) => a.name === 'lord-howe')).toMatchObject({
      display: 'enabled',
      faults: [],
      nextDue: expect.any(String),
    });
  });
});

describe("a file of one agent that cannot be read is its agent's problem", () => {
  test('a run lock that is a folder: that agent shows the error; status and check (the commands) still show and check the rest', async () => {
    await mkdir(join(home.root, 'run', 'manual.lock'));
    const { snapshot } = await loadFleet(await home.open(), { now: NOW });
    const manual = snapshot.agents.find((a) => a.name === 'manual')!;
    expect(manual).toMatchObject({ display: 'error', running: null });
    expect(manual.problem).toMatch(/^manual: could not work out its run in flight \(run\/manual\.lock\): EISDIR/);
    expect(snapshot.agents.find((a) => a.name === 'nightly')).toMatchObject({ display: 'enabled', faults: [] });

    // the CLI runs the real cron engine on today's date: only zones it always reads
    await rm(join(home.root, 'agents', 'lord-howe.md'));
    const status = await cli(['status', '--json', '--home', home.root]);
    expect(status.code).toBe(0);
    const fleet = JSON.parse(status.stdout) as {
      agents: Array<{ name: string; display: string; problem: string | null }>;
    };
    expect(fleet.agents.map((a) => [a.name, a.display])).toEqual([
      ['manual', 'error'],
      ['nightly', 'enabled'],
    ]);
    const check = await cli(['check', '--home', home.root]);
    expect(check.stderr).not.toContain('internal error');
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(
      /1 agent\(s\) could not be evaluated.*\n {2}ERROR manual: could not work out its run in flight \(run\/manual\.lock\): EISDIR/,
    );
    const json = JSON.parse((await cli(['check', '--json', '--home', home.root])).stdout) as {
      faults: Array<{ agent: string }>;
    };
    expect(json.faults.map((f) => f.agent)).toEqual(['manual']);
  });
});
