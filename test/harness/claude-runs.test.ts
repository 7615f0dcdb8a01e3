import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runAgent } from '../../src/harness/index.js';
import { SAMPLE_LOG } from '../../src/home/templates/example-agent.js';
import { pidsOfRun } from '../support/procs.js';
import { FAKE_CLAUDE } from '../support/runner-harness.js';
import { DEFAULT_PROMPT, expectCompleteRecord, makeHome, type TestHome } from './support/home.js';

/**
 * The `claude` runner against test/support/fake-claude.mjs (stream-json lines
 * built from real Claude Code 2.1.330 captures), and the offline extractive
 * runner: the harness's statuses for each way a real agent misbehaves.
 */
let home: TestHome;
beforeEach(async () => {
  home = await makeHome();
  await home.writeFile('log.txt', SAMPLE_LOG);
});
afterEach(async () => home.remove());

async function claude(
  scenario: string,
  front: Record<string, unknown> = {},
  env: Record<string, string> = {},
  body?: string,
) {
  await home.writeAgent(
    'agent',
    {
      tools: 'Read',
      input: { path: 'log.txt' },
      runner: { kind: 'claude', executable: FAKE_CLAUDE, model: 'claude-sonnet-4-5' },
      ...front,
    },
    body,
  );
  const started = Date.now();
  const record = await runAgent({
    agent: 'agent',
    home: await home.open(),
    env: { ...process.env, FAKE_CLAUDE_SCENARIO: scenario, ...env },
  });
  const elapsed = Date.now() - started;
  const lines = await home.rawRecordLines();
  expect(lines).toHaveLength(1);
  expect(expectCompleteRecord(lines[0]!)).toEqual(record);
  expect(pidsOfRun(record.run_id)).toEqual([]);
  return { record, elapsed };
}

describe('claude runner (fake claude)', () => {
  test('normal: OK, the result text is the output, calls and cost as reported', async () => {
    const { record } = await claude('normal', { output: { expect: { bullets: 3 } } });
    expect(record).toMatchObject({
      status: 'OK',
      runner: 'claude',
      model: 'claude-sonnet-4-5',
      tool_calls: ['Read'],
      exit_code: 0,
    });
    expect(record.llm_calls).toBeGreaterThan(0);
    expect(record.cost_usd).toBeGreaterThan(0);
    expect(await readFile(join(home.root, record.output_file!), 'utf8')).toMatch(/STATUS: OK\nEND_OF_RUN/);
  });

  test("a prompt over the kernel's 128 KB limit for one argument (E2BIG on every run before) runs: claude gets it whole, in a file", async () => {
    // 141 KB, like the agent file of the report, and one of 1 MB, the most any runner takes
    for (const kb of [141, 1023]) {
      const body =
        `${DEFAULT_PROMPT}\n# Reference\n${'A line of reference material for the agent.\n'.repeat(Math.ceil((kb * 1024) / 44))}`.slice(
          0,
          kb * 1024,
        );
      const argsFile = join(home.root, `args-${kb}.json`);
      await home.writeFile('logs/runs.jsonl', '');
      const { record } = await claude('normal', {}, { FAKE_CLAUDE_ARGS_FILE: argsFile }, body);
      expect(record).toMatchObject({ status: 'OK', exit_code: 0 });
      const seen = JSON.parse(await readFile(argsFile, 'utf8')) as {
        argv: string[];
        systemPrompt: string;
        prompt: string;
      };
      expect(seen.systemPrompt).toBe(body.split('{date}').join(record.started_at.slice(0, 10)));
      expect(seen.prompt).toMatch(/^Run now: today is .*log\.txt; read nothing else\./);
      // nothing of either prompt is on the command line
      expect(Math.max(...seen.argv.map((arg) => arg.length))).toBeLessThan(1024);
    }
  });

  test("runaway: CALL_LIMIT, whether the harness or claude's own --max-turns stops it first", async () => {
    const { record, elapsed } = await claude('runaway', { limits: { calls: 3, time: '20s' } });
    expect(record).toMatchObject({ status: 'CALL_LIMIT', limit_hit: { limit: 'calls', max: 3 }, output_file: null });
    expect(elapsed).toBeLessThan(5000);
    await home.writeFile('logs/runs.jsonl', '');
    const { record: unguarded } = await claude('runaway', {
      runner: { kind: 'claude', executable: FAKE_CLAUDE, max_turns: 50 },
      limits: { calls: 3, time: '20s' },
    });
    expect(unguarded).toMatchObject({ status: 'CALL_LIMIT', limit_hit: { limit: 'calls', max: 3, observed: 4 } });
  });

  test('hang: TIMEOUT', async () => {
    const { record } = await claude('hang', { limits: { time: '500ms' } });
    expect(record).toMatchObject({ status: 'TIMEOUT', limit_hit: { limit: 'time', max: 500 } });
  });

  test('hang with an escaped descendant that ignores SIGTERM: TIMEOUT and no survivor', async () => {
    const { record } = await claude('hang-with-descendant-ignore-term', { limits: { time: '700ms' } });
    expect(record.status).toBe('TIMEOUT');
  });

  test('an error result: RUNNER_FAILED', async () => {
    const { record } = await claude('error');
    expect(record).toMatchObject({ status: 'RUNNER_FAILED', exit_code: 1, output_file: null });
    expect(record.reason).toBeTruthy();
  });

  test('SIGINT-style exit 0 without a result line: RUNNER_FAILED, never OK', async () => {
    const { record } = await claude('sigint');
    expect(record).toMatchObject({ status: 'RUNNER_FAILED', exit_code: 0 });
  });

  test('no END_OF_RUN: NO_END', async () => {
    const { record } = await claude('no-end');
    expect(record.status).toBe('NO_END');
  });

  // The claude runner reports output once, the result text at the end: a flood of
  // streamed assistant text is stopped by the call limit (each message is a call).
  test('flood of assistant text: stopped at once, nothing kept', async () => {
    const { record, elapsed } = await claude(
      'flood',
      { limits: { output_bytes: '100KB', time: '30s', calls: 20 } },
      { FAKE_CLAUDE_FLOOD_BYTES: String(1024 ** 3) },
    );
    expect(record).toMatchObject({ status: 'CALL_LIMIT', output_file: null, limit_hit: { limit: 'calls', max: 20 } });
    expect(elapsed).toBeLessThan(5000);
  });

  test('a result text over the output limit: OUTPUT_LIMIT, nothing kept', async () => {
    const { record } = await claude('normal', { limits: { output_bytes: 64 } });
    expect(record).toMatchObject({
      status: 'OUTPUT_LIMIT',
      output_file: null,
      limit_hit: { limit: 'output_bytes', max: 64 },
    });
  });
});

describe('extractive runner', () => {
  test('OK on the sample log, offline, at no cost', async () => {
    await home.writeAgent('agent', {
      input: { path: 'log.txt' },
      runner: { kind: 'extractive' },
      output: { expect: { bullets: 3, max_words: 500 } },
    });
    const record = await runAgent({ agent: 'agent', home: await home.open() });
    expect(record).toMatchObject({
      status: 'OK',
      runner: 'extractive',
      cost_usd: 0,
      llm_calls: 0,
      input_size_bytes: Buffer.byteLength(SAMPLE_LOG),
    });
    expect(await readFile(join(home.root, record.output_file!), 'utf8')).toMatch(
      /^Day summary \(\d{4}-\d{2}-\d{2}\):\n- /,
    );
  });
});
