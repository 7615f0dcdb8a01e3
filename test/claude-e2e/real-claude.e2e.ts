import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { claudeRunner } from '../../src/runners/claude/runner.js';
import type { RunnerUsage } from '../../src/runners/types.js';
import {
  DEFAULT_FINAL_TEXT,
  type MockScenario,
  type MockServer,
  startMockServer,
} from '../support/mock-model-server.js';
import { isRunning, killPids, pidsOfRun, procIds, waitFor } from '../support/procs.js';
import { installRealClaude, type RealClaude, realClaudeEnv } from '../support/real-claude.js';
import { makeAgent, makeRunnerInput, recordEvents } from '../support/runner-harness.js';

/**
 * The REAL Claude Code 2.1.330 driven by nightshift's claude runner, talking
 * to the mock model server on 127.0.0.1. Proves the runner against the real
 * stream, the real exit behaviour and the real process tree.
 */
let claude: RealClaude;
let server: MockServer;
const dir = mkdtempSync(join(tmpdir(), 'ns-real-claude-'));
const LOG = join(dir, 'daily-log.txt');
writeFileSync(
  LOG,
  '09:15 - Deployed v1.42 to production\n13:00 - Lunch\n16:00 - Paired on the payments rounding bug\n',
);
const runIds: string[] = [];

beforeAll(async () => {
  claude = await installRealClaude();
  server = await startMockServer({ readPath: LOG });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  for (const runId of runIds.splice(0)) killPids(pidsOfRun(runId));
});

async function runReal(
  scenario: MockScenario,
  options: {
    abortWhen?: (u: RunnerUsage) => boolean;
    /** polled every 50 ms: abort when it turns true */
    abortWhenTrue?: () => boolean;
    abortAfterMs?: number;
    calls?: number;
    tools?: string;
    server?: MockServer;
  } = {},
) {
  const mock = options.server ?? server;
  const agent = makeAgent({
    front: {
      tools: options.tools ?? 'Read',
      // a tool beyond Read (Bash) must be declared: read-only first
      writes: (options.tools ?? 'Read') !== 'Read',
      input: { path: LOG, max_bytes: '100KB' },
      runner: { kind: 'claude', executable: claude.bin, model: 'claude-sonnet-4-5' },
      limits: { calls: options.calls ?? 50 },
    },
  });
  const controller = new AbortController();
  const recorded = recordEvents((u) => {
    if (options.abortWhen?.(u)) controller.abort();
  });
  const input = makeRunnerInput({ agent, inputPath: LOG, cwd: dir, signal: controller.signal, killGraceMs: 2000 });
  input.env = {
    ...realClaudeEnv({ home: join(dir, 'home'), baseUrl: mock.anthropicBaseUrl(scenario) }),
    NIGHTSHIFT_RUN_ID: input.runId,
  };
  runIds.push(input.runId);
  mock.reset();
  const timer = options.abortAfterMs ? setTimeout(() => controller.abort(), options.abortAfterMs) : undefined;
  const poll = options.abortWhenTrue
    ? setInterval(() => options.abortWhenTrue!() && controller.abort(), 50)
    : undefined;
  const started = Date.now();
  const outcome = await claudeRunner.run(input, recorded.events);
  clearTimeout(timer);
  clearInterval(poll);
  const requests = mock.requests.filter((r) => r.api === 'anthropic');
  if (process.env.NIGHTSHIFT_E2E_VERBOSE) {
    console.log(
      JSON.stringify(
        {
          scenario,
          ms: Date.now() - started,
          outcome: { ...outcome, stderrTail: outcome.stderrTail?.slice(-300) },
          requests: requests.length,
          usages: recorded.usages.length,
        },
        null,
        1,
      ),
    );
  }
  return { outcome, recorded, input, ms: Date.now() - started, requests };
}

function expectNothingLeft(run: Awaited<ReturnType<typeof runReal>>): void {
  const leader = run.recorded.spawned[0]?.pid;
  expect(leader).toBeGreaterThan(1);
  expect(isRunning(leader!)).toBe(false);
  expect(pidsOfRun(run.input.runId)).toEqual([]);
}

describe(`real claude ${'2.1.330'} through the claude runner`, () => {
  test('normal: one Read, then the answer; calls counted, cost read from the result', async () => {
    const run = await runReal('normal');
    if (!run.outcome.completed) console.error(run.outcome, run.recorded.usages.at(-1));
    expect(run.outcome.completed).toBe(true);
    expect(run.outcome.exitCode).toBe(0);
    expect(run.recorded.output()).toBe(DEFAULT_FINAL_TEXT);
    expect(run.outcome.usage.llmCalls).toBe(2);
    expect(run.outcome.usage.toolCalls).toEqual(['Read']);
    // two mock calls of 1200/300/5000/57 on claude-sonnet-4-5 at the CLI's list price
    expect(run.outcome.usage.costBasis).toBe('reported');
    expect(run.outcome.usage.costUsd).toBeCloseTo(0.01416, 8);
    // what the CLI sent: our system prompt and only the agent's tools allowed
    const first = run.requests.find((r) => Array.isArray(r.body?.tools) && r.body.tools.length > 0);
    expect(JSON.stringify(first?.body?.system)).toContain('You are a test agent.');
    expectNothingLeft(run);
  });

  test('runaway: the mock asks for a tool forever; the harness aborts after 3 calls; no process left', async () => {
    const run = await runReal('runaway', { abortWhen: (u) => u.llmCalls > 3 });
    expect(run.outcome.completed).toBe(false);
    expect(run.outcome.reason).toMatch(/^stopped by the harness/);
    expect(run.outcome.usage.llmCalls).toBeGreaterThanOrEqual(4);
    expect(run.outcome.usage.toolCalls.length).toBeGreaterThanOrEqual(3);
    expect(run.outcome.usage.costUsd).toBeGreaterThan(0);
    expectNothingLeft(run);
  });

  test('runaway within --max-turns: the CLI stops itself with error_max_turns', async () => {
    const run = await runReal('runaway', { calls: 2 });
    expect(run.outcome.completed).toBe(false);
    expect(run.outcome.reason).toMatch(/^claude stopped at max turns/);
    expect(run.outcome.usage.costBasis).toBe('reported');
    expectNothingLeft(run);
  });

  test('hang: the mock never answers; aborted on a timer; no process left', async () => {
    const run = await runReal('hang', { abortAfterMs: 4000 });
    expect(run.outcome.completed).toBe(false);
    expect(run.outcome.usage.llmCalls).toBe(0);
    expect(run.ms).toBeLessThan(4000 + 2000 + 5000);
    expect(await waitFor(() => pidsOfRun(run.input.runId).length === 0, 3000)).toBe(true);
    expectNothingLeft(run);
  });

  test('a Bash-tool command in its own session that ignores SIGTERM: found and killed after the abort', async () => {
    const pidFile = join(dir, 'bash-child.pid');
    // writes its pid once its SIGTERM handler is in place, then never ends
    const code = `process.on('SIGTERM',()=>{});require('fs').writeFileSync(${JSON.stringify(pidFile)},String(process.pid));setInterval(()=>{},1e9)`;
    const bash = await startMockServer({ bashCommand: `node -e ${JSON.stringify(code)}` });
    try {
      let seen: ReturnType<typeof procIds> = null;
      const ready = (): boolean => {
        if (!existsSync(pidFile)) return false;
        seen = procIds(Number(readFileSync(pidFile, 'utf8')));
        return true;
      };
      const run = await runReal('normal', { server: bash, tools: 'Bash', abortWhenTrue: ready, abortAfterMs: 60_000 });
      const escapee = Number(readFileSync(pidFile, 'utf8'));
      const leader = run.recorded.spawned[0]!.pid;
      // it really had escaped: another process group and session than claude's
      expect(seen).not.toBeNull();
      expect(seen!.pgid).not.toBe(leader);
      expect(seen!.sid).not.toBe(leader);
      expect(run.outcome.completed).toBe(false);
      expect(run.outcome.usage.toolCalls).toEqual(['Bash']);
      expect(escapee).toBeGreaterThan(1);
      expect(isRunning(escapee)).toBe(false);
      expectNothingLeft(run);
    } finally {
      await bash.close();
    }
  });
});
