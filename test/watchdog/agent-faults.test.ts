import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Condition, Rule, WatchdogFacts } from '../../src/alerts/index.js';
import { WATCHDOG_RULES } from '../../src/alerts/rules/watchdog-rules.js';
import { checkExitCode, renderCheck } from '../../src/cli/commands/check.js';
import { loadFleet } from '../../src/fleet/index.js';
import { CronTimer } from '../../src/daemon/cron-timer.js';
import { Daemon } from '../../src/daemon/daemon.js';
import { writeHeartbeat } from '../../src/fleet/index.js';
import { readCheckFaults } from '../../src/fleet/check-faults.js';
import { runCheck } from '../../src/watchdog/index.js';
import { brokenZones, ENGINE_ERROR } from '../support/broken-zone.js';
import { FakeLauncher } from '../support/schedule/fake-launcher.js';
import { makeScheduleHome, runRecord, type ScheduleHome } from '../support/schedule/home.js';
import { ManualClock } from '../support/schedule/manual-clock.js';
import { MemoryCrontab } from '../support/schedule/memory-crontab.js';

/**
 * One agent's problem never blinds the fleet: a schedule the cron engine
 * cannot read (as cron-parser could not read Australia/Lord_Howe across its
 * fall-back; here a stand-in engine that throws for that zone) and an alert
 * rule that throws for one agent become faults of that agent in check, the
 * daemon and status, and every other agent is checked, scheduled and shown.
 * Clocks are injected; nothing depends on today's date.
 */
vi.mock('../../src/cron/zone-clock.js', async (original) =>
  (await import('../support/broken-zone.js')).withBrokenZones(await original()),
);

const OLD = new Date('2026-01-01T00:00:00Z');
const LORD_HOWE = 'Australia/Lord_Howe';
let home: ScheduleHome;
afterEach(() => brokenZones.clear());

/** A rule that throws while it looks at one agent, and raises nothing otherwise. */
function explodesOn(name: string): Rule {
  return function explodingRule(facts: WatchdogFacts): Condition[] {
    for (const agent of facts.agents) if (agent.name === name) throw new TypeError(`cannot read properties of ${name}`);
    return [];
  };
}

const openAlert = (key: string, rule: string, agent: string, at: string) =>
  `${JSON.stringify({ v: 1, key, event: 'open', rule, agent, severity: 'warning', at, message: `${agent}: ${rule}` })}\n`;

describe('check', () => {
  const NOW = '2026-05-10T12:00:00Z';
  const check = async (now: string, rules?: readonly Rule[]) =>
    runCheck(await home.open(), { now: new Date(now), crontab: new MemoryCrontab(), channels: [], rules });
  const summary = (result: Awaited<ReturnType<typeof check>>) => result.events.map((e) => `${e.event} ${e.key}`);

  beforeEach(async () => {
    home = await makeScheduleHome('timezone: UTC\n');
    await home.writeAgent(
      'lord-howe',
      { trigger: { cron: '0 2 * * *', timezone: LORD_HOWE }, review: 'none' },
      { mtime: OLD },
    );
    await home.writeAgent(
      'nightly',
      { trigger: { cron: '0 2 * * *', timezone: 'UTC', grace: '30m' }, review: 'none' },
      { mtime: OLD },
    );
    await home.writeAgent('flaky', { review: 'none' }, { mtime: OLD });
    await home.appendRuns([
      runRecord('nightly', '2026-05-09T02:00:00.300Z'),
      runRecord('lord-howe', '2026-05-09T16:00:00.300Z'),
      runRecord('flaky', '2026-05-10T11:00:00Z', { status: 'ERROR', reason: 'upstream 503' }),
    ]);
    // alerts each of them had before this check: silence about an agent that could not be evaluated resolves none of its own
    await home.writeRaw(
      'logs/alerts.jsonl',
      openAlert('missed:lord-howe:2026-05-08T16:00:00.000Z', 'missed', 'lord-howe', '2026-05-08T17:00:00Z') +
        openAlert('output_drop:flaky', 'output_drop', 'flaky', '2026-05-09T10:00:00Z'),
    );
    await writeHeartbeat((await home.open()).paths.scheduler, {
      pid: process.pid,
      started_at: '2026-05-01T00:00:00Z',
      beat_at: NOW,
    });
  });
  afterEach(() => home.remove());

  test('a schedule that throws: that agent is reported (exit 1, ERROR with the message); the others are checked and alerted as ever', async () => {
    brokenZones.add(LORD_HOWE);
    const result = await check(NOW);
    expect(summary(result)).toEqual([
      'open missed:nightly:2026-05-10T02:00:00.000Z',
      'open non_ok:flaky',
      'resolve output_drop:flaky',
    ]);
    expect(result.faults.map((f) => [f.agent, f.stage])).toEqual([
      ['lord-howe', 'next run ("0 2 * * *" in Australia/Lord_Howe)'],
      ['lord-howe', 'alert rule missedRuns'],
    ]);
    expect(result.faults[1]!.message).toBe(`lord-howe: could not work out its alert rule missedRuns: ${ENGINE_ERROR}`);
    // its own alert stays open, neither resolved nor "no longer watched"
    expect(result.open.map((a) => a.key).sort()).toEqual([
      'missed:lord-howe:2026-05-08T16:00:00.000Z',
      'missed:nightly:2026-05-10T02:00:00.000Z',
      'non_ok:flaky',
    ]);
    expect(checkExitCode(result)).toBe(1);
    expect(renderCheck(result)).toContain(
      '1 agent(s) could not be evaluated (every other agent was checked; their open alerts stay open):\n' +
        '  ERROR lord-howe: could not work out its next run ("0 2 * * *" in ' +
        `Australia/Lord_Howe): ${ENGINE_ERROR}\n  ERROR lord-howe: could not work out its alert rule missedRuns`,
    );

    // a minute later: the same problem, nothing new sent
    const again = await check('2026-05-10T12:01:00Z');
    expect(summary(again)).toEqual([]);
    expect(again.faults).toHaveLength(2);
    // the engine reads the zone again: the agent is checked like the others, and its alert resolves
    brokenZones.clear();
    await home.appendRuns([runRecord('lord-howe', '2026-05-10T12:01:30Z', { trigger: 'manual' })]);
    const healed = await check('2026-05-10T12:02:00Z');
    expect(healed.faults).toEqual([]);
    expect(summary(healed)).toEqual(['resolve missed:lord-howe:2026-05-08T16:00:00.000Z']);
    expect(checkExitCode(healed)).toBe(1); // nightly and flaky still have alerts open
  });

  test('a rule that throws for one agent: that agent is reported, in check and in status, until a check gets through; the others get every rule', async () => {
    const broken = [...WATCHDOG_RULES, explodesOn('flaky')];
    const result = await check(NOW, broken);
    expect(result.faults).toEqual([
      {
        agent: 'flaky',
        stage: 'alert rule explodingRule',
        message: 'flaky: could not work out its alert rule explodingRule: cannot read properties of flaky',
      },
    ]);
    // every other rule still ran for flaky (non-OK), and for the rest (missed, and lord-howe's old outage is over);
    // flaky's output drop is not resolved by silence
    expect(summary(result)).toEqual([
      'open missed:nightly:2026-05-10T02:00:00.000Z',
      'open non_ok:flaky',
      'resolve missed:lord-howe:2026-05-08T16:00:00.000Z',
    ]);
    expect(result.open.map((a) => a.key)).toContain('output_drop:flaky');
    expect(checkExitCode(result)).toBe(1);

    // status and the console were not there: they read it from the last check
    const paths = (await home.open()).paths;
    expect((await readCheckFaults(paths))?.faults).toEqual(result.faults);
    const shown = (await loadFleet(await home.open(), { now: new Date(NOW) })).snapshot.agents;
    expect(shown.find((a) => a.name === 'flaky')).toMatchObject({
      display: 'error',
      problem: 'flaky: could not work out its alert rule explodingRule: cannot read properties of flaky',
    });
    expect(shown.find((a) => a.name === 'nightly')).toMatchObject({
      display: 'enabled',
      faults: [],
      nextDue: '2026-05-11T02:00:00.000Z',
    });

    // the rule is fixed: the next check clears it everywhere, and settles what silence had kept open
    const fixed = await check('2026-05-10T12:01:00Z');
    expect(fixed.faults).toEqual([]);
    expect(summary(fixed)).toEqual(['resolve output_drop:flaky']);
    expect(await readCheckFaults(paths)).toBeNull();
    expect(
      (await loadFleet(await home.open(), { now: new Date(NOW) })).snapshot.agents.find((a) => a.name === 'flaky'),
    ).toMatchObject({ display: 'enabled', faults: [] });
  });

  test("a rule that throws for everyone is a failed rule, not every agent's fault: reported, exit 1, and no alert resolved", async () => {
    const broken = [
      ...WATCHDOG_RULES,
      function alwaysThrows(): Condition[] {
        throw new Error('bug');
      },
    ];
    const result = await check(NOW, broken);
    expect(result.faults).toEqual([]);
    expect(result.failedRules).toEqual(['alert rule alwaysThrows failed: bug']);
    expect(summary(result)).toEqual(['open missed:nightly:2026-05-10T02:00:00.000Z', 'open non_ok:flaky']);
    expect(checkExitCode(result)).toBe(1);
    expect(renderCheck(result)).toContain(
      'ERROR alert rule alwaysThrows failed: bug (no alert was resolved by this check)',
    );
  });

  test('config_invalid: open, critical and fleet-wide while the daemon finds nightshift.yaml invalid; resolved after', async () => {
    const options = { crontab: new MemoryCrontab(), channels: [] };
    const broken = await runCheck(await home.open(), {
      ...options,
      now: new Date(NOW),
      configProblem: 'nightshift.yaml: timezon: unknown key (did you mean "timezone"?)',
    });
    const alert = broken.open.find((open) => open.rule === 'config_invalid');
    expect(alert).toMatchObject({ key: 'config_invalid', agent: null, severity: 'critical' });
    expect(alert?.message).toContain('every run refuses to start until it is fixed');
    expect(alert?.message).toContain('timezon: unknown key');
    const fixed = await runCheck(await home.open(), { ...options, now: new Date(Date.parse(NOW) + 60_000) });
    expect(fixed.events.map((e) => `${e.event} ${e.key}`)).toContain('resolve config_invalid');
    expect(fixed.open.some((open) => open.rule === 'config_invalid')).toBe(false);
  });

  test('an agent file an edit broke is named, and check exits 1: nothing watches or schedules it until it is fixed', async () => {
    const clean = await check(NOW);
    expect(clean.invalid).toEqual([]);
    await home.writeRaw(
      'agents/nightly.md',
      '---\nname: nightly\ndescription: d\ntrigger: { cron: "0 2 * * *", timezone: Mars/Olympus }\nreview: none\n---\nSummarize.\n',
    );
    const result = await check(NOW);
    expect(result.invalid).toEqual([{ agent: 'nightly', problem: expect.stringContaining('Mars/Olympus') }]);
    expect(checkExitCode({ ...result, open: [], faults: [], failedRules: [] })).toBe(1);
    expect(renderCheck(result)).toMatch(
      /1 agent file\(s\) not valid: .*\n {2}INVALID agents\/nightly\.md: .*Mars\/Olympus/,
    );
  });
});

describe('the daemon', () => {
  let daemon: Daemon | undefined;
  let lines: string[];
  let problems: string[];
  const log = { info: (m: string) => lines.push(m), problem: (m: string) => problems.push(m) };
  const about = (list: string[], text: string) => list.filter((m) => m.includes(text));

  beforeEach(async () => {
    home = await makeScheduleHome();
    lines = [];
    problems = [];
    await home.writeAgent(
      'lord-howe',
      { trigger: { cron: '0 * * * *', timezone: LORD_HOWE, catch_up: 'once', deadline: '6h' }, review: 'none' },
      { mtime: OLD },
    );
    await home.writeAgent(
      'hourly',
      { trigger: { cron: '0 * * * *', timezone: 'UTC', catch_up: 'once', deadline: '6h' }, review: 'none' },
      { mtime: OLD },
    );
    await home.writeAgent(
      'tick',
      { trigger: { cron: '0 * * * * *', timezone: 'UTC' }, review: 'none' },
      { mtime: OLD },
    );
    await home.writeAgent('flaky', { review: 'none' }, { mtime: OLD });
    await home.appendRuns([
      runRecord('hourly', '2026-05-10T02:00:00Z'),
      runRecord('lord-howe', '2026-05-10T02:00:00Z'),
    ]);
  });
  afterEach(async () => {
    await daemon?.stop();
    daemon = undefined;
    await home.remove();
  });

  async function start(now: string) {
    const clock = new ManualClock(Date.parse(now));
    const launcher = new FakeLauncher();
    const rules = [...WATCHDOG_RULES, explodesOn('flaky')];
    daemon = await Daemon.start(await home.open(), {
      nightshiftArgv: ['node', 'nightshift.js'],
      clock,
      log,
      launcher,
      crontabCheck: false,
      check: (h, options) => runCheck(h, { ...options, crontab: new MemoryCrontab(), channels: [], rules }),
    });
    return { clock, launcher, daemon };
  }

  test(
    'a schedule that throws from the start: the others are scheduled, caught up and fired; its problems are ' +
      'logged once each, however many ticks',
    async () => {
      brokenZones.add(LORD_HOWE);
      const { clock, launcher, daemon: d } = await start('2026-05-10T12:20:00Z');
      expect(d.scheduledAgents()).toEqual(['hourly', 'lord-howe', 'tick']);
      // catch-up: hourly is owed one and gets it, though lord-howe's catch-up cannot be worked out
      await vi.waitFor(() => expect(launcher.launched).toEqual([{ agent: 'hourly', trigger: 'catch_up' }]));
      expect(
        about(
          problems,
          'lord-howe: could not work out its schedule ("0 * * * *" in Australia/Lord_Howe): ' + ENGINE_ERROR,
        ),
      ).toHaveLength(1);
      expect(about(problems, 'lord-howe: could not work out its catch-up')).toHaveLength(1);
      expect(lines.find((l) => l.startsWith('lord-howe: scheduled, '))).toMatch(
        /\(next run unknown: its schedule cannot be read now; tried again every minute\)$/,
      );

      // five minutes: tick fires every minute, the watchdog runs every minute
      for (let minute = 0; minute < 5; minute++) {
        clock.advance(60_000);
        await vi.waitFor(() => expect(launcher.launched.filter((l) => l.agent === 'tick')).toHaveLength(minute + 1));
      }
      await vi.waitFor(() =>
        expect(about(problems, 'flaky: could not work out its alert rule explodingRule')).toHaveLength(1),
      );
      clock.advance(60_000);
      clock.advance(60_000);
      await vi.waitFor(() => expect(launcher.launched.filter((l) => l.agent === 'tick')).toHaveLength(7));
      await vi.waitFor(async () =>
        expect((await readCheckFaults((await home.open()).paths))?.faults.map((f) => f.agent).sort()).toEqual([
          'flaky',
          'lord-howe',
        ]),
      );
      // each problem once: the schedule's, the catch-up's, and the watchdog's (next run, missed-run rule, flaky's rule)
      expect(about(problems, 'lord-howe: could not work out its schedule')).toHaveLength(1);
      expect(about(problems, 'lord-howe: could not work out its next run')).toHaveLength(1);
      expect(about(problems, 'lord-howe: could not work out its alert rule missedRuns')).toHaveLength(1);
      expect(about(problems, 'flaky: could not work out its alert rule explodingRule')).toHaveLength(1);
      expect(about(problems, 'watchdog:')).toEqual([]);
      expect(d.agentFaults().map((f) => f.agent)).toContain('lord-howe');

      // the zone reads again: said once, and lord-howe fires on its next slot like the others
      brokenZones.clear();
      clock.advance(60_000);
      await vi.waitFor(() =>
        expect(
          about(lines, 'lord-howe: its schedule ("0 * * * *" in Australia/Lord_Howe) can be worked out again'),
        ).toHaveLength(1),
      );
      clock.advance(33 * 60_000);
      await vi.waitFor(() => expect(launcher.launched).toContainEqual({ agent: 'lord-howe', trigger: 'cron' }));
    },
  );

  test('a schedule that starts throwing at its slot: no crash, the slot is kept, the others go on, and it is logged once', async () => {
    const { clock, launcher } = await start('2026-05-10T13:28:30Z');
    brokenZones.add(LORD_HOWE);
    clock.advance(90_000); // past 13:30 UTC, 00:00 at Lord Howe: its slot, whose next one cannot be worked out
    await vi.waitFor(() => expect(launcher.launched).toContainEqual({ agent: 'lord-howe', trigger: 'cron' }));
    for (let minute = 0; minute < 3; minute++) clock.advance(60_000);
    await vi.waitFor(() =>
      expect(launcher.launched.filter((l) => l.agent === 'tick').length).toBeGreaterThanOrEqual(4),
    );
    expect(about(problems, 'lord-howe: could not work out its schedule')).toHaveLength(1);
  });
});

describe("the daemon's cron timer", () => {
  test('a schedule that throws: told once, asked again every minute, told once more when it reads; slots fire again', () => {
    const clock = new ManualClock(Date.parse('2026-05-10T12:00:30Z'));
    const told: string[] = [];
    const fired: string[] = [];
    brokenZones.add(LORD_HOWE);
    const timer = new CronTimer({
      expression: '0 * * * *',
      timezone: LORD_HOWE,
      clock,
      onDue: (due) => fired.push(new Date(due).toISOString()),
      onError: (error) => told.push(`error ${(error as Error).message}`),
      onRecover: () => told.push('recovered'),
    });
    timer.start();
    expect(timer.nextDue).toBeNull();
    clock.advance(10 * 60_000);
    expect(told).toEqual([`error ${ENGINE_ERROR}`]);
    expect(clock.pending()).toBe(1);
    brokenZones.clear();
    clock.advance(60_000);
    expect(told).toEqual([`error ${ENGINE_ERROR}`, 'recovered']);
    expect(timer.nextDue).toBe(Date.parse('2026-05-10T12:30:00Z')); // Lord Howe is UTC+10:30 in May
    clock.advance(30 * 60_000);
    expect(fired).toEqual(['2026-05-10T12:30:00.000Z']);
    timer.stop();
  });
});
