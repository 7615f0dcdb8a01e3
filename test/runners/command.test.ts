import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { parseUsageLine } from '../../src/runners/command-usage.js';
import { commandRunner } from '../../src/runners/command.js';
import { isRunning, killPids, pidsOfRun } from '../support/procs.js';
import { makeAgent, makeRunnerInput, recordEvents } from '../support/runner-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'ns-command-'));
const LOG = join(dir, 'log.txt');
writeFileSync(LOG, 'hello\n');
mkdirSync(join(dir, 'sub'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const runIds: string[] = [];
afterEach(() => {
  for (const runId of runIds.splice(0)) killPids(pidsOfRun(runId));
});

async function runNode(
  code: string,
  options: { runner?: Record<string, unknown>; abortAtBytes?: number; model?: string } = {},
) {
  const agent = makeAgent({
    front: {
      input: { path: LOG },
      runner: {
        kind: 'command',
        command: [process.execPath, '-e', code],
        ...(options.model ? { model: options.model } : {}),
        ...options.runner,
      },
    },
  });
  const controller = new AbortController();
  const recorded = recordEvents(undefined, (bytes) => {
    if (options.abortAtBytes !== undefined && bytes > options.abortAtBytes) controller.abort();
  });
  const input = makeRunnerInput({ agent, inputPath: LOG, cwd: dir, signal: controller.signal, killGraceMs: 300 });
  runIds.push(input.runId);
  const outcome = await commandRunner.run(input, recorded.events);
  return { outcome, recorded, input };
}

describe('command runner', () => {
  test('stdout is the output; the usage line reports calls, tools, tokens, cost and stays out of the stderr tail', async () => {
    const usage = {
      nightshift: {
        llm_calls: 2,
        tool_calls: ['Read'],
        tokens: { input: 100, output: 20 },
        cost_usd: 0.01,
        model: 'x',
      },
    };
    const run = await runNode(`
      console.error('starting');
      console.error(${JSON.stringify(JSON.stringify({ nightshift: { llm_calls: 1 } }))});
      process.stdout.write('Summary:\\n- one\\n');
      console.error(${JSON.stringify(JSON.stringify(usage))});
      process.stdout.write('STATUS: OK\\nEND_OF_RUN\\n');
    `);
    // swept: its supervisor looked for leftovers after it ended (Linux), so the harness need not
    expect(run.outcome).toMatchObject({ completed: true, exitCode: 0, stderrTail: 'starting', swept: true });
    expect(run.recorded.output()).toBe('Summary:\n- one\nSTATUS: OK\nEND_OF_RUN\n');
    expect(run.outcome.usage).toEqual({
      llmCalls: 2,
      toolCalls: ['Read'],
      tokens: { input: 100, output: 20, cache_read: 0, cache_write: 0 },
      costUsd: 0.01,
      costBasis: 'reported',
      pricedModel: 'x',
    });
    expect(run.recorded.usages.map((u) => u.llmCalls)).toEqual([1, 2]);
  });

  test('tokens without cost_usd are priced with the table (the agent model)', async () => {
    const line = JSON.stringify({
      nightshift: { llm_calls: 1, tokens: { input: 1200, cache_write: 300, cache_read: 5000, output: 57 } },
    });
    const run = await runNode(`console.error(${JSON.stringify(line)})`, { model: 'claude-sonnet-4-5' });
    expect(run.outcome.usage).toMatchObject({ costUsd: 0.00708, costBasis: 'table', pricedModel: 'claude-sonnet-4-5' });
  });

  test('the command sees NIGHTSHIFT_INPUT, NIGHTSHIFT_RUN_ID and runs in the home (or runner.cwd)', async () => {
    const code = `console.log(JSON.stringify({ input: process.env.NIGHTSHIFT_INPUT, run: process.env.NIGHTSHIFT_RUN_ID, cwd: process.cwd() }))`;
    const home = await runNode(code);
    expect(JSON.parse(home.recorded.output())).toEqual({ input: LOG, run: home.input.runId, cwd: dir });
    const sub = await runNode(code, { runner: { cwd: 'sub' } });
    expect(JSON.parse(sub.recorded.output()).cwd).toBe(join(dir, 'sub'));
  });

  test('a non-zero exit is not completed: the code and the stderr tail are in the reason', async () => {
    const run = await runNode(`console.error('first'); console.error('boom: the API is down'); process.exit(3)`);
    expect(run.outcome).toMatchObject({
      completed: false,
      exitCode: 3,
      reason: 'the command exited with code 3: first | boom: the API is down',
    });
  });

  test('a command that is not installed', async () => {
    const agent = makeAgent({ front: { runner: { kind: 'command', command: ['nightshift-no-such-command-xyz'] } } });
    const outcome = await commandRunner.run(makeRunnerInput({ agent, cwd: dir }), recordEvents().events);
    expect(outcome.completed).toBe(false);
    expect(outcome.reason).toMatch(/nightshift-no-such-command-xyz was not found/);
  });

  test('a command line the kernel refuses (E2BIG): the reason names the argument, its size and the limit', async () => {
    // validation refuses such an agent file; a definition made some other way still gets words, not "spawn E2BIG"
    const agent = makeAgent({ front: { runner: { kind: 'command', command: [process.execPath, '-e', ''] } } });
    const huge = {
      ...agent,
      runner: { kind: 'command' as const, command: [process.execPath, '-e', `//${'x'.repeat(200 * 1024)}`] },
    };
    const outcome = await commandRunner.run(makeRunnerInput({ agent: huge, cwd: dir }), recordEvents().events);
    expect(outcome.completed).toBe(false);
    expect(outcome.reason).toMatch(
      new RegExp(
        '^cannot start the command \\S+: E2BIG the command line is too long for the kernel; ' +
          'argument 2 is 200KB, and one argument may hold at most 128KB; ' +
          'arguments and environment together are \\d+KB \\(the kernel allows about 2MB\\)$',
      ),
    );
  });

  test('an output flood is ended by the harness; nothing of it is left', async () => {
    const run = await runNode(
      `process.on('SIGTERM',()=>{}); const b = 'y'.repeat(65536); const w = () => { while (process.stdout.write(b)); process.stdout.once('drain', w); }; w();`,
      {
        abortAtBytes: 1024 * 1024,
      },
    );
    expect(run.outcome).toMatchObject({ completed: false, reason: 'stopped by the harness', signal: 'SIGKILL' });
    expect(isRunning(run.recorded.spawned[0]!.pid)).toBe(false);
    expect(pidsOfRun(run.input.runId)).toEqual([]);
  });

  test('a descendant that escaped with setsid is swept after the command exits', async () => {
    const run = await runNode(`
      const child = "process.on('SIGTERM',()=>{});require('fs').writeSync(3,'r');setInterval(()=>{},1<<30)";
      const c = require('child_process').spawn(process.execPath, ['-e', child], {
        detached: true,
        stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
      });
      c.stdio[3].once('data', () => { console.log(c.pid); process.exit(0); });
    `);
    const escapee = Number(run.recorded.output().trim());
    expect(run.outcome.completed).toBe(true);
    expect(isRunning(escapee)).toBe(false);
    expect(pidsOfRun(run.input.runId)).toEqual([]);
  });
});

describe('parseUsageLine', () => {
  test('only a JSON object with a "nightshift" object is a usage line', () => {
    expect(parseUsageLine('{"nightshift":{"llm_calls":3}}')).toEqual({ llmCalls: 3 });
    expect(parseUsageLine('  {"nightshift":{"cost_usd":0.5,"model":"m"}}  ')).toEqual({ costUsd: 0.5, model: 'm' });
    expect(parseUsageLine('{"nightshift":"yes"}')).toBeNull();
    expect(parseUsageLine('{"other":{}}')).toBeNull();
    expect(parseUsageLine('nightshift: 3 calls')).toBeNull();
    expect(parseUsageLine('{"nightshift":{"llm_calls":')).toBeNull();
  });

  test('bad field values are ignored, not trusted', () => {
    expect(
      parseUsageLine('{"nightshift":{"llm_calls":-4,"cost_usd":-1,"tokens":{"input":"many","output":5}}}'),
    ).toEqual({
      llmCalls: 0,
      tokens: { input: 0, output: 5, cache_read: 0, cache_write: 0 },
    });
  });
});
