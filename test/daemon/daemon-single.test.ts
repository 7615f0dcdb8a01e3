import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rmdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadFleet } from '../../src/fleet/index.js';
import type { Home } from '../../src/home/index.js';
import { readProc, selfStartTicks } from '../../src/runners/index.js';
import { Daemon, DaemonRunningError } from '../../src/daemon/daemon.js';
import { readHeartbeat } from '../../src/fleet/index.js';
import { cli } from '../support/cli.js';
import { isRunning, killPids, waitFor } from '../support/procs.js';
import { FakeLauncher } from '../support/schedule/fake-launcher.js';
import { makeScheduleHome, type ScheduleHome } from '../support/schedule/home.js';

/**
 * One scheduler per home: a second `nightshift daemon` refuses, naming the
 * first's pid, even when both start at the same moment; and `status` says
 * the scheduler is down as soon as its process is gone from this host, not
 * minutes later when the beat goes stale.
 */
const BIN = join(process.cwd(), 'bin', 'nightshift.js');

let home: ScheduleHome;
const started: ChildProcess[] = [];
beforeEach(async () => {
  if (!existsSync(join(process.cwd(), 'dist', 'cli', 'main.js')))
    throw new Error('dist/ is not built: run `npm run build` (npm test does)');
  home = await makeScheduleHome();
  await home.writeAgent('nightly', {
    runner: { kind: 'command', command: ['true'] },
    trigger: { cron: '0 3 * * *', timezone: 'UTC' },
    review: 'none',
  });
});
afterEach(async () => {
  killPids(
    started.splice(0).flatMap((child) => (child.pid !== undefined && child.exitCode === null ? [child.pid] : [])),
  );
  await home.remove();
});

interface Daemonized {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
}

function startDaemonProcess(): Daemonized {
  const child = spawn(process.execPath, [BIN, 'daemon', '--home', home.root], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NIGHTSHIFT_HOME: '', NO_COLOR: '1' },
  });
  started.push(child);
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return { child, out: () => out, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

async function schedulerState(): Promise<string> {
  const ran = await cli(['status', '--json', '--home', home.root], { env: { NIGHTSHIFT_HOME: '' } });
  expect(ran.code).toBe(0);
  return (JSON.parse(ran.stdout) as { scheduler: { state: string } }).scheduler.state;
}

describe('one daemon per home', () => {
  test(
    "a second refuses with exit 1, naming the first's pid; the first killed outright (SIGKILL), status says down " +
      'at once, though its beat is fresh, and a new daemon starts',
    async () => {
      const first = startDaemonProcess();
      expect(await waitFor(() => first.out().includes('agent(s) scheduled'), 15_000, 50)).toBe(true);
      expect(await schedulerState()).toBe('up');
      const refused = startDaemonProcess();
      expect(await refused.exited).toBe(1);
      expect(refused.out()).toMatch(
        new RegExp(
          `^nightshift: a nightshift daemon \\(pid ${first.child.pid}, since [^)]+\\) already schedules ${home.root}\\n`,
        ),
      );
      expect(first.child.exitCode).toBeNull();
      first.child.kill('SIGKILL');
      await first.exited;
      expect(await waitFor(() => !isRunning(first.child.pid!), 5000)).toBe(true);
      const beat = await readHeartbeat(join(home.root, 'run', 'scheduler.json'));
      expect(beat).toMatchObject({ pid: first.child.pid, host: hostname() });
      expect(beat?.stopped_at).toBeUndefined();
      expect(Date.now() - Date.parse(beat!.beat_at)).toBeLessThan(60_000);
      expect(await schedulerState()).toBe('down');
      const second = startDaemonProcess();
      expect(await waitFor(() => second.out().includes('agent(s) scheduled'), 15_000, 50)).toBe(true);
      expect(second.child.exitCode).toBeNull();
      expect(await schedulerState()).toBe('up');
    },
  );
});

describe('whose heartbeat counts (in-process)', () => {
  const log = { info: () => undefined, problem: () => undefined };
  const noCheck = async () => ({ alerts: [], notes: [] }) as never;
  const startOn = (opened: Home) =>
    Daemon.start(opened, {
      nightshiftArgv: [],
      log,
      launcher: new FakeLauncher(),
      check: noCheck,
      crontabCheck: false,
    });
  const start = async () => startOn(await home.open());
  const parentTicks = () => readProc(process.ppid)!.startTime;

  test(
    'the look at the heartbeat and the first beat are one step: a start waits while another start holds the ' +
      "claim, then sees that one's beat and refuses",
    async () => {
      // another daemon mid-start: it holds the claim (proper-lockfile's lock, a folder) and has not yet
      // written its first beat
      const claim = join(home.root, 'run', 'scheduler.json.lock');
      await mkdir(claim);
      const opened = await home.open();
      const starting = startOn(opened).then(
        (daemon) => daemon,
        (error: unknown) => error,
      );
      const now = new Date().toISOString();
      await home.writeRaw(
        'run/scheduler.json',
        JSON.stringify({
          pid: process.ppid,
          started_at: now,
          beat_at: now,
          host: hostname(),
          pid_start_ticks: parentTicks(),
        }),
      );
      await rmdir(claim);
      const outcome = await starting;
      if (outcome instanceof Daemon) await outcome.stop();
      expect(outcome).toBeInstanceOf(DaemonRunningError);
      expect((outcome as Error).message).toContain(`(pid ${process.ppid}, since ${now})`);
    },
  );

  test('a live daemon whose beat went stale (stopped, hung) still holds the home: a second would run beside it when it resumes', async () => {
    const old = new Date(Date.now() - 3_600_000).toISOString();
    await home.writeRaw(
      'run/scheduler.json',
      JSON.stringify({
        pid: process.ppid,
        started_at: old,
        beat_at: old,
        host: hostname(),
        pid_start_ticks: parentTicks(),
      }),
    );
    const error = await start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DaemonRunningError);
    expect((error as Error).message).toContain(
      `a nightshift daemon (pid ${process.ppid}, since ${old}) already schedules ${home.root}`,
    );
  });

  test('a pid reused by another process (start ticks differ) holds nothing, fresh beat or not: the daemon starts, status says down', async () => {
    const now = new Date().toISOString();
    await home.writeRaw(
      'run/scheduler.json',
      JSON.stringify({
        pid: process.ppid,
        started_at: now,
        beat_at: now,
        host: hostname(),
        pid_start_ticks: parentTicks() + 1,
      }),
    );
    expect((await loadFleet(await home.open())).snapshot.scheduler.state).toBe('down');
    const daemon = await start();
    try {
      const beat = await readHeartbeat(join(home.root, 'run', 'scheduler.json'));
      expect(beat).toMatchObject({ pid: process.pid, pid_start_ticks: selfStartTicks(), host: hostname() });
    } finally {
      await daemon.stop();
    }
  });
});
