import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { claudeRunner } from '../../../src/runners/claude/runner.js';
import type { RunnerUsage } from '../../../src/runners/types.js';
import { isRunning, killPids, pidsOfRun, waitFor } from '../../support/procs.js';
import { FAKE_CLAUDE, makeAgent, makeRunnerInput, recordEvents } from '../../support/runner-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'ns-claude-runner-'));
const LOG = join(dir, 'daily-log.txt');
writeFileSync(LOG, '09:15 - Deployed v1.42 to production\n13:00 - Lunch\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const runIds: string[] = [];
afterEach(() => {
  for (const runId of runIds.splice(0)) killPids(pidsOfRun(runId));
});

interface Play {
  scenario: string;
  env?: Record<string, string>;
  runner?: Record<string, unknown>;
  front?: Record<string, unknown>;
  /** the harness's limit check: abort when it returns true */
  abortWhen?: (usage: RunnerUsage) => boolean;
  abortAfterMs?: number;
  killGraceMs?: number;
}

async function play(options: Play) {
  const agent = makeAgent({
    front: {
      tools: 'Read',
      input: { path: LOG, max_bytes: '100KB' },
      runner: { kind: 'claude', executable: FAKE_CLAUDE, model: 'claude-sonnet-4-5', ...options.runner },
      ...options.front,
    },
  });
  const controller = new AbortController();
  const argsFile = join(dir, `args-${Math.random().toString(36).slice(2)}.json`);
  const pidFile = join(dir, `pid-${Math.random().toString(36).slice(2)}`);
  const recorded = recordEvents((usage) => {
    if (options.abortWhen?.(usage)) controller.abort();
  });
  const input = makeRunnerInput({
    agent,
    inputPath: LOG,
    cwd: dir,
    signal: controller.signal,
    killGraceMs: options.killGraceMs ?? 1000,
    env: {
      FAKE_CLAUDE_SCENARIO: options.scenario,
      FAKE_CLAUDE_ARGS_FILE: argsFile,
      FAKE_CLAUDE_PID_FILE: pidFile,
      FAKE_CLAUDE_DELAY_MS: '1',
      ...options.env,
    },
  });
  runIds.push(input.runId);
  // the timer starts once the fake is up (it writes the args file just before setting its signal handlers):
  // on a loaded machine Node's own start-up can take longer than the timer
  let timer: NodeJS.Timeout | undefined;
  const arm = options.abortAfterMs
    ? setInterval(() => {
        if (!existsSync(argsFile)) return;
        clearInterval(arm);
        timer = setTimeout(() => controller.abort(), options.abortAfterMs);
      }, 10)
    : undefined;
  const startedAt = Date.now();
  const outcome = await claudeRunner.run(input, recorded.events);
  clearInterval(arm);
  clearTimeout(timer);
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  const args = read(argsFile);
  const descendant = read(pidFile);
  return {
    outcome,
    recorded,
    input,
    ms: Date.now() - startedAt,
    args: args ? JSON.parse(args) : undefined,
    descendant: descendant ? Number(descendant) : undefined,
  };
}

/** Nothing of the run is left in the process table: the leader, and anything carrying its run id. */
function expectNothingLeft(run: Awaited<ReturnType<typeof play>>): void {
  const leader = run.recorded.spawned[0]?.pid;
  if (leader !== undefined) expect(isRunning(leader)).toBe(false);
  if (run.descendant !== undefined) expect(isRunning(run.descendant)).toBe(false);
  expect(pidsOfRun(run.input.runId)).toEqual([]);
}

describe('claude runner against fake-claude', () => {
  test('normal: the real argv, 2 calls, 1 Read, the result text as output, cost from the result', async () => {
    const run = await play({ scenario: 'normal', front: { disallowedTools: 'Bash, WebFetch', limits: { calls: 7 } } });
    expect(run.outcome).toMatchObject({ completed: true, exitCode: 0, signal: null });
    expect(run.outcome.reason).toBeUndefined();
    expect(run.outcome.usage).toMatchObject({
      llmCalls: 2,
      toolCalls: ['Read'],
      costUsd: 0.01416,
      costBasis: 'reported',
      pricedModel: 'claude-sonnet-4-5',
    });
    expect(run.outcome.usage.tokens).toEqual({ input: 2400, output: 114, cache_read: 10000, cache_write: 600 });
    expect(run.recorded.output()).toMatch(/^Day summary \(\d{4}-\d{2}-\d{2}\):\n- Deployed v1\.42/);
    expect(run.recorded.output().endsWith('STATUS: OK\nEND_OF_RUN')).toBe(true);
    expect(run.args.argv).toEqual([
      '-p',
      '--output-format',
      'stream-json',
      '--verbose',
      '--include-partial-messages',
      '--max-turns',
      '7',
      '--allowedTools',
      'Read',
      '--system-prompt-file',
      expect.stringMatching(/\/nightshift-prompt-[^/]+\/system-prompt\.md$/),
      '--model',
      'claude-sonnet-4-5',
      '--permission-mode',
      'dontAsk',
      '--no-session-persistence',
      '--disallowedTools',
      'Bash,WebFetch',
    ]);
    // the prompt in a private file, the task on stdin: neither on the command line, whatever their size
    expect(run.args.systemPrompt).toBe(run.input.systemPrompt);
    expect(run.args.prompt).toBe(run.input.task);
    const promptFile = run.args.flags['--system-prompt-file'] as string;
    expect(existsSync(promptFile)).toBe(false);
    expect(existsSync(join(promptFile, '..'))).toBe(false);
    expect(run.args.runId).toBe(run.input.runId);
    expect(run.args.cwd).toBe(dir);
    expect(run.recorded.spawned).toHaveLength(1);
    expect(run.recorded.spawned[0]!.pgid).toBe(run.recorded.spawned[0]!.pid);
    // usage streamed while running: the estimate first, the reported figure last
    const calls = run.recorded.usages.map((u) => u.llmCalls);
    expect(calls[0]).toBe(1);
    expect(calls).toEqual([...calls].sort((a, b) => a - b));
    expect(run.recorded.usages.some((u) => u.costBasis === 'table')).toBe(true);
    expect(run.recorded.lastUsage()).toEqual(run.outcome.usage);
    // the Read's input as the stream carried it, for the live view
    expect(run.recorded.tools).toEqual([{ name: 'Read', input: { file_path: expect.any(String) } }]);
    expectNothingLeft(run);
  });

  test('runner.max_turns and permission_mode are passed; FAKE_CLAUDE_TEXT sets the answer', async () => {
    const run = await play({
      scenario: 'normal',
      runner: { max_turns: 4, permission_mode: 'plan' },
      env: { FAKE_CLAUDE_TEXT: 'hello\nSTATUS: OK\nEND_OF_RUN' },
    });
    expect(run.args.flags['--max-turns']).toBe('4');
    expect(run.args.flags['--permission-mode']).toBe('plan');
    expect(run.recorded.output()).toBe('hello\nSTATUS: OK\nEND_OF_RUN');
  });

  test('the executable comes from $NIGHTSHIFT_CLAUDE_BIN when the agent names none', async () => {
    const run = await play({
      scenario: 'normal',
      runner: { executable: undefined },
      env: { NIGHTSHIFT_CLAUDE_BIN: FAKE_CLAUDE },
    });
    expect(run.outcome.completed).toBe(true);
  });

  test('claude not installed → not completed, with how to install it', async () => {
    const run = await play({ scenario: 'normal', runner: { executable: join(dir, 'no-such-claude') } });
    expect(run.outcome.completed).toBe(false);
    expect(run.outcome.reason).toMatch(
      /was not found; install Claude Code \(`npm install -g @anthropic-ai\/claude-code`\)/,
    );
    expect(run.recorded.spawned).toEqual([]);
  });

  test('runaway tool loop: the harness aborts after 3 calls; the tree is gone', async () => {
    const run = await play({ scenario: 'runaway', runner: { max_turns: 10_000 }, abortWhen: (u) => u.llmCalls > 3 });
    expect(run.outcome.completed).toBe(false);
    expect(run.outcome.reason).toMatch(/^stopped by the harness/);
    expect(run.outcome.usage.llmCalls).toBeGreaterThanOrEqual(4);
    expect(run.outcome.usage.toolCalls.length).toBeGreaterThanOrEqual(4);
    expect(run.outcome.usage.costBasis).toBe('table');
    expect(run.outcome.usage.costUsd).toBeGreaterThan(0);
    expectNothingLeft(run);
  });

  test('runaway respects --max-turns on its own: error_max_turns', async () => {
    const run = await play({ scenario: 'runaway', runner: { max_turns: 3 } });
    expect(run.outcome).toMatchObject({
      completed: false,
      exitCode: 1,
      reason: 'claude stopped at max turns: Reached maximum number of turns (3)',
    });
    expect(run.outcome.usage.llmCalls).toBe(3);
  });

  test('hang: aborted on a timer, SIGTERM is enough', async () => {
    const run = await play({ scenario: 'hang', abortAfterMs: 300, killGraceMs: 5000 });
    expect(run.outcome.completed).toBe(false);
    expect(run.outcome.exitCode).toBe(143);
    expect(run.ms).toBeLessThan(4000);
    expectNothingLeft(run);
  });

  test('hang, ignoring SIGTERM: SIGKILL after the grace', async () => {
    const run = await play({ scenario: 'hang-ignore-term', abortAfterMs: 300, killGraceMs: 500 });
    expect(run.outcome).toMatchObject({ completed: false, signal: 'SIGKILL' });
    expect(run.ms).toBeGreaterThanOrEqual(750);
    expectNothingLeft(run);
  });

  test('hang with an escaped (setsid) descendant that ignores SIGTERM: both are gone after the abort', async () => {
    const run = await play({
      scenario: 'hang-with-descendant',
      abortWhen: (u) => u.toolCalls.includes('Bash'),
      killGraceMs: 500,
    });
    expect(run.descendant).toBeGreaterThan(1);
    expect(run.outcome.completed).toBe(false);
    expectNothingLeft(run);
  });

  test('the same, the fake ignoring SIGTERM too, and the descendant holding the stdout pipe', async () => {
    const run = await play({
      scenario: 'hang-with-descendant-ignore-term',
      env: { FAKE_CLAUDE_DESCENDANT_STDIO: 'inherit' },
      abortWhen: (u) => u.toolCalls.includes('Bash'),
      killGraceMs: 500,
    });
    expect(run.outcome).toMatchObject({ completed: false, signal: 'SIGKILL' });
    // the pipe held by the descendant must not keep the runner waiting
    expect(run.ms).toBeLessThan(5000);
    expectNothingLeft(run);
  });

  test('a normal run that leaves a descendant behind: swept after the exit', async () => {
    const run = await play({ scenario: 'normal', env: { FAKE_CLAUDE_LEAVE_DESCENDANT: '1' }, killGraceMs: 300 });
    expect(run.outcome.completed).toBe(true);
    expect(run.descendant).toBeGreaterThan(1);
    expectNothingLeft(run);
  });

  test('flood of assistant lines (1 GB if let run): bounded by the harness; memory stays flat', async () => {
    const before = process.memoryUsage().rss;
    const run = await play({ scenario: 'flood', abortWhen: (u) => u.llmCalls > 200 });
    expect(run.outcome.completed).toBe(false);
    expect(run.outcome.usage.llmCalls).toBeGreaterThan(200);
    expect(process.memoryUsage().rss - before).toBeLessThan(300 * 1024 * 1024);
    expectNothingLeft(run);
  });

  test('flood of bytes without a newline: the overlong line is dropped, the run goes on', async () => {
    const run = await play({ scenario: 'flood-bytes', env: { FAKE_CLAUDE_FLOOD_BYTES: String(20 * 1024 * 1024) } });
    expect(run.outcome.completed).toBe(true);
    expect(run.recorded.output()).toContain('END_OF_RUN');
  });

  test('a result line too long to hold is dropped: no result → not completed, and the reason says why', async () => {
    const run = await play({ scenario: 'flood-result', env: { FAKE_CLAUDE_FLOOD_BYTES: String(20 * 1024 * 1024) } });
    expect(run.outcome).toMatchObject({
      completed: false,
      exitCode: 0,
      reason: 'claude ended without a result line (exit 0); 1 overlong line dropped',
    });
    expect(run.recorded.output()).toBe('');
  });

  test('error result (API Error 400): never completed; the error text is the reason, not the output', async () => {
    const run = await play({ scenario: 'error' });
    expect(run.outcome).toMatchObject({
      completed: false,
      exitCode: 1,
      reason: 'claude reported is_error: API Error: 400 mock error 400',
    });
    expect(run.outcome.usage).toMatchObject({ llmCalls: 0, costUsd: 0 });
    expect(run.recorded.output()).toBe('');
  });

  test('SIGINT-style exit 0 without a result line is not success', async () => {
    const run = await play({ scenario: 'sigint' });
    expect(run.outcome).toMatchObject({
      completed: false,
      exitCode: 0,
      reason: 'claude ended without a result line (exit 0)',
    });
    expect(run.outcome.usage.llmCalls).toBe(1);
  });

  test('no-end: completed (the harness judges NO_END from the text)', async () => {
    const run = await play({ scenario: 'no-end' });
    expect(run.outcome.completed).toBe(true);
    expect(run.recorded.output()).toMatch(/STATUS: OK$/);
    expect(run.recorded.output()).not.toContain('END_OF_RUN');
  });

  test('malformed lines interleaved: skipped, the counts are right', async () => {
    const run = await play({ scenario: 'malformed' });
    expect(run.outcome.completed).toBe(true);
    expect(run.outcome.usage).toMatchObject({ llmCalls: 2, toolCalls: ['Read'], costUsd: 0.01416 });
  });

  test('max-turns result', async () => {
    const run = await play({ scenario: 'max-turns' });
    expect(run.outcome).toMatchObject({
      completed: false,
      exitCode: 1,
      reason: 'claude stopped at max turns: Reached maximum number of turns (10)',
    });
  });

  test('two results (result_index 0 and 1): the last is the answer; the cost is not summed', async () => {
    const run = await play({ scenario: 'two-results' });
    expect(run.outcome.completed).toBe(true);
    expect(run.outcome.usage).toMatchObject({ llmCalls: 3, toolCalls: ['Agent'], costUsd: 0.021712 });
    expect(run.recorded.chunks).toHaveLength(1);
    expect(run.recorded.output()).toContain('END_OF_RUN');
    expect(run.recorded.output()).not.toContain('Background agent started.');
  });

  test('subagent lines count: 4 calls, Agent and Read', async () => {
    const run = await play({ scenario: 'subagent' });
    expect(run.outcome.usage).toMatchObject({ llmCalls: 4, toolCalls: ['Agent', 'Read'] });
  });

  test('an abort before the start still ends the process at once', async () => {
    const controller = new AbortController();
    controller.abort();
    const agent = makeAgent({ front: { runner: { kind: 'claude', executable: FAKE_CLAUDE } } });
    const input = makeRunnerInput({ agent, signal: controller.signal, env: { FAKE_CLAUDE_SCENARIO: 'hang' } });
    runIds.push(input.runId);
    const recorded = recordEvents();
    const outcome = await claudeRunner.run(input, recorded.events);
    expect(outcome.completed).toBe(false);
    expect(await waitFor(() => pidsOfRun(input.runId).length === 0)).toBe(true);
  });
});
