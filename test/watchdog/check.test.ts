import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { formatWall } from '../../src/shared/index.js';
import { readState } from '../../src/state/index.js';
import { installCronBlock } from '../../src/crontab/index.js';
import { runCheck } from '../../src/watchdog/index.js';
import { switchAgent } from '../../src/switches/index.js';
import { writeHeartbeat } from '../../src/fleet/index.js';
import { makeScheduleHome, runRecord, type ScheduleHome } from '../support/schedule/home.js';
import { MemoryCrontab } from '../support/schedule/memory-crontab.js';

/** `check` on real files, with the clock and the crontab injected. */
let home: ScheduleHome;
afterEach(() => home.remove());

const OLD = new Date('2025-01-01T00:00:00Z');
const check = async (now: string, crontab = new MemoryCrontab(), procRoot = fakeProc('cron')) =>
  runCheck(await home.open(), { now: new Date(now), crontab, channels: [], procRoot });

/** A process table of one process, named `comm`: whether a cron daemon runs does not depend on this machine. */
function fakeProc(comm: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ns-proc-'));
  mkdirSync(join(dir, '7'));
  writeFileSync(join(dir, '7', 'comm'), `${comm}\n`);
  return dir;
}
const summary = (result: Awaited<ReturnType<typeof check>>) => result.events.map((e) => `${e.event} ${e.key}`);

describe("check: budgets, in the home's time zone", () => {
  beforeEach(async () => {
    home = await makeScheduleHome('timezone: Europe/Berlin\n');
    await home.writeAgent('spender', { budget: { monthly_usd: 1, warn_at: 0.5 }, review: 'none' }, { mtime: OLD });
  });

  test('budget reached → alert and a budget pause until the month ends in Berlin; the new month resumes it and resolves the alerts', async () => {
    await home.appendRuns([runRecord('spender', '2026-01-31T21:59:00Z', { cost_usd: 1.2, output_size_bytes: 300 })]); // 22:59 Berlin, January
    const reached = await check('2026-01-31T22:10:00Z'); // 23:10 Berlin
    expect(summary(reached)).toEqual(['open budget_reached:spender:2026-01', 'open budget_warn:spender:2026-01']);
    expect(reached.changes).toEqual([
      expect.objectContaining({
        action: 'budget-pause',
        agent: 'spender',
        reason: 'budget',
        by: 'nightshift',
        source: 'watchdog',
      }),
    ]);
    const paused = (await readState((await home.open()).paths)).agents.spender!;
    // midnight in Berlin, 23:00 UTC
    expect(paused).toMatchObject({ state: 'paused', reason: 'budget', paused_until: '2026-01-31T23:00:00.000Z' });
    expect(reached.events[0]!.details).toMatchObject({ paused_until: '2026-01-31T23:00:00.000Z' });
    // still January in Berlin: nothing new, not re-sent
    expect(summary(await check('2026-01-31T22:50:00Z'))).toEqual([]);
    // 00:01 on February 1 in Berlin (still January in UTC): resumed, and January's alerts resolve
    const rolled = await check('2026-01-31T23:01:00Z');
    expect(rolled.changes).toEqual([
      expect.objectContaining({ action: 'auto-resume', agent: 'spender', by: 'nightshift' }),
    ]);
    expect(summary(rolled)).toEqual(['resolve budget_reached:spender:2026-01', 'resolve budget_warn:spender:2026-01']);
    expect(rolled.events[0]!.message).toMatch(/^resolved: /);
    expect(rolled.open).toEqual([]);
    // a run at 00:30 Berlin on February 1 counts for February, not January
    await home.appendRuns([runRecord('spender', '2026-01-31T23:30:00Z', { cost_usd: 0.6 })]);
    expect(summary(await check('2026-01-31T23:45:00Z'))).toEqual(['open budget_warn:spender:2026-02']);
  });

  test('raising the budget and `resume` lifts a budget pause for good', async () => {
    await home.appendRuns([runRecord('spender', '2026-05-10T10:00:00Z', { cost_usd: 1.5 })]);
    await check('2026-05-10T10:05:00Z');
    expect((await readState((await home.open()).paths)).agents.spender).toMatchObject({
      state: 'paused',
      reason: 'budget',
    });
    await home.writeAgent('spender', { budget: { monthly_usd: 5, warn_at: 0.5 }, review: 'none' }, { mtime: OLD });
    await switchAgent(await home.open(), 'resume', 'spender', { source: 'cli', reason: 'raised the budget' });
    const after = await check('2026-05-10T10:10:00Z');
    expect(summary(after)).toEqual(['resolve budget_reached:spender:2026-05', 'resolve budget_warn:spender:2026-05']);
    expect(after.changes).toEqual([]);
    expect((await readState((await home.open()).paths)).agents.spender).toMatchObject({ state: 'enabled' });
  });
});

describe('check: missed runs and the scheduler', () => {
  beforeEach(async () => {
    home = await makeScheduleHome('timezone: UTC\n');
    await home.writeAgent(
      'nightly',
      { trigger: { cron: '0 2 * * *', timezone: 'UTC', grace: '30m' }, review: 'none' },
      { mtime: OLD },
    );
    await home.appendRuns([runRecord('nightly', '2026-05-09T02:00:00.400Z')]);
  });

  test('a missed run opens once, is re-sent after realert, and resolves when a run starts', async () => {
    const paths = (await home.open()).paths;
    const beat = (at: string) =>
      writeHeartbeat(paths.scheduler, { pid: process.pid, started_at: '2026-05-01T00:00:00Z', beat_at: at });
    await beat('2026-05-10T02:40:00Z');
    expect(summary(await check('2026-05-10T02:40:00Z'))).toEqual(['open missed:nightly:2026-05-10T02:00:00.000Z']);
    await beat('2026-05-10T09:00:00Z');
    expect(summary(await check('2026-05-10T09:00:00Z'))).toEqual([]);
    await beat('2026-05-10T10:41:00Z');
    expect(summary(await check('2026-05-10T10:41:00Z'))).toEqual(['resend missed:nightly:2026-05-10T02:00:00.000Z']);
    await home.appendRuns([runRecord('nightly', '2026-05-10T10:45:00Z', { trigger: 'manual' })]);
    await beat('2026-05-10T10:50:00Z');
    const healed = await check('2026-05-10T10:50:00Z');
    expect(summary(healed)).toEqual(['resolve missed:nightly:2026-05-10T02:00:00.000Z']);
    expect(await home.alerts()).toHaveLength(3);
  });

  test('scheduler down while cron agents are enabled; not with a nightshift block in the crontab', async () => {
    const paths = (await home.open()).paths;
    await writeHeartbeat(paths.scheduler, {
      pid: 999_999,
      started_at: '2026-05-09T00:00:00Z',
      beat_at: '2026-05-09T10:00:00Z',
    });
    const down = await check('2026-05-09T10:04:00Z');
    expect(summary(down)).toEqual(['open scheduler_down']);
    const crontab = new MemoryCrontab(Buffer.from('MAILTO=""\n'));
    await installCronBlock(await home.open(), { port: crontab, systemZone: 'UTC' });
    const plain = await check('2026-05-09T10:05:00Z', crontab);
    expect(plain.plainCron).toBe(true);
    expect(plain.events.map((e) => `${e.event} ${e.key} ${e.message.split(':')[0]}`)).toEqual([
      'resolve scheduler_down no longer watched (plain cron runs this home)',
    ]);
  });

  test('cron mode with no cron daemon running is down too: the block is there, nothing fires it', async () => {
    const crontab = new MemoryCrontab(Buffer.from('MAILTO=""\n'));
    await installCronBlock(await home.open(), { port: crontab, systemZone: 'UTC' });
    const down = await check('2026-05-09T10:05:00Z', crontab, fakeProc('bash'));
    expect(down.plainCron).toBe(true);
    expect(down.events.map((e) => `${e.event} ${e.key}`)).toEqual(['open scheduler_down']);
    expect(down.events[0]!.message).toBe(
      "the scheduler is down: this home's crontab block is installed but no cron daemon runs to fire it " +
        '(start cron, or run nightshift daemon), and 1 cron agent(s) depend on it',
    );
    // cron starts: the block is a scheduler again
    const up = await check('2026-05-09T10:06:00Z', crontab, fakeProc('cron'));
    expect(up.events.map((e) => `${e.event} ${e.key} ${e.message.split(':')[0]}`)).toEqual([
      'resolve scheduler_down no longer watched (plain cron runs this home)',
    ]);
  });

  test('a daemon stopped cleanly 10 s ago is down now, not in 3 minutes; its next start resolves it', async () => {
    const paths = (await home.open()).paths;
    const stoppedAt = '2026-05-09T10:00:00.000Z';
    await writeHeartbeat(paths.scheduler, {
      pid: 999_999,
      started_at: '2026-05-09T00:00:00Z',
      beat_at: stoppedAt,
      stopped_at: stoppedAt,
    });
    const down = await check('2026-05-09T10:00:10Z');
    expect(summary(down)).toEqual(['open scheduler_down']);
    expect(down.events[0]!.message).toContain(
      `nightshift daemon was stopped at ${formatWall(Date.parse(stoppedAt), 'UTC')}`,
    );
    // the daemon that starts again is a live process (this one): a beat whose pid is gone would still be down, as status says
    await writeHeartbeat(paths.scheduler, {
      pid: process.pid,
      started_at: '2026-05-09T10:01:00Z',
      beat_at: '2026-05-09T10:01:00Z',
    });
    expect(summary(await check('2026-05-09T10:01:10Z'))).toEqual(['resolve scheduler_down']);
  });

  test('a daemon killed outright is down at once: its beat is fresh but its process is gone, as status and the console say', async () => {
    const paths = (await home.open()).paths;
    await writeHeartbeat(paths.scheduler, {
      pid: 999_999,
      started_at: '2026-05-09T00:00:00Z',
      beat_at: '2026-05-09T10:00:00Z',
    });
    const down = await check('2026-05-09T10:00:10Z');
    expect(summary(down)).toEqual(['open scheduler_down']);
    expect(down.events[0]!.message).toContain('its process is gone');
  });
});

describe('nightshift check, the command', () => {
  test("exit 1 while an alert is open, --json lists open alerts and this check's events; 0 when all is well", async () => {
    home = await makeScheduleHome('timezone: UTC\n');
    await home.writeAgent('flaky', { review: 'none' });
    const bin = join(process.cwd(), 'bin', 'nightshift.js');
    const cli = () => spawnSync(process.execPath, [bin, 'check', '--json', '--home', home.root], { encoding: 'utf8' });
    expect(cli().status).toBe(0);
    await home.appendRuns([
      runRecord('flaky', new Date(Date.now() - 60_000), { status: 'ERROR', reason: 'upstream 503' }),
    ]);
    const failing = cli();
    expect(failing.status).toBe(1);
    const json = JSON.parse(failing.stdout) as {
      open: Array<{ key: string }>;
      events: Array<{ event: string; key: string }>;
    };
    expect(json.open.map((a) => a.key)).toEqual(['non_ok:flaky']);
    expect(json.events.map((e) => `${e.event} ${e.key}`)).toEqual(['open non_ok:flaky']);
    const again = JSON.parse(cli().stdout) as { events: unknown[] };
    expect(again.events).toEqual([]);
    await home.appendRuns([runRecord('flaky', new Date(Date.now() - 1000))]);
    const healed = spawnSync(process.execPath, [bin, 'check', '--home', home.root], { encoding: 'utf8' });
    expect(healed.status).toBe(0);
    expect(healed.stdout).toContain('resolve');
    expect(healed.stdout).toContain('No alert open.');
  });
});
