import { execFile, spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { lockLiveness, readRunLock, reapStaleLock, runAgent, type RunLock } from '../../src/harness/index.js';
import type { HomePaths } from '../../src/home/index.js';
import { pidsOfRun, waitFor } from '../support/procs.js';
import { transpileForNode } from '../state/support/transpile.js';
import { expectCompleteRecord, makeHome, nodeAgent, type TestHome } from './support/home.js';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const REAPER = fileURLToPath(new URL('./support/reaper.mjs', import.meta.url));

let home: TestHome;
let paths: HomePaths;
beforeEach(async () => {
  home = await makeHome();
  paths = (await home.open()).paths;
});
afterEach(async () => home.remove());

/** A pid that existed and is gone now. */
async function deadPid(): Promise<number> {
  const child = spawn('true');
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

function lockOf(fields: Partial<RunLock>): RunLock {
  return {
    run_id: 'crashed-run',
    agent: 'agent',
    pid: 1,
    pgid: null,
    runner_pid: null,
    cgroup: null,
    started_at: new Date(Date.now() - 5000).toISOString(),
    trigger: 'cron',
    host: hostname(),
    boot_id: null,
    pid_start_ticks: null,
    runner: 'claude',
    model: 'claude-haiku-4-5',
    prompt_sha256: 'p',
    definition_sha256: 'd',
    input_file: '/tmp/log',
    usage: null,
    ...fields,
  };
}

async function writeLock(lock: RunLock): Promise<void> {
  await writeFile(paths.lockFile(lock.agent), JSON.stringify(lock));
}

describe('stale locks become CRASHED records', () => {
  test('a dead harness: one CRASHED record with the last usage it saved; the lock is gone; a second look finds nothing', async () => {
    const usage = { llm_calls: 4, tool_calls: ['Read'], cost_usd: 0.31, cost_basis: 'reported' as const, tokens: { input: 900, output: 80 } };
    await writeLock(lockOf({ pid: await deadPid(), usage }));
    const record = await reapStaleLock(paths, 'agent', { by: 'check' });
    expect(record).toMatchObject({ status: 'CRASHED', run_id: 'crashed-run', trigger: 'cron', runner: 'claude', model: 'claude-haiku-4-5', llm_calls: 4, cost_usd: 0.31, input_file: '/tmp/log' });
    expect(record!.reason).toContain('found by check');
    expect(record!.duration_ms).toBeGreaterThanOrEqual(5000);
    expect(await readRunLock(paths, 'agent')).toBeNull();
    expect(await reapStaleLock(paths, 'agent')).toBeNull();
    const lines = await home.rawRecordLines();
    expect(lines).toHaveLength(1);
    expectCompleteRecord(lines[0]!);
    expect((await readdir(paths.run)).filter((name) => name.startsWith('agent.'))).toEqual([]); // lock and reap markers gone
  });

  test('a live harness is left alone; so is a lock of another host', async () => {
    await writeLock(lockOf({ pid: process.pid }));
    expect(await lockLiveness((await readRunLock(paths, 'agent'))!)).toBe('alive');
    expect(await reapStaleLock(paths, 'agent')).toBeNull();
    await writeLock(lockOf({ pid: await deadPid(), host: 'elsewhere' }));
    expect(await reapStaleLock(paths, 'agent')).toBeNull();
    expect(await home.rawRecordLines()).toEqual([]);
  });

  test('a reused pid (other start time) or another boot is a dead harness', async () => {
    await writeLock(lockOf({ pid: process.pid, pid_start_ticks: 1 }));
    expect(await lockLiveness((await readRunLock(paths, 'agent'))!)).toBe('dead');
    await writeLock(lockOf({ pid: process.pid, boot_id: 'an-earlier-boot' }));
    expect(await lockLiveness((await readRunLock(paths, 'agent'))!)).toBe('dead');
  });

  test('an unreadable lock is reaped too', async () => {
    await writeFile(paths.lockFile('agent'), '{"run_id": "tor');
    const record = await reapStaleLock(paths, 'agent');
    expect(record).toMatchObject({ status: 'CRASHED', agent: 'agent' });
    expect(record!.reason).toContain('unreadable');
  });

  test('a harness that died after appending its record gets no second one', async () => {
    await writeLock(lockOf({ pid: await deadPid() }));
    await writeFile(paths.runsJournal, `${JSON.stringify({ v: 1, run_id: 'crashed-run' })}\n`);
    expect(await reapStaleLock(paths, 'agent')).toBeNull();
    expect(await readRunLock(paths, 'agent')).toBeNull();
  });

  test('a reaper that died holding the marker does not block the next', async () => {
    await writeLock(lockOf({ pid: await deadPid() }));
    await writeFile(join(paths.run, 'agent.reap-crashed-run'), JSON.stringify({ pid: await deadPid(), host: hostname() }));
    expect(await reapStaleLock(paths, 'agent')).toMatchObject({ status: 'CRASHED' });
  });

  test('what the dead harness left running is ended', async () => {
    const orphan = spawn('sh', ['-c', 'trap "" TERM; sleep 60'], { detached: true, stdio: 'ignore', env: { ...process.env, NIGHTSHIFT_RUN_ID: 'crashed-run' } });
    orphan.unref();
    await waitFor(() => pidsOfRun('crashed-run').length > 0);
    await writeLock(lockOf({ pid: await deadPid(), pgid: orphan.pid!, runner_pid: orphan.pid! }));
    await reapStaleLock(paths, 'agent', { graceMs: 100 });
    expect(pidsOfRun('crashed-run')).toEqual([]);
  });

  test('six processes reaping the same stale lock at once write exactly one CRASHED record', async () => {
    // Plain node children cannot import .ts: the modules they need are transpiled once, here.
    const build = await mkdtemp(join(tmpdir(), 'ns-reapers-'));
    await transpileForNode(REPO, 'src/harness/index.ts', build);
    await writeLock(lockOf({ pid: await deadPid() }));
    const startAt = Date.now() + 1000;
    const results = await Promise.all(Array.from({ length: 6 }, () => run(process.execPath, [REAPER, build, home.root, 'agent', String(startAt)], { timeout: 20_000 })));
    await rm(build, { recursive: true, force: true });
    const recorded = results.map((r) => (JSON.parse(r.stdout) as { recorded: boolean }).recorded);
    expect(recorded.filter(Boolean)).toHaveLength(1);
    const lines = await home.rawRecordLines();
    expect(lines).toHaveLength(1);
    expect(expectCompleteRecord(lines[0]!).status).toBe('CRASHED');
    expect((await readdir(paths.run)).filter((name) => name.startsWith('agent.'))).toEqual([]); // lock and reap markers gone
  }, 30_000);

  test('the next run reaps a crashed one, then runs', async () => {
    await writeLock(lockOf({ pid: await deadPid() }));
    await home.writeAgent('agent', nodeAgent(`console.log('STATUS: OK\\nEND_OF_RUN')`));
    const record = await runAgent({ agent: 'agent', home: await home.open() });
    expect(record.status).toBe('OK');
    const statuses = (await home.records()).map((r) => r.status);
    expect(statuses).toEqual(['CRASHED', 'OK']);
  });

  test("the lock names the run while it is in flight, with the runner's group", async () => {
    await home.writeAgent('agent', nodeAgent(`setTimeout(() => console.log('STATUS: OK\\nEND_OF_RUN'), 400)`));
    const running = runAgent({ agent: 'agent', home: await home.open(), trigger: 'cron' });
    await waitFor(() => false, 250);
    const lock = await readRunLock(paths, 'agent');
    const record = await running;
    expect(lock).toMatchObject({ run_id: record.run_id, agent: 'agent', pid: process.pid, trigger: 'cron', host: hostname(), runner: 'command' });
    expect(lock!.pgid).toBeGreaterThan(1);
    expect(JSON.parse(await readFile(paths.runsJournal, 'utf8'))).toMatchObject({ run_id: record.run_id });
  });
});
