import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { loadFleet } from '../../src/fleet/index.js';
import { type CheckResult } from '../../src/watchdog/index.js';
import { Daemon, DaemonRunningError } from '../../src/daemon/daemon.js';
import { readHeartbeat } from '../../src/fleet/index.js';
import { switchAgent, stopAll, startAll } from '../../src/switches/index.js';
import { isRunning, killPids } from '../support/procs.js';
import { makeScheduleHome, runRecord, type ScheduleHome } from '../support/schedule/home.js';
import { FakeLauncher } from '../support/schedule/fake-launcher.js';
import { ManualClock } from '../support/schedule/manual-clock.js';

/**
 * The daemon in-process: a manual clock, a launcher that records instead of
 * spawning, and a stand-in watchdog. The real one runs in daemon-process.test.ts.
 */
let home: ScheduleHome;
let daemon: Daemon | undefined;
let lines: string[];
let problems: string[];
beforeEach(async () => {
  home = await makeScheduleHome();
  lines = [];
  problems = [];
});
afterEach(async () => {
  await daemon?.stop();
  daemon = undefined;
  await home.remove();
});

const log = { info: (m: string) => lines.push(m), problem: (m: string) => problems.push(m) };
const noCheck = async (): Promise<CheckResult> => ({
  at: '',
  conditions: [],
  events: [],
  open: [],
  changes: [],
  plainCron: false,
  faults: [],
  failedRules: [],
  invalid: [],
  warnings: [],
  trail: undefined as never,
});

async function start(now: string, launcher = new FakeLauncher()) {
  const clock = new ManualClock(Date.parse(now));
  daemon = await Daemon.start(await home.open(), {
    nightshiftArgv: ['node', 'nightshift.js'],
    clock,
    log,
    launcher,
    check: noCheck,
    crontabCheck: false,
  });
  return { clock, launcher, daemon };
}

describe('the daemon, in-process', () => {
  test('catch-up after a simulated 10-hour downtime fires ONCE, with trigger catch_up', async () => {
    const tenHoursAgo = new Date('2026-05-10T02:00:00Z');
    await home.writeAgent(
      'hourly',
      { trigger: { cron: '0 * * * *', timezone: 'UTC', catch_up: 'once', deadline: '6h' } },
      { mtime: new Date('2026-05-01T00:00:00Z') },
    );
    await home.writeAgent(
      'plain',
      { trigger: { cron: '0 * * * *', timezone: 'UTC' } },
      { mtime: new Date('2026-05-01T00:00:00Z') },
    );
    await home.appendRuns([
      runRecord('hourly', '2026-05-10T01:00:00.100Z'),
      runRecord('hourly', tenHoursAgo),
      runRecord('plain', tenHoursAgo),
    ]);
    const { launcher } = await start('2026-05-10T12:20:00Z');
    await vi.waitFor(() => expect(launcher.launched).toHaveLength(1));
    expect(launcher.launched).toEqual([{ agent: 'hourly', trigger: 'catch_up' }]);
  });

  test('cron fires start runs; a paused agent is not started, and resumes without a restart', async () => {
    await home.writeAgent('tick', { trigger: { cron: '0 * * * * *', timezone: 'UTC' } });
    const { clock, launcher } = await start('2026-05-10T00:00:30Z');
    clock.advance(30_000);
    await vi.waitFor(() => expect(launcher.launched).toEqual([{ agent: 'tick', trigger: 'cron' }]));
    await switchAgent(await home.open(), 'pause', 'tick', { source: 'cli' });
    clock.advance(60_000);
    await vi.waitFor(() => expect(lines.some((l) => l.includes('not started: it is paused'))).toBe(true));
    await switchAgent(await home.open(), 'resume', 'tick', { source: 'cli' });
    await stopAll(await home.open(), { source: 'cli' });
    clock.advance(60_000);
    await vi.waitFor(() => expect(lines.some((l) => l.includes('not started: the global stop is on'))).toBe(true));
    await startAll(await home.open(), { source: 'cli' });
    clock.advance(60_000);
    await vi.waitFor(() => expect(launcher.launched).toHaveLength(2));
  });

  test('no second run while the one it started is alive', async () => {
    await home.writeAgent('tick', { trigger: { cron: '0 * * * * *', timezone: 'UTC' } });
    const launcher = new FakeLauncher();
    launcher.busy.add('tick');
    const { clock } = await start('2026-05-10T00:00:30Z', launcher);
    clock.advance(30_000);
    await vi.waitFor(() =>
      expect(lines.some((l) => l.includes('the run it started before is still going'))).toBe(true),
    );
    expect(launcher.launched).toEqual([]);
  });

  test("a webhook agent whose secret the daemon's environment lacks is said at start, once", async () => {
    const webhook = (secret: string) => ({ webhook: { secret_env: secret } });
    await home.writeAgent('hooky', { trigger: webhook('HOOKY_SECRET'), review: 'none' });
    await home.writeAgent('keyed', { trigger: webhook('KEYED_SECRET'), review: 'none' });
    daemon = await Daemon.start(await home.open(), {
      nightshiftArgv: ['node', 'nightshift.js'],
      clock: new ManualClock(Date.parse('2026-05-10T00:00:00Z')),
      log,
      launcher: new FakeLauncher(),
      check: noCheck,
      crontabCheck: false,
      env: { KEYED_SECRET: 's3cret' },
      listen: { host: '127.0.0.1', port: 0 },
    });
    const unset = () => problems.filter((p) => p.includes('is not set'));
    expect(unset()).toEqual([expect.stringMatching(/^hooky: \$HOOKY_SECRET is not set in the daemon's environment/)]);
    await daemon.reload('test');
    expect(unset()).toHaveLength(1);
  });

  test('nightshift.yaml broken under the daemon: its watchdog is told, every minute, until a valid file is read', async () => {
    const asked: Array<string | undefined> = [];
    const clock = new ManualClock(Date.parse('2026-05-10T00:00:00Z'));
    daemon = await Daemon.start(await home.open(), {
      nightshiftArgv: ['node', 'nightshift.js'],
      clock,
      log,
      launcher: new FakeLauncher(),
      check: async (_home, options) => {
        asked.push(options?.configProblem);
        return noCheck();
      },
      crontabCheck: false,
    });
    const config = await readFile(join(home.root, 'nightshift.yaml'), 'utf8');
    clock.advance(1000);
    await vi.waitFor(() => expect(asked).toEqual([undefined]));
    await home.writeRaw('nightshift.yaml', `${config}timezon: UTC\n`);
    await daemon.reload('nightshift.yaml changed');
    clock.advance(60_000);
    await vi.waitFor(() => expect(asked).toHaveLength(2));
    expect(asked[1]).toContain('timezon');
    await home.writeRaw('nightshift.yaml', config);
    await daemon.reload('nightshift.yaml changed');
    clock.advance(60_000);
    await vi.waitFor(() => expect(asked).toHaveLength(3));
    expect(asked[2]).toBeUndefined();
  });

  test('a broken agent file is reported once (stderr and log) and skipped; the rest keep running; an invalid glob counts as broken', async () => {
    await home.writeAgent('good', { trigger: { cron: '0 * * * * *', timezone: 'UTC' } });
    await home.writeRaw(
      'agents/broken.md',
      '---\nname: broken\ndescription: x\ntrigger:\n  cron: "61 * * * *"\n---\nhi\n',
    );
    await home.writeAgent('badglob', { trigger: { watch: { path: '/tmp/[oops/*.eml' } } });
    const { clock, launcher, daemon: d } = await start('2026-05-10T00:00:30Z');
    expect(d.scheduledAgents()).toEqual(['good']);
    expect(problems).toEqual([
      expect.stringContaining('badglob is invalid and not scheduled: agents/badglob.md: trigger.watch.path'),
      expect.stringContaining('broken is invalid and not scheduled: agents/broken.md: trigger.cron'),
    ]);
    await d.reload('again');
    expect(problems).toHaveLength(2);
    clock.advance(30_000);
    await vi.waitFor(() => expect(launcher.launched).toEqual([{ agent: 'good', trigger: 'cron' }]));
  });

  test('watch agents with a bad glob are invalid, named and never scheduled; a good one on a folder not made yet fires when its file appears', async () => {
    await home.writeAgent('mail', { trigger: { watch: { path: 'mail/inbox/*.eml', debounce: '1s' } } });
    await home.writeAgent('bracket', { trigger: { watch: { path: '~/inbox/[a-.eml' } } });
    await home.writeAgent('brace', { trigger: { watch: { path: '/tmp/{a,b.eml' } } });
    await home.writeAgent('stars', { trigger: { watch: { path: '/tmp/in/**.eml' } } });
    await home.writeAgent('tick', { trigger: { cron: '0 * * * * *', timezone: 'UTC' } });
    const { clock, launcher, daemon: d } = await start('2026-05-10T00:00:30Z');
    expect(d.scheduledAgents()).toEqual(['mail', 'tick']);
    expect(problems).toEqual([
      'brace is invalid and not scheduled: agents/brace.md: trigger.watch.path: "/tmp/{a,b.eml" is not a valid ' +
        'glob: "{" at 6 has no closing "}" (to match a "{" itself, write [{])',
      'bracket is invalid and not scheduled: agents/bracket.md: trigger.watch.path: "~/inbox/[a-.eml" is not a ' +
        'valid glob: "[" at 9 has no closing "]" in its path segment (to match a "[" itself, write [[])',
      'stars is invalid and not scheduled: agents/stars.md: trigger.watch.path: "/tmp/in/**.eml" is not a ' +
        'valid glob: "**" at 9 must be a whole path segment, like ~/inbox/**/*.eml ' +
        '(within one name, use a single *)',
    ]);
    expect(lines).toContain('2 agent(s) scheduled, 3 invalid');
    const inbox = join(home.root, 'mail', 'inbox');
    await mkdir(inbox, { recursive: true });
    await writeFile(join(inbox, 'first.eml'), 'x');
    // the file system reports in real time; the debounce runs on the daemon's clock
    await vi.waitFor(
      () => {
        clock.advance(1000);
        expect(launcher.launched).toContainEqual({ agent: 'mail', trigger: 'watch' });
      },
      { timeout: 5000, interval: 100 },
    );
    clock.advance(60_000);
    await vi.waitFor(() => expect(launcher.launched).toContainEqual({ agent: 'tick', trigger: 'cron' }));
    expect(launcher.launched.map((l) => l.agent)).not.toContain('bracket');
    await home.writeAgent('bracket', { trigger: { watch: { path: '~/inbox/[[]a-.eml' } } });
    await d.reload('edited');
    expect(lines).toContain('bracket is valid again');
    expect(d.scheduledAgents()).toEqual(['bracket', 'mail', 'tick']);
  });

  test('a when condition that hangs is killed at its own timeout, counts as false, and holds up no other agent', async () => {
    const pids = join(home.root, 'pids');
    // a timeout long enough that the cron fire below comes first even on a loaded machine
    await home.writeAgent('stuck', {
      trigger: { when: { command: `echo $$ >> '${pids}'; sleep 60`, every: '1h', timeout: '5s' } },
    });
    await home.writeAgent('tick', { trigger: { cron: '0 * * * * *', timezone: 'UTC' } });
    const { clock, launcher } = await start('2026-05-10T00:00:30Z');
    await vi.waitFor(() => expect(existsSync(pids)).toBe(true), { timeout: 5000 });
    const pid = Number((await readFile(pids, 'utf8')).trim());
    try {
      clock.advance(30_000);
      await vi.waitFor(() => expect(launcher.launched).toContainEqual({ agent: 'tick', trigger: 'cron' }));
      expect(isRunning(pid)).toBe(true); // the cron fire did not wait for the condition
      await vi.waitFor(
        () =>
          expect(lines).toContain(
            'stuck: condition timed out after 5s and was killed; counts as false (raise trigger.when.timeout if it needs longer)',
          ),
        { timeout: 10_000 },
      );
      expect(isRunning(pid)).toBe(false);
      expect(launcher.launched.map((l) => l.agent)).not.toContain('stuck');
      expect(problems).toEqual([]);
    } finally {
      killPids([pid].filter(isRunning));
    }
  });

  test('definition changes are picked up from agents/ and recorded in changes.jsonl by nightshift', async () => {
    await home.writeAgent('nightly', { trigger: { cron: '0 23 * * *', timezone: 'UTC' }, limits: { time: '5m' } });
    const { clock, daemon: d } = await start('2026-05-10T00:00:00Z');
    expect(await home.changes()).toEqual([]); // first start: nothing to compare with
    await home.writeAgent('nightly', {
      trigger: { cron: '0 22 * * *', timezone: 'UTC' },
      limits: { time: '5m' },
      budget: { monthly_usd: 3 },
    });
    // the watch event arrives in real time; the debounce runs on the daemon's clock
    await vi.waitFor(
      async () => {
        clock.advance(600);
        expect(await home.changes()).toHaveLength(1);
      },
      { timeout: 5000, interval: 100 },
    );
    const [change] = await home.changes();
    expect(change).toMatchObject({ by: 'nightshift', action: 'definition', agent: 'nightly', source: 'daemon' });
    expect(Object.keys(change!.before as object).sort()).toEqual(['budget', 'trigger']);
    expect(change!.after).toMatchObject({ trigger: { cron: '0 22 * * *' }, budget: { monthly_usd: 3 } });
    expect(lines.some((l) => l.includes('nightly: re-scheduled'))).toBe(true);
    // a change made while the daemon is down is recorded at its next start
    await d.stop();
    daemon = undefined;
    await home.writeAgent('nightly', {
      trigger: { cron: '0 21 * * *', timezone: 'UTC' },
      limits: { time: '5m' },
      budget: { monthly_usd: 3 },
    });
    await start('2026-05-10T01:00:00Z');
    expect((await home.changes()).map((c) => (c.after as { trigger?: { cron: string } }).trigger?.cron)).toEqual([
      '0 22 * * *',
      '0 21 * * *',
    ]);
  });

  test('heartbeat on start and every 30 s; a clean stop writes a last one saying so; a second daemon is refused', async () => {
    await home.writeAgent('nightly', { trigger: { cron: '0 23 * * *', timezone: 'UTC' } });
    const { clock, daemon: d } = await start('2026-05-10T00:00:00Z');
    const paths = (await home.open()).paths;
    const first = await readHeartbeat(paths.scheduler);
    expect(first).toMatchObject({
      pid: process.pid,
      started_at: '2026-05-10T00:00:00.000Z',
      beat_at: '2026-05-10T00:00:00.000Z',
      version: '0.1.0',
    });
    clock.advance(30_000);
    await vi.waitFor(async () =>
      expect((await readHeartbeat(paths.scheduler))?.beat_at).toBe('2026-05-10T00:00:30.000Z'),
    );
    const scheduler = async (now: string) =>
      (await loadFleet(await home.open(), { now: new Date(now) })).snapshot.scheduler;
    expect(await scheduler('2026-05-10T00:00:40Z')).toMatchObject({ state: 'up', stopped_at: null });
    await d.stop();
    daemon = undefined;
    expect(await readHeartbeat(paths.scheduler)).toMatchObject({ stopped_at: '2026-05-10T00:00:30.000Z' });
    // status and the console say so at once, not "up" until the last beat goes stale
    expect(await scheduler('2026-05-10T00:00:40Z')).toMatchObject({
      state: 'stopped',
      stopped_at: '2026-05-10T00:00:30.000Z',
    });
    // a heartbeat of another live process on this host refuses a second daemon
    await writeFile(
      paths.scheduler,
      JSON.stringify({ pid: process.ppid, started_at: new Date().toISOString(), beat_at: new Date().toISOString() }),
    );
    await expect(
      Daemon.start(await home.open(), { nightshiftArgv: [], log, launcher: new FakeLauncher(), check: noCheck }),
    ).rejects.toBeInstanceOf(DaemonRunningError);
    expect(JSON.parse(await readFile(join(home.root, 'run', 'scheduler.json'), 'utf8')).pid).toBe(process.ppid);
  });
});
