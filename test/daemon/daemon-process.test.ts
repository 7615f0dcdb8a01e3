import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readHeartbeat } from '../../src/fleet/index.js';
import { killPids, waitFor } from '../support/procs.js';
import { makeScheduleHome, type ScheduleHome } from '../support/schedule/home.js';

/**
 * The real thing: `node bin/nightshift.js daemon` on a temp home with a
 * seconds schedule, a watch trigger and a when trigger; runs land in
 * logs/runs.jsonl; SIGTERM stops it with exit 0 and nothing of it is left.
 */
const BIN = join(process.cwd(), 'bin', 'nightshift.js');
const OK = ['sh', '-c', 'echo hello; echo STATUS: OK; echo END_OF_RUN'];

/** Running processes whose environment carries NIGHTSHIFT_HOME=<home>: the runs and conditions the daemon started. */
function processesOf(home: string): number[] {
  const needle = `\0NIGHTSHIFT_HOME=${home}\0`;
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (/\) [ZX] /.test(stat)) continue;
      if (`\0${readFileSync(`/proc/${name}/environ`, 'latin1')}`.includes(needle)) found.push(Number(name));
    } catch {
      // gone, or not ours
    }
  }
  return found;
}

function runs(home: ScheduleHome): Array<{ agent: string; trigger: string; status: string }> {
  const file = join(home.root, 'logs', 'runs.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { agent: string; trigger: string; status: string });
}

let home: ScheduleHome;
let daemon: ChildProcess;
let stdout = '';
let stderr = '';
let exited: Promise<number | null>;

beforeAll(async () => {
  if (!existsSync(join(process.cwd(), 'dist', 'cli', 'main.js')))
    throw new Error('dist/ is not built: run `npm run build` (npm test does)');
  home = await makeScheduleHome();
  await home.writeAgent('tick', {
    runner: { kind: 'command', command: OK },
    trigger: { cron: '*/2 * * * * *', timezone: 'UTC' },
    review: 'none',
  });
  await home.writeAgent('inbox', {
    runner: { kind: 'command', command: OK },
    trigger: { watch: { path: 'drop/*.txt', debounce: '200ms' } },
    review: 'none',
  });
  await home.writeAgent('cond', {
    runner: { kind: 'command', command: OK },
    trigger: { when: { command: 'test -e flag', every: '1s', timeout: '5s' } },
    review: 'none',
  });
  await home.writeAgent('hang', {
    runner: { kind: 'command', command: OK },
    trigger: { when: { command: 'sleep 600', every: '1s', timeout: '10m' } },
    review: 'none',
  });
  daemon = spawn(process.execPath, [BIN, 'daemon', '--home', home.root], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NIGHTSHIFT_HOME: '' },
  });
  daemon.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  daemon.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  exited = new Promise((resolve) => daemon.once('exit', (code) => resolve(code)));
}, 30_000);

afterAll(async () => {
  if (daemon.exitCode === null) daemon.kill('SIGKILL');
  killPids(processesOf(home.root));
  await home.remove();
});

describe('nightshift daemon, as a process', () => {
  test('cron (seconds), watch and when triggers start runs that are recorded; SIGTERM exits 0 and leaves nothing behind', async () => {
    expect(await waitFor(() => runs(home).filter((r) => r.agent === 'tick').length >= 2, 20_000, 100)).toBe(true);
    await writeFile(join(home.root, 'flag'), '');
    // the watched folder does not exist yet: the daemon follows it down when it appears
    await new Promise((r) => setTimeout(r, 300));
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(home.root, 'drop'));
    await new Promise((r) => setTimeout(r, 300));
    await writeFile(join(home.root, 'drop', 'a.txt'), 'x');
    expect(await waitFor(() => runs(home).some((r) => r.agent === 'inbox' && r.trigger === 'watch'), 15_000, 100)).toBe(
      true,
    );
    expect(await waitFor(() => runs(home).some((r) => r.agent === 'cond' && r.trigger === 'when'), 15_000, 100)).toBe(
      true,
    );
    expect(runs(home).every((r) => r.status === 'OK')).toBe(true);
    expect(
      runs(home)
        .filter((r) => r.agent === 'tick')
        .every((r) => r.trigger === 'cron'),
    ).toBe(true);
    // the hanging condition command is in flight
    expect(processesOf(home.root).length).toBeGreaterThan(0);

    daemon.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z nightshift daemon 0\.1\.0 started/);
    expect(stdout).toContain('tick: started run (cron;');
    expect(stdout).toContain('received SIGTERM, stopping');
    expect((await readHeartbeat(join(home.root, 'run', 'scheduler.json')))?.stopped_at).toBeTruthy();
    // runs in flight finish on their own; the hanging condition was killed with the daemon's stop
    expect(await waitFor(() => processesOf(home.root).length === 0, 10_000, 100)).toBe(true);
    expect(readdirSync(join(home.root, 'run')).filter((f) => f.endsWith('.lock') && f !== 'state.lock')).toEqual([]);
  }, 60_000);
});
