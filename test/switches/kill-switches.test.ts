import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { readRunLock } from '../../src/harness/index.js';
import { openHome } from '../../src/home/index.js';
import { changeRecordSchema, runRecordSchema, type RunRecord } from '../../src/journal/index.js';
import { readState } from '../../src/state/index.js';
import { probeContainment } from '../../src/runners/index.js';
import { killPids, pidsOfRun, pidsWithCommand, waitFor } from '../support/procs.js';

/**
 * The kill switches end to end: the CLI (and scripts/disable-agent.sh)
 * against real runs of a command agent whose script leaves an escaped
 * setsid child behind. After a kill nothing carrying the run's
 * NIGHTSHIFT_RUN_ID is left in /proc.
 */
const BIN = join(process.cwd(), 'bin', 'nightshift.js');
const GRACE_MS = 500;

/** Starts a setsid child that ignores SIGTERM (an escapee), then works until killed. */
const STUBBORN = `
const { spawn } = require('node:child_process');
spawn('setsid', ['sh', '-c', 'trap "" TERM; sleep 120'], { stdio: 'ignore', detached: true }).unref();
process.on('SIGTERM', () => {});
console.log('working');
setInterval(() => {}, 1000);
`;

let root: string;
const started: ChildProcess[] = [];
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ns-switch-'));
  const init = spawnSync(process.execPath, [BIN, 'init', '--home', root], { encoding: 'utf8' });
  expect(init.status).toBe(0);
  await writeFile(join(root, 'nightshift.yaml'), `timezone: UTC\nharness:\n  kill_grace: ${GRACE_MS}ms\n`);
  for (const name of ['worker', 'other']) {
    await writeFile(
      join(root, 'agents', `${name}.md`),
      `---\nname: ${name}\ndescription: works until killed\nrunner:\n  kind: command\n` +
        `  command: ["${process.execPath}", "-e", ${JSON.stringify(STUBBORN)}]\nlimits:\n  time: 2m\n` +
        'review: none\n---\nWork.\n',
    );
  }
});
/** The double-forked escapee of issue 12: it leaves the session and clears its environment, so only a cgroup holds it. */
const ESCAPEE = `( setsid env -i bash -c 'trap "" TERM; exec sleep 3103' & ); sleep 3104 & wait`;
const leftovers = () => [
  ...pidsWithCommand(['sleep', '3103']),
  ...pidsWithCommand(['sleep', '3104']),
  ...pidsWithCommand(['sleep', '3105']),
];

afterEach(async () => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
  started.length = 0;
  killPids(leftovers());
  await rm(root, { recursive: true, force: true });
});

const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args, '--home', root], { encoding: 'utf8' });

/** What `nightshift check --json` leaves open. */
const openAlerts = () => (JSON.parse(cli('check', '--json').stdout) as { open: Array<{ key: string }> }).open;

/** `nightshift run <agent>` in the background, resolved once its runner is up (the lock names its group). */
async function startRun(
  agent: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ runId: string; child: ChildProcess; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [BIN, 'run', agent, '--home', root], {
    stdio: 'ignore',
    env: { ...process.env, ...env },
  });
  started.push(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const paths = (await openHome(root)).paths;
  let runId = '';
  const up = await waitFor(
    () => {
      const file = paths.lockFile(agent);
      if (!existsSync(file)) return false;
      try {
        const lock = JSON.parse(readFileSync(file, 'utf8')) as { run_id: string; pgid: number | null };
        runId = lock.run_id;
        return lock.pgid !== null && pidsOfRun(lock.run_id).length >= 2;
      } catch {
        return false;
      }
    },
    15_000,
    50,
  );
  expect(up).toBe(true);
  return { runId, child, exited };
}

function records(): RunRecord[] {
  const file = join(root, 'logs', 'runs.jsonl');
  return existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => runRecordSchema.parse(JSON.parse(l)))
    : [];
}

function changes() {
  return readFileSync(join(root, 'logs', 'changes.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => changeRecordSchema.parse(JSON.parse(l)));
}

describe('kill switches against real runs', () => {
  test('kill: the run and its escaped setsid child are gone within the grace + 1 s; the run is recorded', async () => {
    const run = await startRun('worker');
    const kill = spawnSync(process.execPath, [BIN, 'kill', 'worker', '--reason', 'stuck', '--json', '--home', root], {
      encoding: 'utf8',
    });
    expect(kill.status).toBe(0);
    const outcome = JSON.parse(kill.stdout) as { outcome: string; ms: number };
    expect(outcome.outcome).toBe('killed');
    expect(outcome.ms).toBeLessThan(GRACE_MS + 1000);
    expect(pidsOfRun(run.runId)).toEqual([]);
    expect(await run.exited).not.toBeNull();
    expect(records()).toEqual([
      expect.objectContaining({ run_id: run.runId, status: 'KILLED', reason: expect.stringContaining('stuck') }),
    ]);
    expect(changes().at(-1)).toMatchObject({ action: 'kill', agent: 'worker', reason: 'stuck', source: 'cli' });
    expect(cli('kill', 'worker').status).toBe(1); // nothing running any more
    // an operator's kill is no failure: no alert after the run, none from `check`
    expect(
      existsSync(join(root, 'logs', 'alerts.jsonl')) ? readFileSync(join(root, 'logs', 'alerts.jsonl'), 'utf8') : '',
    ).toBe('');
    expect(openAlerts()).toEqual([]);
    killPids(pidsOfRun(run.runId));
  }, 40_000);

  test('a nightshift.yaml broken while a run is in flight: kill, pause and stop-all still work, saying so; status refuses', async () => {
    const run = await startRun('worker');
    await writeFile(join(root, 'nightshift.yaml'), 'timezone: Mars/Olympus\nharness:\n  kill_grace: soon\n');
    const kill = cli('kill', 'worker', '--reason', 'config typo night');
    expect(kill.status, kill.stderr).toBe(0);
    expect(kill.stderr).toMatch(/warning: .*nightshift\.yaml: is not valid/);
    expect(kill.stderr).toMatch(/kill_grace/);
    // the settings the file had before the typo (the parse cache keeps the last valid ones), not the defaults
    expect(kill.stderr).toContain("goes on with the file's last valid settings");
    expect(pidsOfRun(run.runId)).toEqual([]);
    expect(await run.exited).not.toBeNull();
    expect(cli('pause', 'other', '--reason', 'while fixing').status).toBe(0);
    expect(cli('stop-all', '--reason', 'incident').status).toBe(0);
    expect((await readState({ state: join(root, 'state.json') })).global).toMatchObject({ stopped: true });
    // every other command names the fields to fix
    const status = cli('status');
    expect(status.status).toBe(3);
    expect(status.stderr).toMatch(/timezone/);
  }, 40_000);

  test('stop-all with a corrupt state.json: the stop cannot be recorded, but every run in flight is killed, and it says so', async () => {
    const run = await startRun('worker');
    await writeFile(join(root, 'state.json'), '{"agents": [');
    const stop = cli('stop-all', '--reason', 'incident');
    expect(stop.status).toBe(3);
    expect(stop.stderr).toMatch(
      /state\.json: is not valid JSON.*the global stop is not recorded, but every run in flight was killed \(worker\)/s,
    );
    expect(pidsOfRun(run.runId)).toEqual([]);
    expect(await run.exited).not.toBeNull();
    expect(readFileSync(join(root, 'state.json'), 'utf8')).toBe('{"agents": ['); // left as it was, for a person
  }, 40_000);

  test('stop-all: every run in flight killed, new runs refused until start-all', async () => {
    const a = await startRun('worker');
    const b = await startRun('other');
    const stop = cli('stop-all', '--reason', 'incident');
    expect(stop.status).toBe(0);
    expect(stop.stdout).toContain('Global stop is ON');
    expect(pidsOfRun(a.runId)).toEqual([]);
    expect(pidsOfRun(b.runId)).toEqual([]);
    expect((await readState({ state: join(root, 'state.json') })).global).toMatchObject({
      stopped: true,
      reason: 'incident',
    });
    const refused = cli('run', 'worker', '--json');
    expect(JSON.parse(refused.stdout)).toMatchObject({ status: 'SKIPPED', reason: 'stopped' });
    expect(records().map((r) => r.status)).toEqual(['KILLED', 'KILLED', 'SKIPPED']); // the last: refused by the stop
    expect(openAlerts()).toEqual([]);
    expect(cli('start-all').status).toBe(0);
    const again = await startRun('worker');
    expect(cli('kill', 'worker').status).toBe(0);
    expect(pidsOfRun(again.runId)).toEqual([]);
  }, 60_000);

  test('stop-all with one lock that cannot be read: that agent is named (exit 1); the stop is on and every other run is killed', async () => {
    const a = await startRun('worker');
    await mkdir(join(root, 'run', 'other.lock'));
    const stop = cli('stop-all', '--reason', 'incident');
    expect(stop.stderr).not.toContain('internal error');
    expect(stop.status).toBe(1);
    expect(stop.stdout).toContain('Killed the run of worker');
    expect(stop.stdout).toMatch(/ERROR other: could not work out its run in flight, to kill it: EISDIR/);
    expect(pidsOfRun(a.runId)).toEqual([]);
    expect((await readState({ state: join(root, 'state.json') })).global).toMatchObject({
      stopped: true,
      reason: 'incident',
    });
  }, 60_000);

  test('scripts/disable-agent.sh (written by init) disables the agent and kills its run, through the same code', async () => {
    const run = await startRun('worker');
    const script = spawnSync('sh', [join(root, 'scripts', 'disable-agent.sh'), 'worker', 'runaway costs'], {
      encoding: 'utf8',
      env: { ...process.env, PATH: '/usr/bin:/bin' },
    });
    expect(script.status).toBe(0);
    expect(pidsOfRun(run.runId)).toEqual([]);
    const state = await readState({ state: join(root, 'state.json') });
    expect(state.agents.worker).toMatchObject({ state: 'disabled', reason: 'runaway costs' });
    expect(changes().map((c) => `${c.action} ${c.agent} ${c.reason}`)).toEqual([
      'disable worker runaway costs',
      'kill worker runaway costs',
    ]);
    expect(JSON.parse(cli('run', 'worker', '--json').stdout)).toMatchObject({ status: 'SKIPPED', reason: 'disabled' });
    // nothing running: the script still succeeds
    expect(spawnSync('sh', [join(root, 'scripts', 'disable-agent.sh'), 'other'], { encoding: 'utf8' }).status).toBe(0);
  }, 40_000);

  test('pause --until: refused while paused, resumes by itself after the time passes (recorded by check)', async () => {
    expect(cli('pause', 'worker', '--until', '10m', '--reason', 'maintenance').status).toBe(0);
    expect(JSON.parse(cli('run', 'worker', '--json').stdout)).toMatchObject({ status: 'SKIPPED', reason: 'paused' });
    // the ten minutes pass: the end is moved into the past in the file, so no sleep has to be long enough
    const statePath = join(root, 'state.json');
    const state = JSON.parse(readFileSync(statePath, 'utf8')) as { agents: Record<string, { paused_until: string }> };
    expect(Date.parse(state.agents.worker!.paused_until)).toBeGreaterThan(Date.now());
    state.agents.worker!.paused_until = new Date(Date.now() - 1000).toISOString();
    await writeFile(statePath, JSON.stringify(state, null, 2) + '\n');
    const check = cli('check', '--json');
    const result = JSON.parse(check.stdout) as {
      changes: Array<{ action: string; agent: string; by: string; source: string }>;
    };
    expect(result.changes).toEqual([
      expect.objectContaining({ action: 'auto-resume', agent: 'worker', by: 'nightshift', source: 'watchdog' }),
    ]);
    expect((await readState({ state: join(root, 'state.json') })).agents.worker).toMatchObject({ state: 'enabled' });
    expect(changes().map((c) => c.action)).toEqual(['pause', 'auto-resume']);
    expect(await readRunLock((await openHome(root)).paths, 'worker')).toBeNull();
  }, 30_000);
});

describe('kill reaches everything the run started, and says truthfully what it did', () => {
  async function writeEscapeeAgent(): Promise<void> {
    await writeFile(
      join(root, 'agents', 'escapee.md'),
      '---\nname: escapee\ndescription: escapes\nrunner:\n  kind: command\n' +
        `  command: ${JSON.stringify(['bash', '-c', ESCAPEE])}\nlimits:\n  time: 2m\nreview: none\n---\nWork.\n`,
    );
  }

  test(
    'a double-forked escapee that clears its environment is ended by `nightshift kill` (the run has its own ' +
      'cgroup); the record names the containment',
    async () => {
      const here = await probeContainment(process.env);
      await writeEscapeeAgent();
      const run = await startRun('escapee');
      expect(
        await waitFor(
          () => pidsWithCommand(['sleep', '3103']).length === 1 && pidsWithCommand(['sleep', '3104']).length === 1,
          15_000,
        ),
      ).toBe(true);
      const lock = await readRunLock((await openHome(root)).paths, 'escapee');
      expect(lock?.cgroup ?? null).toEqual(
        here.containment === 'cgroup' ? expect.stringContaining(`nightshift-run-${run.runId}`) : null,
      );

      const kill = cli('kill', 'escapee', '--reason', 'escaped');
      expect(kill.status).toBe(0);
      expect(kill.stdout).toMatch(/^Killed run /);
      expect(await run.exited).not.toBeNull();
      expect(records()).toEqual([
        expect.objectContaining({ run_id: run.runId, status: 'KILLED', containment: here.containment }),
      ]);
      if (here.containment === 'cgroup') {
        expect(await waitFor(() => leftovers().length === 0, 5000)).toBe(true);
        expect(existsSync(lock!.cgroup!)).toBe(false);
      } else {
        // the sweep's known limit, which doctor states: only the child that kept its environment is found
        expect(await waitFor(() => pidsWithCommand(['sleep', '3104']).length === 0, 5000)).toBe(true);
      }
    },
    40_000,
  );

  test('the harness SIGKILLed mid-run: `kill` says the lock was stale, and what the run left (the escapee too, by its cgroup) is ended', async () => {
    const here = await probeContainment(process.env);
    await writeEscapeeAgent();
    const run = await startRun('escapee');
    expect(
      await waitFor(
        () => pidsWithCommand(['sleep', '3103']).length === 1 && pidsWithCommand(['sleep', '3104']).length === 1,
        15_000,
      ),
    ).toBe(true);
    const lock = (await readRunLock((await openHome(root)).paths, 'escapee'))!;
    process.kill(lock.pid, 'SIGKILL');
    await run.exited;
    const kill = cli('kill', 'escapee');
    expect(kill.status).toBe(0);
    expect(kill.stdout).toBe(
      `No run of escapee was in flight: its lock (run ${run.runId}) was stale, its harness (pid ${lock.pid}) ` +
        'is gone; the processes it left running were ended. Recorded as CRASHED.\n',
    );
    expect(records()).toEqual([
      expect.objectContaining({ run_id: run.runId, status: 'CRASHED', containment: here.containment }),
    ]);
    if (here.containment === 'cgroup') {
      expect(await waitFor(() => leftovers().length === 0, 5000)).toBe(true);
      expect(existsSync(lock.cgroup!)).toBe(false);
    }
  }, 40_000);

  test('NIGHTSHIFT_CONTAINMENT=sweep: no cgroup, the record says "sweep", and kill still ends the run and its setsid child', async () => {
    const run = await startRun('worker', { NIGHTSHIFT_CONTAINMENT: 'sweep' });
    expect((await readRunLock((await openHome(root)).paths, 'worker'))?.cgroup).toBeNull();
    const kill = cli('kill', 'worker');
    expect(kill.status).toBe(0);
    expect(await waitFor(() => pidsOfRun(run.runId).length === 0, 5000)).toBe(true);
    expect(await run.exited).not.toBeNull();
    expect(records()).toEqual([expect.objectContaining({ run_id: run.runId, status: 'KILLED', containment: 'sweep' })]);
  }, 40_000);

  test('a forged lock naming a live process that is no nightshift run: said so, exit 1, nothing signalled, nothing recorded', async () => {
    const stranger = spawn('sleep', ['3105'], { stdio: 'ignore', detached: true });
    started.push(stranger);
    await waitFor(() => pidsWithCommand(['sleep', '3105']).length === 1);
    const stat = readFileSync(`/proc/${stranger.pid}/stat`, 'utf8');
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const paths = (await openHome(root)).paths;
    // as a forger would write it: with the stranger's real start ticks, and without any
    for (const pidStartTicks of [ticks, null]) {
      const lock = {
        run_id: 'forged-run',
        agent: 'worker',
        pid: stranger.pid,
        pgid: stranger.pid,
        runner_pid: stranger.pid,
        started_at: new Date().toISOString(),
        trigger: 'manual',
        host: hostname(),
        pid_start_ticks: pidStartTicks,
      };
      await writeFile(paths.lockFile('worker'), JSON.stringify(lock));
      const kill = cli('kill', 'worker');
      expect(kill.status).toBe(1);
      expect(kill.stdout).toMatch(/^Nothing was killed: .*pid \d+ \(sleep 3105\).* is not a nightshift run/);
      expect(kill.stdout).not.toContain('Killed run');
      expect(pidsWithCommand(['sleep', '3105'])).toEqual([stranger.pid]);
      expect(existsSync(paths.lockFile('worker'))).toBe(true);
      expect(existsSync(join(paths.run, 'worker.kill'))).toBe(false);
    }
    expect(records()).toEqual([]);
    expect(existsSync(join(root, 'logs', 'changes.jsonl')) ? changes().filter((c) => c.action === 'kill') : []).toEqual(
      [],
    );
  }, 40_000);

  test('a stale lock (its harness gone): said so and recorded as CRASHED, never "Killed run"', async () => {
    const gone = spawnSync('true').pid;
    const paths = (await openHome(root)).paths;
    const lock = {
      run_id: 'stale-run',
      agent: 'worker',
      pid: gone,
      pgid: null,
      runner_pid: null,
      started_at: new Date(Date.now() - 60_000).toISOString(),
      trigger: 'cron',
      host: hostname(),
    };
    await writeFile(paths.lockFile('worker'), JSON.stringify(lock));
    const kill = cli('kill', 'worker');
    expect(kill.status).toBe(0);
    expect(kill.stdout).toBe(
      `No run of worker was in flight: its lock (run stale-run) was stale, its harness (pid ${gone}) is gone. Recorded as CRASHED.\n`,
    );
    expect(records()).toEqual([expect.objectContaining({ run_id: 'stale-run', status: 'CRASHED', containment: null })]);
    expect(existsSync(paths.lockFile('worker'))).toBe(false);
  }, 40_000);
});
