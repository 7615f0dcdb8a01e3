import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { renderStatus } from '../../src/cli/render-status.js';
import { headerModel } from '../../src/console/selectors.js';
import { plainText } from '../../src/console/selectors/cells.js';
import { reduce } from '../../src/console/state.js';
import { beginMarker, cronDaemonSeen, endMarker } from '../../src/crontab/index.js';
import { describeScheduler, loadFleet } from '../../src/fleet/index.js';
import { schedulerHealth } from '../../src/fleet/build.js';
import { schedulerOf, type CronMode } from '../../src/shared/index.js';
import { cli } from '../support/cli.js';
import { MemoryCrontab } from '../support/schedule/memory-crontab.js';
import { makeScheduleHome, runRecord, type ScheduleHome } from '../support/schedule/home.js';
import { loaded, NOW, sampleFleet, snapshot } from '../console/support.js';

/**
 * Cron mode is a scheduler: with this home's block in the crontab and a cron
 * daemon to fire it, status, the console header and doctor say "cron
 * scheduler up", never "scheduler not running". A block nothing fires is
 * down; a block beside a beating daemon starts runs twice.
 */
const now = new Date(NOW);
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const cron = (daemon: CronMode['daemon'], last: string | null = null): CronMode => ({ daemon, last_cron_run_at: last });

describe('the one rule: who schedules the home', () => {
  test('schedulerOf: daemon, cron, both, none', () => {
    expect(schedulerOf('up', null)).toBe('daemon');
    expect(schedulerOf('never', cron('running'))).toBe('cron');
    expect(schedulerOf('stopped', cron('unknown'))).toBe('cron');
    expect(schedulerOf('up', cron('running'))).toBe('both');
    // a block nothing fires schedules nothing
    expect(schedulerOf('up', cron('absent'))).toBe('daemon');
    expect(schedulerOf('never', cron('absent'))).toBe('none');
    expect(schedulerOf('down', null)).toBe('none');
  });

  test('describeScheduler in cron mode', () => {
    const never = (mode: CronMode) => schedulerHealth(null, now, mode);
    expect(describeScheduler(never(cron('running', ago(300_000))), now, 'UTC')).toEqual({
      text: 'cron scheduler up, last cron run 5m ago',
      severity: 'ok',
    });
    expect(describeScheduler(never(cron('running')), now, 'UTC')).toEqual({
      text: 'cron scheduler up',
      severity: 'ok',
    });
    expect(describeScheduler(never(cron('unknown')), now, 'UTC').severity).toBe('ok');
    expect(describeScheduler(never(cron('absent')), now, 'UTC')).toEqual({
      text: 'cron scheduler DOWN: crontab block installed, no cron daemon running',
      severity: 'error',
    });
    const beating = { pid: 1, started_at: ago(60_000), beat_at: ago(10_000) };
    expect(describeScheduler(schedulerHealth(beating, now, cron('running')), now, 'UTC')).toEqual({
      text: 'scheduler up and the crontab block too: cron agents start twice',
      severity: 'warning',
    });
    expect(describeScheduler(schedulerHealth(beating, now, cron('absent')), now, 'UTC').text).toBe('scheduler up');
    // without the block, as before
    expect(describeScheduler(schedulerHealth(null, now), now, 'UTC').text).toBe('scheduler not running (no heartbeat)');
  });

  test('the console header says it', () => {
    const state = reduce(loaded(), {
      type: 'fleet-loaded',
      snapshot: snapshot(sampleFleet(), {
        scheduler: { state: 'never', pid: null, started_at: null, beat_at: null, cron: cron('running', ago(60_000)) },
      }),
    });
    expect(plainText(headerModel(state).title)).toMatch(/cron scheduler up, last cron run 1m ago {2}\/home/);
  });
});

describe('cronDaemonSeen: the process table', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ns-proc-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const proc = (pid: number, comm: string) => {
    mkdirSync(join(dir, String(pid)));
    writeFileSync(join(dir, String(pid), 'comm'), `${comm}\n`);
  };

  test('running, absent, unknown', async () => {
    proc(1, 'systemd');
    proc(212, 'bash');
    expect(await cronDaemonSeen(dir)).toBe('absent');
    proc(90, 'crond');
    expect(await cronDaemonSeen(dir)).toBe('running');
    expect(await cronDaemonSeen(join(dir, 'nowhere'))).toBe('unknown');
  });
});

describe('loadFleet and status in cron mode', () => {
  let home: ScheduleHome;
  let procDir: string;
  beforeEach(async () => {
    home = await makeScheduleHome();
    await home.writeAgent('nightly', { trigger: { cron: '0 23 * * *', timezone: 'UTC' } });
    procDir = mkdtempSync(join(tmpdir(), 'ns-proc-'));
    mkdirSync(join(procDir, '7'));
    writeFileSync(join(procDir, '7', 'comm'), 'cron\n');
  });
  afterEach(async () => {
    await home.remove();
    rmSync(procDir, { recursive: true, force: true });
  });
  const block = (root: string) =>
    Buffer.from(
      `${beginMarker(root)}\n0 23 * * * node nightshift.js run nightly --trigger cron --home ${root}\n${endMarker(root)}\n`,
    );

  test('the block and a cron daemon: cron scheduler up, with the last run cron started', async () => {
    await home.appendRuns([runRecord('nightly', ago(3_600_000), { trigger: 'cron' })]);
    const { snapshot: fleet } = await loadFleet(await home.open(), {
      now,
      cron: { port: new MemoryCrontab(block(home.root)), procRoot: procDir },
    });
    expect(fleet.scheduler.cron).toEqual({ daemon: 'running', last_cron_run_at: ago(3_600_000) });
    const status = renderStatus(fleet, now, 160);
    expect(status).toContain('cron scheduler up, last cron run 1h ago');
    expect(status).not.toContain('scheduler not running');
  });

  test('no block (or not asked): no cron key, as before', async () => {
    const port = new MemoryCrontab(Buffer.from('0 1 * * * echo mine\n'));
    const { snapshot: fleet } = await loadFleet(await home.open(), { now, cron: { port, procRoot: procDir } });
    expect(fleet.scheduler).not.toHaveProperty('cron');
    const { snapshot: unasked } = await loadFleet(await home.open(), { now });
    expect(unasked.scheduler).not.toHaveProperty('cron');
  });
});

/**
 * The built CLI with a crontab program that prints this home's block
 * ($NIGHTSHIFT_CRONTAB) and a process named `cron` (a copy of sleep) on this
 * host, so the answer does not depend on whether this machine runs cron.
 */
describe('status and doctor (built CLI)', () => {
  let dir: string;
  let home: ScheduleHome;
  let fakeCron: ChildProcess;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ns-cron-mode-'));
    home = await makeScheduleHome();
    await home.writeAgent('nightly', { trigger: { cron: '0 23 * * *', timezone: 'UTC' } });
    const crontab = join(dir, 'crontab');
    const lines = [
      beginMarker(home.root),
      `0 23 * * * /usr/bin/node /x/bin/nightshift.js run nightly --trigger cron --home ${home.root} >/dev/null`,
      endMarker(home.root),
    ];
    writeFileSync(crontab, `#!/bin/sh\ncat <<'EOF'\n${lines.join('\n')}\nEOF\n`);
    chmodSync(crontab, 0o755);
    copyFileSync('/bin/sleep', join(dir, 'cron'));
    chmodSync(join(dir, 'cron'), 0o755);
    fakeCron = spawn(join(dir, 'cron'), ['600'], { stdio: 'ignore' });
    await new Promise((resolve) => fakeCron.once('spawn', resolve));
    env = { NIGHTSHIFT_CRONTAB: crontab };
  });
  afterAll(async () => {
    fakeCron.kill('SIGKILL');
    await home.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  test('status: "cron scheduler up", not "scheduler not running"; --json carries it', async () => {
    const ran = await cli(['status', '--home', home.root], { env });
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('cron scheduler up');
    expect(ran.stdout).not.toContain('scheduler not running');
    const json = JSON.parse((await cli(['status', '--json', '--home', home.root], { env })).stdout) as {
      scheduler: { state: string; cron?: CronMode };
    };
    expect(json.scheduler).toMatchObject({ state: 'never', cron: { daemon: 'running' } });
  });

  test('doctor: the same words, and the agent scheduled by the crontab', async () => {
    const ran = await cli(['doctor', 'nightly', '--home', home.root], { env });
    expect(ran.stdout).toMatch(/^scheduler: cron scheduler up$/m);
    expect(ran.stdout).toMatch(
      /pass {2}one_scheduler +scheduled by the daemon or the crontab, not both: the crontab$/m,
    );
    const json = JSON.parse((await cli(['doctor', 'nightly', '--json', '--home', home.root], { env })).stdout) as {
      scheduler: { text: string; severity: string };
    };
    expect(json.scheduler).toEqual({ text: 'cron scheduler up', severity: 'ok' });
  });
});
