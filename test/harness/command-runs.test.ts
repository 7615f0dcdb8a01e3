import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { killRun, readRunLock, runAgent } from '../../src/harness/index.js';
import { expectCompleteRecord, makeHome, nodeAgent, type TestHome } from './support/home.js';
import { probeContainment } from '../../src/runners/index.js';
import { pidsOfRun as survivors } from '../support/procs.js';

/**
 * Real processes through the `command` runner: limits end them, nothing
 * they started survives (checked in /proc by run id), secrets stay out.
 * kill_grace is 1s in these homes.
 */
let home: TestHome;
beforeEach(async () => {
  home = await makeHome();
});
afterEach(async () => home.remove());

const sh = (script: string, extra: Record<string, unknown> = {}) => ({
  runner: { kind: 'command', command: ['sh', '-c', script] },
  ...extra,
});

async function run(front: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env) {
  await home.writeAgent('agent', front);
  const started = Date.now();
  const record = await runAgent({ agent: 'agent', home: await home.open(), env });
  const elapsed = Date.now() - started;
  const lines = await home.rawRecordLines();
  expect(lines).toHaveLength(1);
  expect(expectCompleteRecord(lines[0]!)).toEqual(record);
  expect(survivors(record.run_id)).toEqual([]);
  expect(await readRunLock((await home.open()).paths, 'agent')).toBeNull();
  return { record, elapsed };
}

async function outputFiles(): Promise<string[]> {
  return readdir(join(home.root, 'outputs', 'agent')).catch(() => []);
}

describe('command agents', () => {
  test(
    'the record names how the run was contained: its own cgroup where this machine gives one, else the sweep ' +
      '(NIGHTSHIFT_CONTAINMENT=sweep forces it)',
    async () => {
      const here = await probeContainment(process.env);
      const agent = nodeAgent(
        "console.log(require('fs').readFileSync('/proc/self/cgroup','utf8').split('\\n').find((l) => " +
          "l.startsWith('0::')));console.log('STATUS: OK\\nEND_OF_RUN')",
      );
      const { record } = await run(agent);
      expect(record).toMatchObject({ status: 'OK', containment: here.containment });
      const text = await readFile(join(home.root, record.output_file!), 'utf8');
      if (here.containment === 'cgroup') expect(text).toMatch(new RegExp(`^0::.*/nightshift-run-${record.run_id}\n`));
      await home.writeFile('logs/runs.jsonl', '');
      const swept = await run(agent, { ...process.env, NIGHTSHIFT_CONTAINMENT: 'sweep' });
      expect(swept.record).toMatchObject({ status: 'OK', containment: 'sweep' });
      expect(await readFile(join(home.root, swept.record.output_file!), 'utf8')).not.toContain('nightshift-run-');
    },
  );

  test('a normal run: OK, its stdout is the output', async () => {
    const { record } = await run(nodeAgent(`console.log('Day summary:\\n- a\\nSTATUS: OK\\nEND_OF_RUN')`));
    expect(record).toMatchObject({ status: 'OK', exit_code: 0, runner: 'command' });
    expect(await readFile(join(home.root, record.output_file!), 'utf8')).toBe(
      'Day summary:\n- a\nSTATUS: OK\nEND_OF_RUN\n',
    );
  });

  test('declares PARTIAL; prints no END_OF_RUN', async () => {
    expect((await run(sh('printf "x\\nSTATUS: PARTIAL\\nEND_OF_RUN\\n"'))).record.status).toBe('PARTIAL');
    await home.writeFile('logs/runs.jsonl', '');
    expect((await run(sh('echo "STATUS: OK"'))).record.status).toBe('NO_END');
  });

  test('a failing command is RUNNER_FAILED with its stderr, secrets redacted from output and reason', async () => {
    const env = { ...process.env, DEMO_API_KEY: 'sk-demo-0123456789' };
    const { record } = await run(sh('echo "using $DEMO_API_KEY"; echo "denied for $DEMO_API_KEY" >&2; exit 3'), env);
    expect(record).toMatchObject({ status: 'RUNNER_FAILED', exit_code: 3, output_file: null });
    expect(record.reason).toContain('denied for [redacted:DEMO_API_KEY]');
    await home.writeFile('logs/runs.jsonl', '');
    const ok = await run(
      sh('echo "key=$DEMO_API_KEY"; echo "stderr $DEMO_API_KEY" >&2; echo STATUS: OK; echo END_OF_RUN'),
      env,
    );
    expect(await readFile(join(home.root, ok.record.output_file!), 'utf8')).toBe(
      'key=[redacted:DEMO_API_KEY]\nSTATUS: OK\nEND_OF_RUN\n',
    );
    expect((await home.rawRecordLines()).join('')).not.toContain('0123456789');
  });

  test('flooding stdout: OUTPUT_LIMIT, ended at once, no file', async () => {
    const { record, elapsed } = await run(
      sh('yes "flood flood flood"', { limits: { output_bytes: '100KB', time: '30s' } }),
    );
    expect(record).toMatchObject({
      status: 'OUTPUT_LIMIT',
      output_file: null,
      limit_hit: { limit: 'output_bytes', max: 102400 },
    });
    expect(record.limit_hit!.observed).toBeGreaterThan(102400);
    expect(elapsed).toBeLessThan(3000);
    expect(await outputFiles()).toEqual([]);
  });

  test('sleeping past the time limit: TIMEOUT, and the partial output is not left behind', async () => {
    const { record, elapsed } = await run(sh('echo "half a summary"; sleep 30', { limits: { time: '500ms' } }));
    expect(record).toMatchObject({ status: 'TIMEOUT', output_file: null, limit_hit: { limit: 'time', max: 500 } });
    expect(elapsed).toBeLessThan(500 + 1500);
    expect(await outputFiles()).toEqual([]);
  });

  test('ignoring SIGTERM: SIGKILL after the grace', async () => {
    const { record, elapsed } = await run(sh('trap "" TERM; sleep 30', { limits: { time: '300ms' } }));
    expect(record.status).toBe('TIMEOUT');
    expect(elapsed).toBeGreaterThanOrEqual(300 + 900);
    expect(elapsed).toBeLessThan(300 + 1000 + 2500);
  });

  test('an escapee (setsid, ignores SIGTERM) of a run that ends by itself is swept', async () => {
    const { record } = await run(
      sh('setsid sh -c \'trap "" TERM; sleep 60\' </dev/null >/dev/null 2>&1 & echo STATUS: OK; echo END_OF_RUN'),
    );
    expect(record.status).toBe('OK');
  });

  test('an escapee of a run ended for time is swept too', async () => {
    const { record } = await run(
      sh('setsid sh -c \'trap "" TERM; sleep 60\' </dev/null >/dev/null 2>&1 & sleep 30', {
        limits: { time: '300ms' },
      }),
    );
    expect(record.status).toBe('TIMEOUT');
  });

  test('calls and cost from the documented stderr line trip CALL_LIMIT and COST_LIMIT mid-run', async () => {
    const report = (fields: object) =>
      nodeAgent(
        `console.error(JSON.stringify({ nightshift: ${JSON.stringify(fields)} })); setInterval(() => {}, 1000)`,
        { limits: { calls: 2, cost_usd: 0.1, time: '20s' } },
      );
    const calls = await run(report({ llm_calls: 3, tool_calls: ['Read'] }));
    expect(calls.record).toMatchObject({
      status: 'CALL_LIMIT',
      llm_calls: 3,
      limit_hit: { limit: 'calls', max: 2, observed: 3 },
    });
    expect(calls.elapsed).toBeLessThan(3000);
    await home.writeFile('logs/runs.jsonl', '');
    const cost = await run(report({ llm_calls: 1, cost_usd: 0.25 }));
    expect(cost.record).toMatchObject({
      status: 'COST_LIMIT',
      cost_usd: 0.25,
      cost_basis: 'reported',
      limit_hit: { limit: 'cost_usd', max: 0.1, observed: 0.25 },
    });
  });

  test('`kill` from another caller: the run records who killed it, nothing survives', async () => {
    await home.writeAgent('agent', sh('trap "" TERM; echo working; sleep 30', { limits: { time: '30s' } }));
    const opened = await home.open();
    const running = runAgent({ agent: 'agent', home: opened });
    let lock = await readRunLock(opened.paths, 'agent');
    while (!lock?.pgid) {
      await new Promise((r) => setTimeout(r, 20));
      lock = await readRunLock(opened.paths, 'agent');
    }
    expect(lock.runner_pid).toBeGreaterThan(0);
    const killed = await killRun(opened.paths, 'agent', { graceMs: 200, by: 'ops', reason: 'stuck' });
    const record = await running;
    expect(record).toMatchObject({ status: 'KILLED', reason: 'killed by ops: stuck', output_file: null });
    expect(killed).toMatchObject({ outcome: 'killed', runId: record.run_id });
    expect(survivors(record.run_id)).toEqual([]);
    expect(await home.rawRecordLines()).toHaveLength(1);
  });
});
