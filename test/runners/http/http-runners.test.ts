import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { anthropicRunner } from '../../../src/runners/anthropic.js';
import { openaiRunner } from '../../../src/runners/openai.js';
import type { Runner, RunnerUsage } from '../../../src/runners/types.js';
import {
  DEFAULT_FINAL_TEXT,
  type MockScenario,
  type MockServer,
  startMockServer,
} from '../../support/mock-model-server.js';
import { makeAgent, makeRunnerInput, recordEvents } from '../../support/runner-harness.js';

const KEY = 'sk-test-SECRET-0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'ns-http-'));
const LOG = join(dir, 'daily-log.txt');
const LOG_TEXT = '09:15 - Deployed v1.42 to production\n13:00 - Lunch\n';
writeFileSync(LOG, LOG_TEXT);

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ delayMs: 5000, hugeBytes: 30 * 1024 * 1024 });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => server.reset());

interface Flavour {
  name: 'openai' | 'anthropic';
  runner: Runner;
  model: string;
  keyEnv: string;
  baseUrl(scenario: MockScenario): string;
  /** the per-call cost of the mock's usage at the table price, and the tokens it is made of */
  perCall: { usd: number; tokens: { input: number; output: number; cache_read: number; cache_write: number } };
  offeredTools(body: any): string[];
  systemOf(body: any): string;
  userOf(body: any): string;
  /** the tool result sent back in the second request */
  toolResultOf(body: any): string | undefined;
  keyHeader(headers: Record<string, unknown>): unknown;
}

const FLAVOURS: Flavour[] = [
  {
    name: 'openai',
    runner: openaiRunner,
    model: 'gpt-5-mini',
    keyEnv: 'OPENAI_API_KEY',
    baseUrl: (s) => server.openaiBaseUrl(s),
    // prompt 1000 of which 200 cached, completion 50: 800·0.25 + 200·0.025 + 50·2.00 per 1e6
    perCall: { usd: 0.000305, tokens: { input: 800, cache_read: 200, cache_write: 0, output: 50 } },
    offeredTools: (b) => (b.tools ?? []).map((t: any) => t.function.name),
    systemOf: (b) => b.messages.find((m: any) => m.role === 'system').content,
    userOf: (b) => b.messages.find((m: any) => m.role === 'user').content,
    toolResultOf: (b) => b.messages.find((m: any) => m.role === 'tool')?.content,
    keyHeader: (h) => h.authorization,
  },
  {
    name: 'anthropic',
    runner: anthropicRunner,
    model: 'claude-sonnet-4-5',
    keyEnv: 'ANTHROPIC_API_KEY',
    baseUrl: (s) => server.anthropicBaseUrl(s),
    // 1200 in, 300 cache-write, 5000 cache-read, 57 out on sonnet-4-5 = $0.00708 (notes §1.5)
    perCall: { usd: 0.00708, tokens: { input: 1200, cache_write: 300, cache_read: 5000, output: 57 } },
    offeredTools: (b) => (b.tools ?? []).map((t: any) => t.name),
    systemOf: (b) => b.system,
    userOf: (b) => b.messages[0].content,
    toolResultOf: (b) =>
      b.messages
        .flatMap((m: any) => (Array.isArray(m.content) ? m.content : []))
        .find((c: any) => c.type === 'tool_result')?.content,
    keyHeader: (h) => h['x-api-key'],
  },
];

async function play(
  f: Flavour,
  scenario: MockScenario,
  options: {
    abortWhen?: (u: RunnerUsage) => boolean;
    abortAfterMs?: number;
    noInput?: boolean;
    runner?: Record<string, unknown>;
    env?: Record<string, string | undefined>;
  } = {},
) {
  const agent = makeAgent({
    front: {
      ...(options.noInput ? {} : { input: { path: LOG, max_bytes: '100KB' } }),
      runner: { kind: f.name, model: f.model, base_url: f.baseUrl(scenario), ...options.runner },
    },
  });
  const controller = new AbortController();
  const recorded = recordEvents((u) => {
    if (options.abortWhen?.(u)) controller.abort();
  });
  const input = makeRunnerInput({
    agent,
    ...(options.noInput ? {} : { inputPath: LOG }),
    cwd: dir,
    signal: controller.signal,
    env: { [f.keyEnv]: KEY, ...options.env },
  });
  const timer = options.abortAfterMs ? setTimeout(() => controller.abort(), options.abortAfterMs) : undefined;
  const started = Date.now();
  const outcome = await f.runner.run(input, recorded.events);
  clearTimeout(timer);
  const requests = server.requests.filter((r) => r.api === (f.name === 'openai' ? 'openai' : 'anthropic'));
  // whatever happened, the key is in no outcome, reason or event
  expect(JSON.stringify({ outcome, usages: recorded.usages, output: recorded.output() })).not.toContain(KEY);
  return { outcome, recorded, input, requests, ms: Date.now() - started };
}

describe.each(FLAVOURS)('$name runner against the mock server', (f) => {
  test('normal: one read_input call, then the answer; 2 calls priced from usage', async () => {
    const run = await play(f, 'normal');
    expect(run.outcome).toMatchObject({ completed: true, exitCode: null, signal: null });
    expect(run.recorded.output()).toBe(DEFAULT_FINAL_TEXT);
    const t = f.perCall.tokens;
    expect(run.outcome.usage).toEqual({
      llmCalls: 2,
      toolCalls: ['read_input'],
      tokens: {
        input: 2 * t.input,
        output: 2 * t.output,
        cache_read: 2 * t.cache_read,
        cache_write: 2 * t.cache_write,
      },
      costUsd: 2 * f.perCall.usd,
      costBasis: 'table',
      pricedModel: f.model,
    });
    expect(run.recorded.usages.map((u) => u.llmCalls)).toEqual([1, 1, 2]);
    // the tool call's input, reported before the usage that counts it (the live view shows it)
    expect(run.recorded.tools.map((call) => call.name)).toEqual(['read_input']);
    expect(run.recorded.tools[0]!.input).toBeTypeOf('object');
    expect(run.requests).toHaveLength(2);
    const [first, second] = run.requests;
    expect(f.offeredTools(first!.body)).toEqual(['read_input']);
    expect(f.systemOf(first!.body)).toBe(run.input.systemPrompt);
    expect(f.userOf(first!.body)).toBe(run.input.task);
    expect(first!.body.model).toBe(f.model);
    expect(first!.body.stream).toBe(false);
    expect(f.toolResultOf(second!.body)).toBe(LOG_TEXT);
    expect(f.keyHeader(first!.headers)).toContain(KEY);
    if (f.name === 'anthropic') expect(first!.headers['anthropic-version']).toBe('2023-06-01');
  });

  test('no input declared → no tool offered at all', async () => {
    const run = await play(f, 'normal', { noInput: true });
    expect(run.outcome.completed).toBe(true);
    expect(run.requests).toHaveLength(1);
    expect(run.requests[0]!.body.tools).toBeUndefined();
    expect(run.outcome.usage.llmCalls).toBe(1);
  });

  test('HTTP 500 once, then OK: one retry, the run completes', async () => {
    const run = await play(f, 'error500-once');
    expect(run.outcome.completed).toBe(true);
    expect(run.requests).toHaveLength(3);
    expect(run.outcome.usage.llmCalls).toBe(2);
  });

  test('HTTP 500 always: gives up after one retry, with the status and a body excerpt', async () => {
    const run = await play(f, 'error500');
    expect(run.requests).toHaveLength(2);
    expect(run.outcome.completed).toBe(false);
    expect(run.outcome.reason).toMatch(/answered HTTP 500 \(after one retry\): .*mock error 500/);
  });

  test('HTTP 529 overloaded_error: the reason says the provider marks it retryable', async () => {
    const run = await play(f, 'overloaded');
    expect(run.outcome.completed).toBe(false);
    expect(run.outcome.reason).toMatch(/^retryable API error \(HTTP 529(, overloaded_error)?\): .*answered HTTP 529/);
  });

  test('HTTP 400: no retry', async () => {
    const run = await play(f, 'error400');
    expect(run.requests).toHaveLength(1);
    expect(run.outcome.reason).toMatch(/answered HTTP 400: .*mock error 400/);
  });

  test('HTTP 401: no retry, names the variable to check, never the key', async () => {
    const run = await play(f, 'error401');
    expect(run.requests).toHaveLength(1);
    expect(run.outcome.reason).toContain(`HTTP 401 — check the key in $${f.keyEnv}`);
  });

  test('runaway tool calls: the loop is bounded by the harness abort', async () => {
    const run = await play(f, 'runaway', { abortWhen: (u) => u.llmCalls > 3 });
    expect(run.outcome).toMatchObject({ completed: false, reason: 'stopped by the harness' });
    expect(run.outcome.usage.llmCalls).toBe(4);
    expect(run.requests).toHaveLength(4);
  });

  // default output_bytes 100 KB: 102400 · 4 + 1048576 = 1458176
  test('a huge completion is cut off at output_bytes × 4 + 1 MB, not buffered', async () => {
    const run = await play(f, 'huge');
    expect(run.outcome.completed).toBe(false);
    expect(run.outcome.reason).toMatch(/sent a response over 1458176 bytes/);
    expect(run.recorded.output()).toBe('');
    // the client hung up part way: the 30 MB body was never read whole
    const sent = run.requests[0]!.response;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent.clientClosed).toBe(true);
    expect(sent.bytes).toBeLessThan(30 * 1024 * 1024);
  });

  test('slow server: the abort ends the call in flight', async () => {
    const run = await play(f, 'slow', { abortAfterMs: 200 });
    expect(run.outcome).toMatchObject({ completed: false, reason: 'stopped by the harness' });
    expect(run.ms).toBeLessThan(3000);
  });

  test('a server that never answers: the abort ends it', async () => {
    const run = await play(f, 'hang', { abortAfterMs: 200 });
    expect(run.outcome).toMatchObject({ completed: false, reason: 'stopped by the harness' });
  });

  test('nobody listening: one retry, then "cannot reach"', async () => {
    const port = await freePort();
    const agent = makeAgent({
      front: { runner: { kind: f.name, model: f.model, base_url: `http://127.0.0.1:${port}` } },
    });
    const outcome = await f.runner.run(makeRunnerInput({ agent, env: { [f.keyEnv]: KEY } }), recordEvents().events);
    expect(outcome.completed).toBe(false);
    expect(outcome.reason).toMatch(/^cannot reach .* \(after one retry\): fetch failed \(ECONNREFUSED\)/);
  });

  test('the provider itself without a key: refused before any call', async () => {
    const agent = makeAgent({ front: { runner: { kind: f.name, model: f.model } } });
    const input = makeRunnerInput({ agent });
    delete input.env[f.keyEnv];
    const outcome = await f.runner.run(input, recordEvents().events);
    expect(outcome.completed).toBe(false);
    expect(outcome.reason).toMatch(new RegExp(`^${f.keyEnv} is not set`));
  });

  test('a local server needs no key', async () => {
    const run = await play(f, 'normal', { env: { [f.keyEnv]: undefined } });
    expect(run.outcome.completed).toBe(true);
    expect(f.keyHeader(run.requests[0]!.headers)).toBeUndefined();
  });

  test('no model configured (validate refuses such a file; the runner still says so if one reaches it)', async () => {
    const valid = makeAgent({ front: { model: 'm', runner: { kind: f.name, base_url: f.baseUrl('normal') } } });
    const agent = { ...valid, model: undefined };
    const outcome = await f.runner.run(makeRunnerInput({ agent }), recordEvents().events);
    expect(outcome).toMatchObject({ completed: false });
    expect(outcome.reason).toMatch(/a model is required for the \w+ runner: set model: or runner\.model/);
  });
});

describe('read_input', () => {
  test('offset and length page through the file; other tools are refused', async () => {
    const { InputReader } = await import('../../../src/runners/http/read-input-tool.js');
    const reader = new InputReader(LOG, 1000);
    expect(await reader.call('read_input', { offset: 3, length: 2 })).toEqual({ content: '15', isError: false });
    expect(await reader.call('read_input', {})).toEqual({ content: LOG_TEXT, isError: false });
    expect(await reader.call('bash', { command: 'ls' })).toMatchObject({ isError: true });
    const small = new InputReader(LOG, 10);
    expect((await small.call('read_input', {})).content).toBe('09:15 - De\n[input truncated at 10 bytes]');
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
