import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { killRun, readRunLock, runAgent } from '../../src/harness/index.js';
import { readKillMarker } from '../../src/harness/kill.js';
import { appendRecord } from '../../src/journal/index.js';
import { AGENT_STATUSES, type RunRecord } from '../../src/journal/records.js';
import { applyChange } from '../../src/state/index.js';
import { expectCompleteRecord, makeHome, type TestHome } from './support/home.js';
import { hangs, portsFor, says, scriptedRunner, usage, type Script } from './support/scripted-runner.js';

/**
 * The whole run sequence in-process, with a scripted runner (no process): every
 * status the harness sets or passes through, each with its complete record.
 */
let home: TestHome;
beforeEach(async () => {
  home = await makeHome();
});
afterEach(async () => home.remove());

const RUNNER = { kind: 'command', command: ['unused'] };

async function run(
  script: Script,
  front: Record<string, unknown> = {},
  options: Partial<Parameters<typeof runAgent>[0]> = {},
) {
  await home.writeAgent('agent', { runner: RUNNER, ...front });
  const runner = scriptedRunner(script);
  const ports = portsFor(runner);
  const before = (await home.rawRecordLines()).length;
  const record = await runAgent({ agent: 'agent', home: await home.open(), ports, ...options });
  const lines = await home.rawRecordLines();
  expect(lines).toHaveLength(before + 1);
  const written = expectCompleteRecord(lines.at(-1)!);
  expect(written).toEqual(record);
  expect(await readRunLock((await home.open()).paths, 'agent')).toBeNull();
  return { record, runner, ports };
}

async function outputFiles(): Promise<string[]> {
  try {
    return (await readdir(join(home.root, 'outputs', 'agent'))).sort();
  } catch {
    return [];
  }
}

describe('declared statuses', () => {
  test.each(AGENT_STATUSES.map((s) => [s]))('%s is recorded as declared, with the output published', async (status) => {
    const { record, runner } = await run(
      says(`- one\nSTATUS: ${status}\nEND_OF_RUN\n`, {
        llmCalls: 1,
        toolCalls: ['Read'],
        costUsd: 0.01,
        costBasis: 'reported',
      }),
    );
    expect(record).toMatchObject({
      status,
      reason: null,
      limit_hit: null,
      llm_calls: 1,
      tool_calls: ['Read'],
      cost_usd: 0.01,
      cost_basis: 'reported',
      runner: 'command',
      trigger: 'manual',
      exit_code: 0,
    });
    expect(record.output_file).toMatch(/^outputs\/agent\/\d{4}-\d{2}-\d{2}T\d{6}\.md$/);
    const file = join(home.root, record.output_file!);
    expect(await readFile(file, 'utf8')).toBe(`- one\nSTATUS: ${status}\nEND_OF_RUN\n`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(record.output_size_bytes).toBe((await stat(file)).size);
    expect(runner.calls[0]!.env.NIGHTSHIFT_RUN_ID).toBe(record.run_id);
  });

  test('an unknown word is ERROR, with the word in the reason', async () => {
    const { record } = await run(says('STATUS: FINISHED\nEND_OF_RUN\n'));
    expect(record.status).toBe('ERROR');
    expect(record.reason).toContain('FINISHED');
  });

  test('no END_OF_RUN is NO_END; the output is still kept for the review', async () => {
    const { record } = await run(says('- one\nSTATUS: OK\n'));
    expect(record).toMatchObject({ status: 'NO_END', reason: 'no END_OF_RUN line; the last line is "STATUS: OK"' });
    expect(record.output_file).not.toBeNull();
  });

  test('OK that breaks output.expect is BAD_FORMAT', async () => {
    const { record } = await run(says('- one\nSTATUS: OK\nEND_OF_RUN\n'), {
      output: { expect: { bullets: 3, max_words: 500 } },
    });
    expect(record).toMatchObject({ status: 'BAD_FORMAT', reason: 'STATUS: OK but expected 3 bullets, found 1' });
  });

  test('the prompt gets {date} filled, the task names the input, the env carries the run id', async () => {
    await home.writeFile('log.txt', 'a line\n');
    const { runner, record } = await run(
      says('STATUS: OK\nEND_OF_RUN'),
      { input: { path: 'log.txt' } },
      { env: { PATH: process.env.PATH } },
    );
    const input = runner.calls[0]!;
    expect(input.systemPrompt).toMatch(/Day summary \(\d{4}-\d{2}-\d{2}\):/);
    expect(input.inputPath).toBe(join(home.root, 'log.txt'));
    expect(input.task).toContain(join(home.root, 'log.txt'));
    expect(input.env).toMatchObject({
      NIGHTSHIFT_RUN_ID: record.run_id,
      NIGHTSHIFT_AGENT: 'agent',
      NIGHTSHIFT_HOME: home.root,
    });
    expect(record).toMatchObject({ input_file: join(home.root, 'log.txt'), input_size_bytes: 7 });
  });
});

describe('limits end the run', () => {
  const limits = { time: '300ms', calls: 2, tool_calls: 3, cost_usd: 0.5, output_bytes: 64 };
  const reportsThenHangs =
    (report: (e: Parameters<Script>[1]) => void): Script =>
    async (i, e) => {
      report(e);
      await hangs(i, e);
    };
  const cases: Array<[string, Script, string, string]> = [
    ['calls', reportsThenHangs((e) => e.usage(usage({ llmCalls: 3 }))), 'CALL_LIMIT', 'calls'],
    [
      'tool calls',
      reportsThenHangs((e) => e.usage(usage({ toolCalls: ['Read', 'Read', 'Bash', 'Bash'] }))),
      'CALL_LIMIT',
      'tool_calls',
    ],
    ['cost', reportsThenHangs((e) => e.usage(usage({ costUsd: 0.51, costBasis: 'table' }))), 'COST_LIMIT', 'cost_usd'],
    ['output', reportsThenHangs((e) => e.output('x'.repeat(100))), 'OUTPUT_LIMIT', 'output_bytes'],
    ['time', hangs, 'TIMEOUT', 'time'],
  ];
  test.each(cases)('%s: limit_hit set, no output file and no temp file', async (_name, script, status, limit) => {
    const { record } = await run(script, { limits });
    expect(record.status).toBe(status);
    expect(record.limit_hit?.limit).toBe(limit);
    expect(record.limit_hit!.observed).toBeGreaterThan(limit === 'time' ? 299 : record.limit_hit!.max);
    expect(record).toMatchObject({ output_file: null, output_size_bytes: 0 });
    expect(record.reason).toBeTruthy();
    expect(await outputFiles()).toEqual([]);
  });

  test('the rest of the monthly budget caps the run', async () => {
    const paths = (await home.open()).paths;
    await appendRecord(paths.runsJournal, { ...(await pastRun('agent', 4.8)) });
    const { record } = await run(
      reportsThenHangs((e) => e.usage(usage({ costUsd: 0.3 }))),
      { budget: { monthly_usd: 5 } },
    );
    expect(record).toMatchObject({ status: 'COST_LIMIT', limit_hit: { limit: 'cost_usd', max: 0.2, observed: 0.3 } });
    expect(record.reason).toContain('monthly budget');
  });
});

describe('runner failures', () => {
  test('a runner that did not complete is RUNNER_FAILED with its reason', async () => {
    const { record } = await run(
      async (_i, e) => (
        e.output('partial'),
        { completed: false, exitCode: 3, reason: 'the command exited with code 3' }
      ),
    );
    expect(record).toMatchObject({
      status: 'RUNNER_FAILED',
      reason: 'the command exited with code 3',
      exit_code: 3,
      output_file: null,
    });
  });

  test('a runner that throws is RUNNER_FAILED', async () => {
    const { record } = await run(async () => {
      throw new Error('socket hang up');
    });
    expect(record).toMatchObject({ status: 'RUNNER_FAILED', reason: 'the runner failed: socket hang up' });
  });

  test('an error inside the harness still writes one record and releases the lock', async () => {
    await home.writeAgent('agent', { runner: RUNNER });
    const record = await runAgent({
      agent: 'agent',
      home: await home.open(),
      ports: {
        createRunner: () => {
          throw new Error('boom');
        },
        terminateRun: async () => undefined,
      },
    });
    expect(record).toMatchObject({ status: 'RUNNER_FAILED', reason: 'internal error in the harness: boom' });
    expect(await home.rawRecordLines()).toHaveLength(1);
    expect(await readRunLock((await home.open()).paths, 'agent')).toBeNull();
  });

  test('when the record cannot be appended, the lock stays so the next look records the run as CRASHED', async () => {
    await home.writeAgent('agent', { runner: RUNNER });
    const ports = {
      ...portsFor(scriptedRunner(says('STATUS: OK\nEND_OF_RUN'))),
      appendRunRecord: async () => {
        throw new Error('ENOSPC');
      },
    };
    await expect(runAgent({ agent: 'agent', home: await home.open(), ports })).rejects.toThrow('ENOSPC');
    expect(await readRunLock((await home.open()).paths, 'agent')).not.toBeNull();
  });

  test('an abort from outside (a signal to the harness) is RUNNER_FAILED with its reason', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort('harness received SIGTERM'), 50);
    const { record } = await run(hangs, {}, { signal: controller.signal });
    expect(record).toMatchObject({ status: 'RUNNER_FAILED', reason: 'harness received SIGTERM', output_file: null });
  });

  test('`kill` of a run without a process: the harness sees the marker and records who killed it', async () => {
    await home.writeAgent('agent', { runner: RUNNER });
    const opened = await home.open();
    const running = runAgent({ agent: 'agent', home: opened, ports: portsFor(scriptedRunner(hangs)) });
    while (!(await readRunLock(opened.paths, 'agent'))) await new Promise((r) => setTimeout(r, 10));
    const killed = await killRun(opened.paths, 'agent', {
      graceMs: 100,
      by: 'tester',
      reason: 'looping',
      ports: { terminateRun: async () => undefined },
    });
    const record = await running;
    expect(record).toMatchObject({ status: 'KILLED', reason: 'killed by tester: looping' });
    expect(killed).toEqual({ outcome: 'killed', runId: record.run_id, record });
    expect((await readdir(join(home.root, 'run'))).filter((name) => name.startsWith('agent.'))).toEqual([]); // lock and kill marker gone
  });

  test('`kill` is heard from the moment the lock is taken: a run killed before its runner starts records it and starts none', async () => {
    await home.writeAgent('agent', { runner: RUNNER });
    const opened = await home.open();
    const runner = scriptedRunner(says('STATUS: OK\nEND_OF_RUN\n'));
    let killing: ReturnType<typeof killRun> | undefined;
    // the kill lands while the run is still in its beforeRun hook (a slow healthchecks ping, say), which waits for the harness's answer
    const beforeRun = async (_home: unknown, run: { run_id: string }) => {
      killing = killRun(opened.paths, 'agent', { graceMs: 100, by: 'tester', reason: 'early' });
      const deadline = Date.now() + 3000;
      while ((await readKillMarker(opened.paths, 'agent', run.run_id))?.seen_by !== process.pid) {
        if (Date.now() > deadline) throw new Error('the kill was not answered');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    const record = await runAgent({ agent: 'agent', home: opened, ports: portsFor(runner), hooks: { beforeRun } });
    expect(record).toMatchObject({ status: 'KILLED', reason: 'killed by tester: early', containment: null });
    expect(runner.calls).toHaveLength(0);
    expect(await killing).toEqual({ outcome: 'killed', runId: record.run_id, record });
  });

  test('`kill` on a lock whose live pid is no nightshift run: not-a-run, nothing signalled, the lock left, the marker gone', async () => {
    const opened = await home.open();
    // this very process holds the pid, and no harness of that run listens
    const lock = {
      run_id: 'forged',
      agent: 'agent',
      pid: process.pid,
      pgid: null,
      runner_pid: null,
      started_at: new Date().toISOString(),
      trigger: 'manual',
      host: hostname(),
    };
    await writeFile(opened.paths.lockFile('agent'), JSON.stringify(lock));
    const terminated: unknown[] = [];
    const killed = await killRun(opened.paths, 'agent', {
      graceMs: 100,
      answerWaitMs: 300,
      ports: { terminateRun: async (target) => void terminated.push(target) },
    });
    expect(killed).toMatchObject({ outcome: 'not-a-run', runId: 'forged', pid: process.pid, waitedMs: 300 });
    expect(terminated).toEqual([]);
    expect((await readdir(join(home.root, 'run'))).filter((name) => name.startsWith('agent.'))).toEqual(['agent.lock']);
    expect(await home.rawRecordLines()).toEqual([]);
  });
});

describe('the sweep after the run', () => {
  async function sweeps(outcome: { swept?: boolean }): Promise<string[]> {
    const swept: string[] = [];
    await home.writeAgent('agent', { runner: RUNNER });
    const runner = scriptedRunner(async (_input, events) => (events.output('done\nSTATUS: OK\nEND_OF_RUN\n'), outcome));
    const ports = portsFor(runner, { terminateRun: async (target) => void swept.push(target.runId) });
    const record = await runAgent({ agent: 'agent', home: await home.open(), ports });
    expect(record.status).toBe('OK');
    return swept.map((id) => (id === record.run_id ? 'this run' : id));
  }

  test('the harness sweeps for the run id after a runner that made no sweep of its own', async () => {
    expect(await sweeps({})).toEqual(['this run']);
    expect(await sweeps({ swept: false })).toEqual(['this run']);
  });

  test('not again after a runner whose supervisor swept and left nothing', async () => {
    expect(await sweeps({ swept: true })).toEqual([]);
  });
});

describe('an attempt in its lock', () => {
  test('the lock names the attempt and, while the policy retries CRASHED, the next one and its wait', async () => {
    const paths = (await home.open()).paths;
    const seen: unknown[] = [];
    const hooks = {
      beforeRun: async () => void seen.push((await readRunLock(paths, 'agent'))?.attempt),
    };
    const retry = { attempts: 2, backoff: '1m', factor: 3, on: ['CRASHED'] };
    const { record } = await run(says('STATUS: OK\nEND_OF_RUN'), { retry }, { hooks });
    await run(says('STATUS: OK\nEND_OF_RUN'), { retry }, { hooks, attempt: { number: 3, firstRunId: 'r1' } });
    await run(says('STATUS: OK\nEND_OF_RUN'), {}, { hooks });
    expect(seen).toEqual([
      { number: 1, first_run_id: record.run_id, crash_retry: { attempt: 2, wait_ms: 60_000 } },
      { number: 3, first_run_id: 'r1', crash_retry: null },
      null,
    ]);
  });
});

describe("the record's times", () => {
  test('a run starts when it holds the lock: a run that ended while this one was admitted ended before it began', async () => {
    // The clock as a shared mount sees it: the run is asked for at T0; admission and the lock take a while,
    // and meanwhile the previous run of the agent ends (T0 + 1 s) and lets its lock go.
    const T0 = Date.UTC(2026, 5, 1, 3, 0, 0);
    const times = [T0, T0 + 2000];
    const now = () => new Date(times.length > 1 ? times.shift()! : times[0]! + 10);
    const previousEnd = new Date(T0 + 1000).toISOString();
    const { record } = await run(says('STATUS: OK\nEND_OF_RUN'), {}, { now });
    expect(Date.parse(record.started_at)).toBeGreaterThanOrEqual(Date.parse(previousEnd));
    expect(record.duration_ms).toBe(Date.parse(record.ended_at) - Date.parse(record.started_at));
  });
});

describe('options for other callers', () => {
  test("inputPath replaces the agent's input (an eval case), with the same preflight", async () => {
    await home.writeFile('case-1.txt', 'case input\n');
    const { runner, record } = await run(
      says('STATUS: OK\nEND_OF_RUN'),
      { input: { path: 'log.txt' } },
      { inputPath: 'case-1.txt', trigger: 'eval' },
    );
    expect(runner.calls[0]!.inputPath).toBe(join(home.root, 'case-1.txt'));
    expect(record).toMatchObject({ trigger: 'eval', input_file: join(home.root, 'case-1.txt'), input_size_bytes: 11 });
  });

  test('a signal that came before the runner started: RUNNER_FAILED, no runner started', async () => {
    const controller = new AbortController();
    controller.abort('harness received SIGHUP');
    const { record, ports } = await run(says('x'), {}, { signal: controller.signal });
    expect(record).toMatchObject({ status: 'RUNNER_FAILED', reason: 'harness received SIGHUP' });
    expect(ports.created).toBe(0);
  });
});

describe('hooks around the run', () => {
  test('beforeRun holds the lock before the runner; afterRun sees the record appended and the lock released', async () => {
    const seen: string[] = [];
    const paths = (await home.open()).paths;
    const hooks = {
      beforeRun: async (_home: unknown, run: { agent: string; run_id: string }) => {
        seen.push(`before ${(await readRunLock(paths, 'agent'))?.run_id === run.run_id ? 'locked' : 'unlocked'}`);
      },
      afterRun: async (_home: unknown, record: RunRecord) => {
        const appended = (await home.rawRecordLines()).some((line) => line.includes(record.run_id));
        seen.push(
          `after ${record.status} ${appended ? 'appended' : 'missing'} ${(await readRunLock(paths, 'agent')) ? 'locked' : 'released'}`,
        );
      },
    };
    const script: Script = async (_i, e) => {
      seen.push('runner');
      e.output('STATUS: OK\nEND_OF_RUN');
    };
    await run(script, {}, { hooks });
    expect(seen).toEqual(['before locked', 'runner', 'after OK appended released']);
  });

  test('a refused run gets afterRun only; a hook that throws changes nothing but says so', async () => {
    await applyChange((await home.open()).paths, { action: 'disable', agent: 'agent' });
    const calls: string[] = [];
    const notes: string[] = [];
    const hooks = {
      beforeRun: async () => void calls.push('before'),
      afterRun: async () => {
        calls.push('after');
        throw new Error('webhook down');
      },
    };
    const { record } = await run(says('x'), {}, { hooks, onNote: (n) => notes.push(n) });
    expect(record.status).toBe('SKIPPED');
    expect(calls).toEqual(['after']);
    expect(notes.at(-1)).toBe('afterRun failed (the run is recorded as it was): webhook down');
  });
});

describe('refusals: one SKIPPED record, no runner', () => {
  async function refused(reason: string, front: Record<string, unknown> = {}) {
    const { record, ports } = await run(says('STATUS: OK\nEND_OF_RUN'), front);
    expect(record).toMatchObject({
      status: 'SKIPPED',
      reason,
      llm_calls: 0,
      cost_usd: 0,
      output_file: null,
      input_file: null,
      limit_hit: null,
      exit_code: null,
    });
    expect(ports.created).toBe(0);
    expect(await outputFiles()).toEqual([]);
  }

  test('global stop', async () => {
    await applyChange((await home.open()).paths, { action: 'stop-all', reason: 'incident' });
    await refused('stopped');
  });

  test('paused, and disabled', async () => {
    const paths = (await home.open()).paths;
    await applyChange(paths, { action: 'pause', agent: 'agent' });
    await refused('paused');
    await writeFile(paths.runsJournal, '');
    await applyChange(paths, { action: 'disable', agent: 'agent' });
    await refused('disabled');
  });

  test('a pause whose paused_until has passed is lifted (recorded) and the run goes ahead', async () => {
    const paths = (await home.open()).paths;
    const past = new Date(Date.now() - 3_600_000);
    await applyChange(paths, { action: 'pause', agent: 'agent', until: new Date(past.getTime() + 60_000) }, past);
    const { record } = await run(says('STATUS: OK\nEND_OF_RUN'));
    expect(record.status).toBe('OK');
    const changes = (await readFile(paths.changesJournal, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string; source: string });
    expect(changes.at(-1)).toMatchObject({ action: 'auto-resume', source: 'harness' });
  });

  test('budget spent this month (in the home zone)', async () => {
    const paths = (await home.open()).paths;
    await appendRecord(paths.runsJournal, await pastRun('agent', 3));
    await appendRecord(paths.runsJournal, await pastRun('other', 50));
    await appendRecord(paths.runsJournal, await pastRun('agent', 2));
    const lines = await home.rawRecordLines();
    await writeFile(paths.runsJournal, '');
    await home.writeAgent('agent', { runner: RUNNER, budget: { monthly_usd: 5 } });
    await writeFile(paths.runsJournal, `${lines.join('\n')}\n`);
    const record = await runAgent({
      agent: 'agent',
      home: await home.open(),
      ports: portsFor(scriptedRunner(says('x'))),
    });
    expect(record).toMatchObject({ status: 'SKIPPED', reason: 'budget', llm_calls: 0 });
  });

  test('another live run holds the lock: overlap; the lock is left alone', async () => {
    const paths = (await home.open()).paths;
    const lock = {
      run_id: 'other-run',
      agent: 'agent',
      pid: process.pid,
      pgid: null,
      started_at: new Date().toISOString(),
      trigger: 'cron',
      host: (await import('node:os')).hostname(),
    };
    await writeFile(paths.lockFile('agent'), JSON.stringify(lock));
    await home.writeAgent('agent', { runner: RUNNER });
    const record = await runAgent({
      agent: 'agent',
      home: await home.open(),
      ports: portsFor(scriptedRunner(says('x'))),
    });
    expect(record).toMatchObject({ status: 'SKIPPED', reason: 'overlap', llm_calls: 0 });
    expect((await readRunLock(paths, 'agent'))?.run_id).toBe('other-run');
  });
});

describe('preflight: no model call, a short output file', () => {
  async function preflight(input: Record<string, unknown>, front: Record<string, unknown> = {}) {
    const { record, ports } = await run(says('STATUS: OK\nEND_OF_RUN'), { input, ...front });
    expect(ports.created).toBe(0);
    expect(record.llm_calls).toBe(0);
    const output = await readFile(join(home.root, record.output_file!), 'utf8');
    return { record, output };
  }

  test("missing → EMPTY with the prompt's own empty line", async () => {
    const { record, output } = await preflight({ path: 'missing.txt' });
    expect(record).toMatchObject({
      status: 'EMPTY',
      input_file: join(home.root, 'missing.txt'),
      input_size_bytes: null,
    });
    expect(record.reason).toContain('is missing');
    expect(output).toMatch(/^Day summary \(\d{4}-\d{2}-\d{2}\): \(no activity logged\)\nSTATUS: EMPTY\nEND_OF_RUN\n$/);
  });

  test('0 bytes and whitespace only → EMPTY; empty_message wins', async () => {
    await home.writeFile('empty.txt', '');
    expect((await preflight({ path: 'empty.txt' })).record).toMatchObject({ status: 'EMPTY', input_size_bytes: 0 });
    await writeFile(join(home.root, 'logs', 'runs.jsonl'), '');
    await home.writeFile('blank.txt', ' \n\t\n');
    const { record, output } = await preflight({ path: 'blank.txt' }, { output: { empty_message: 'Quiet day.' } });
    expect(record).toMatchObject({ status: 'EMPTY', input_size_bytes: 4 });
    expect(output).toBe('Quiet day.\nSTATUS: EMPTY\nEND_OF_RUN\n');
  });

  test('over max_bytes → TOO_LARGE', async () => {
    await home.writeFile('big.txt', 'x'.repeat(2048));
    const { record, output } = await preflight({ path: 'big.txt', max_bytes: '1KB' });
    expect(record).toMatchObject({ status: 'TOO_LARGE', input_size_bytes: 2048 });
    expect(output).toContain('STATUS: TOO_LARGE\nEND_OF_RUN');
  });

  test('binary → UNEXPECTED_INPUT with the offset of the first bad byte', async () => {
    await home.writeFile(
      'bin.dat',
      Buffer.concat([Buffer.from('log line\n'), Buffer.from([0xff, 0xfe]), Buffer.from('more')]),
    );
    const { record, output } = await preflight({ path: 'bin.dat' });
    expect(record.status).toBe('UNEXPECTED_INPUT');
    expect(record.reason).toContain('byte offset 9');
    expect(output).toContain('byte offset 9');
  });

  test('a directory is not an input file', async () => {
    const { record } = await preflight({ path: 'logs' });
    expect(record.status).toBe('UNEXPECTED_INPUT');
  });
});

describe('outputs', () => {
  test('daily agents get the date; a second run the same day gets -2, never an overwrite', async () => {
    const front = { trigger: { cron: '0 23 * * *', timezone: 'UTC' } };
    const first = await run(says('first\nSTATUS: OK\nEND_OF_RUN\n'), front);
    await writeFile(join(home.root, 'logs', 'runs.jsonl'), '');
    const second = await run(says('second\nSTATUS: OK\nEND_OF_RUN\n'), front);
    const day = first.record.started_at.slice(0, 10);
    expect(first.record.output_file).toBe(`outputs/agent/${day}.md`);
    expect(second.record.output_file).toBe(`outputs/agent/${day}-2.md`);
    expect(await readFile(join(home.root, first.record.output_file!), 'utf8')).toMatch(/^first/);
    expect(await outputFiles()).toEqual([`${day}-2.md`, `${day}.md`]);
  });

  test('secrets never reach the output or the record', async () => {
    const env = { ...process.env, SERVICE_API_KEY: 'sk-test-4242424242' };
    const ok = await run(says('key=sk-test-4242424242\nSTATUS: OK\nEND_OF_RUN\n'), {}, { env });
    expect(await readFile(join(home.root, ok.record.output_file!), 'utf8')).toBe(
      'key=[redacted:SERVICE_API_KEY]\nSTATUS: OK\nEND_OF_RUN\n',
    );
    const failed = await run(
      async () => ({ completed: false, reason: 'auth failed for sk-test-4242424242' }),
      {},
      { env },
    );
    expect(failed.record.reason).toBe('auth failed for [redacted:SERVICE_API_KEY]');
    expect((await home.rawRecordLines()).join('\n')).not.toContain('4242424242');
  });
});

/** A finished run of `agent` costing `usd`, ended now. */
async function pastRun(agent: string, usd: number): Promise<RunRecord> {
  const now = new Date().toISOString();
  return {
    v: 1,
    run_id: `past-${Math.random()}`,
    agent,
    trigger: 'cron',
    started_at: now,
    ended_at: now,
    duration_ms: 1,
    status: 'OK',
    reason: null,
    limit_hit: null,
    input_file: null,
    input_size_bytes: null,
    output_file: null,
    output_size_bytes: 0,
    tool_calls: [],
    llm_calls: 1,
    tokens: { input: 0, output: 0 },
    cost_usd: usd,
    cost_basis: 'reported',
    runner: 'command',
    model: null,
    exit_code: 0,
    prompt_sha256: null,
    definition_sha256: null,
    host: 'h',
    version: '0.1.0',
  };
}
