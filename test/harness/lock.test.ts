import { execFile, spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { lockLiveness, readRunLock, reapStaleLock, runAgent } from '../../src/harness/index.js';
import { type RunLock } from '../../src/harness/lock.js';
import { pendingWaiterAlive, readPendingRetries } from '../../src/harness/pending-retry.js';
import { findStagedOutput } from '../../src/harness/output-file.js';
import { NightshiftError } from '../../src/shared/errors.js';
import { AppendError } from '../../src/journal/append.js';
import { portsFor, says, scriptedRunner } from './support/scripted-runner.js';
import type { HomePaths } from '../../src/home/index.js';
import { deadPid, pidsOfRun, waitFor } from '../support/procs.js';
import { makeRunRecord } from '../support/run-record.js';
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
    lease_ms: null,
    boot_id: null,
    pid_start_ticks: null,
    runner: 'claude',
    model: 'claude-haiku-4-5',
    prompt_sha256: 'p',
    definition_sha256: 'd',
    input_file: '/tmp/log',
    attempt: null,
    usage: null,
    output: null,
    ...fields,
  };
}

async function writeLock(lock: RunLock): Promise<void> {
  await writeFile(paths.lockFile(lock.agent), JSON.stringify(lock));
}

describe('stale locks become CRASHED records', () => {
  test('a dead harness: one CRASHED record with the last usage it saved; the lock is gone; a second look finds nothing', async () => {
    const usage = {
      llm_calls: 4,
      tool_calls: ['Read'],
      cost_usd: 0.31,
      cost_basis: 'reported' as const,
      tokens: { input: 900, output: 80 },
    };
    await writeLock(lockOf({ pid: await deadPid(), usage }));
    await writeFile(join(paths.run, 'agent.live.jsonl'), '{"type":"start"}\n'); // the crashed run's live view
    const record = await reapStaleLock(paths, 'agent', { by: 'check' });
    expect(record).toMatchObject({
      status: 'CRASHED',
      run_id: 'crashed-run',
      trigger: 'cron',
      runner: 'claude',
      model: 'claude-haiku-4-5',
      llm_calls: 4,
      cost_usd: 0.31,
      input_file: '/tmp/log',
    });
    expect(record!.reason).toContain('found by check');
    expect(record!.duration_ms).toBeGreaterThanOrEqual(5000);
    expect(await readRunLock(paths, 'agent')).toBeNull();
    expect(await reapStaleLock(paths, 'agent')).toBeNull();
    const lines = await home.rawRecordLines();
    expect(lines).toHaveLength(1);
    expectCompleteRecord(lines[0]!);
    expect((await readdir(paths.run)).filter((name) => name.startsWith('agent.'))).toEqual([]); // lock, live file and reap markers gone
  });

  test('an attempt whose policy retries CRASHED: the record carries the attempt, and the next one is written down for the daemon', async () => {
    const attempt = { number: 1, first_run_id: 'crashed-run', crash_retry: { attempt: 2, wait_ms: 60_000 } };
    await writeLock(lockOf({ pid: await deadPid(), attempt }));
    const record = await reapStaleLock(paths, 'agent', { by: 'check' });
    expect(record).toMatchObject({ status: 'CRASHED', attempt: 1, first_run_id: 'crashed-run' });
    const [pending] = await readPendingRetries(paths);
    expect(pending).toMatchObject({
      agent: 'agent',
      attempt: 2,
      first_run_id: 'crashed-run',
      trigger: 'cron',
      pid: null,
    });
    expect(Date.parse(pending!.due_at)).toBe(Date.parse(record!.ended_at) + 60_000);
    // nobody waits for it: the daemon starts it once due
    expect(pendingWaiterAlive(pending!)).toBe(false);
  });

  test('the last attempt, or a policy that does not retry CRASHED: the attempt is recorded, nothing is written down', async () => {
    await writeLock(lockOf({ pid: await deadPid(), attempt: { number: 3, first_run_id: 'first', crash_retry: null } }));
    expect(await reapStaleLock(paths, 'agent')).toMatchObject({ attempt: 3, first_run_id: 'first' });
    expect(await readPendingRetries(paths)).toEqual([]);
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
    const at = new Date(Date.now() - 1000).toISOString();
    await writeFile(
      paths.runsJournal,
      `${JSON.stringify(makeRunRecord({ run_id: 'crashed-run', agent: 'agent', started_at: at, ended_at: at, duration_ms: 0 }))}\n`,
    );
    expect(await reapStaleLock(paths, 'agent')).toBeNull();
    expect(await readRunLock(paths, 'agent')).toBeNull();
  });

  test('a torn fragment of its record is no proof that the run was recorded: it is recorded CRASHED, once, on a line of its own', async () => {
    await writeLock(lockOf({ pid: await deadPid() }));
    const at = new Date(Date.now() - 1000).toISOString();
    const whole = JSON.stringify(
      makeRunRecord({ run_id: 'crashed-run', agent: 'agent', started_at: at, ended_at: at, duration_ms: 0 }),
    );
    const torn = whole.slice(0, whole.length - 40); // a write the disk cut short, with the run id in it
    // another record that merely quotes the id is no proof either
    const quoting = JSON.stringify({ v: 1, note: '"run_id":"crashed-run"' });
    await writeFile(paths.runsJournal, `${quoting}\n${torn}`);
    const record = await reapStaleLock(paths, 'agent');
    expect(record).toMatchObject({ status: 'CRASHED', run_id: 'crashed-run' });
    const lines = (await readFile(paths.runsJournal, 'utf8')).split('\n');
    expect(lines).toEqual([quoting, torn, JSON.stringify(record), '']);
    expect(await reapStaleLock(paths, 'agent')).toBeNull();
  });

  test(
    'the output is found by the inode the lock names, not by its name: one staged but never named is not ' +
      'claimed, nor a same-day output of an earlier run',
    async () => {
      const dir = join(home.root, 'outputs', 'agent');
      await home.writeFile('outputs/agent/2026-11-24.md', 'an earlier run\n');
      await home.writeFile('outputs/agent/2026-11-24-2.md', 'this run\n');
      await home.writeFile('outputs/agent/.2026-11-24.123.abcd.tmp', 'a temp file\n');
      const ino = (name: string) => stat(join(dir, name), { bigint: true }).then((info) => info.ino.toString());
      expect(await findStagedOutput(dir, { stamp: '2026-11-24', ino: await ino('2026-11-24-2.md') })).toEqual({
        path: join(dir, '2026-11-24-2.md'),
        sizeBytes: 9,
      });
      expect(await findStagedOutput(dir, { stamp: '2026-11-25', ino: await ino('2026-11-24.md') })).toBeNull();

      // staged (the temp file), then the harness died before naming it: the CRASHED record names no output
      await writeLock(
        lockOf({
          pid: await deadPid(),
          output: { stamp: '2026-11-24', ino: await ino('.2026-11-24.123.abcd.tmp'), size_bytes: 12 },
        }),
      );
      expect(await reapStaleLock(paths, 'agent')).toMatchObject({ status: 'CRASHED', output_file: null });
      // named: the record names the -2 file, not the earlier run's
      await writeLock(
        lockOf({
          run_id: 'named-run',
          pid: await deadPid(),
          output: { stamp: '2026-11-24', ino: await ino('2026-11-24-2.md'), size_bytes: 9 },
        }),
      );
      expect(await reapStaleLock(paths, 'agent')).toMatchObject({
        status: 'CRASHED',
        output_file: 'outputs/agent/2026-11-24-2.md',
        output_size_bytes: 9,
      });
      expect(await readFile(join(dir, '2026-11-24.md'), 'utf8')).toBe('an earlier run\n');
    },
  );

  test('a reaper that died holding the marker does not block the next', async () => {
    await writeLock(lockOf({ pid: await deadPid() }));
    await writeFile(
      join(paths.run, 'agent.reap-crashed-run'),
      JSON.stringify({ pid: await deadPid(), host: hostname() }),
    );
    expect(await reapStaleLock(paths, 'agent')).toMatchObject({ status: 'CRASHED' });
  });

  test('what the dead harness left running is ended', async () => {
    const orphan = spawn('sh', ['-c', 'trap "" TERM; sleep 60'], {
      detached: true,
      stdio: 'ignore',
      env: { ...process.env, NIGHTSHIFT_RUN_ID: 'crashed-run' },
    });
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
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        run(process.execPath, [REAPER, build, home.root, 'agent', String(startAt)], { timeout: 20_000 }),
      ),
    );
    await rm(build, { recursive: true, force: true });
    const recorded = results.map((r) => (JSON.parse(r.stdout) as { recorded: boolean }).recorded);
    expect(recorded.filter(Boolean)).toHaveLength(1);
    const lines = await home.rawRecordLines();
    expect(lines).toHaveLength(1);
    expect(expectCompleteRecord(lines[0]!).status).toBe('CRASHED');
    expect((await readdir(paths.run)).filter((name) => name.startsWith('agent.'))).toEqual([]); // lock, live file and reap markers gone
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
    await home.writeAgent('agent', nodeAgent(`setTimeout(() => console.log('STATUS: OK\\nEND_OF_RUN'), 1500)`));
    const running = runAgent({ agent: 'agent', home: await home.open(), trigger: 'cron' });
    // polled, not a fixed wait: on a loaded machine the runner may take a while to spawn
    let lock: RunLock | null = null;
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && !lock?.pgid) {
      lock = await readRunLock(paths, 'agent');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const record = await running;
    expect(lock).toMatchObject({
      run_id: record.run_id,
      agent: 'agent',
      pid: process.pid,
      trigger: 'cron',
      host: hostname(),
      runner: 'command',
    });
    expect(lock!.pgid).toBeGreaterThan(1);
    expect(JSON.parse(await readFile(paths.runsJournal, 'utf8'))).toMatchObject({ run_id: record.run_id });
  });
});

const SCRIPTED = { kind: 'command', command: ['unused'] };
const noTerminate = { terminateRun: async () => undefined };

/** The journal refuses every run record, as a full disk does. */
function refusingJournal(): { appendRunRecord: () => Promise<void> } {
  return {
    appendRunRecord: async () => {
      throw new AppendError(paths.runsJournal, 'no space left on device (ENOSPC)', {
        expected: 'a record appended',
        actual: 'ENOSPC',
        kept: 'the record was not written; the journal is unchanged (0 bytes)',
      });
    },
  };
}

/** A run whose record cannot be written (the journal refuses the append): its output is never left without a record that names it. */
describe('a run whose record cannot be written', () => {
  test('keeps its lock, which names the published output and the final usage; the next look records it once as CRASHED naming that output', async () => {
    await home.writeAgent('agent', { runner: SCRIPTED });
    const runner = scriptedRunner(
      says('- a\nSTATUS: OK\nEND_OF_RUN\n', { llmCalls: 2, costUsd: 0.25, costBasis: 'table' }),
    );
    const error = await runAgent({
      agent: 'agent',
      home: await home.open(),
      ports: portsFor(runner, refusingJournal()),
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(NightshiftError);
    const failure = error as NightshiftError;
    expect(failure.exitCode).toBe(3);
    expect(failure.message).toContain(`${paths.runsJournal}: no space left on device (ENOSPC)`);
    const [published] = await readdir(join(home.root, 'outputs', 'agent'));
    expect(published).toMatch(/^\d{4}-\d{2}-\d{2}T\d{6}\.md$/);
    const output = `outputs/agent/${published}`;
    expect(failure.message).toContain(`Kept: its output ${output} and its lock run/agent.lock`);
    expect(failure.message).toContain('records the run once as CRASHED, naming the output');

    const lock = await readRunLock(paths, 'agent');
    const size = (await stat(join(home.root, output))).size;
    expect(lock?.output).toEqual({
      stamp: published!.slice(0, -'.md'.length),
      ino: expect.stringMatching(/^\d+$/),
      size_bytes: size,
    });
    expect(lock?.usage).toMatchObject({ llm_calls: 2, cost_usd: 0.25 });
    expect(await home.rawRecordLines()).toEqual([]);

    // the harness process ends (here: the test's own pid is swapped for one that is gone)
    await writeFile(paths.lockFile('agent'), JSON.stringify({ ...lock, pid: await deadPid() }));
    const record = await reapStaleLock(paths, 'agent', { by: 'check', ports: noTerminate });
    expect(record).toMatchObject({
      status: 'CRASHED',
      run_id: lock!.run_id,
      output_file: output,
      output_size_bytes: size,
      llm_calls: 2,
      cost_usd: 0.25,
    });
    expect(record!.reason).toContain('its output was published');
    expect(await reapStaleLock(paths, 'agent', { by: 'check', ports: noTerminate })).toBeNull();
    const lines = await home.rawRecordLines();
    expect(lines).toHaveLength(1);
    expect(expectCompleteRecord(lines[0]!)).toEqual(record);
    expect(await readRunLock(paths, 'agent')).toBeNull();
  });
});
