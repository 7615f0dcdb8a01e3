import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { killRun, liveFile, type LiveEvent, parseLiveEvent, runAgent } from '../../src/harness/index.js';
import { SAMPLE_LOG } from '../../src/home/templates/example-agent.js';
import type { WatchSnapshot } from '../../src/harness/watch.js';
import { FAKE_CLAUDE } from '../support/runner-harness.js';
import { makeHome, nodeAgent, type TestHome } from './support/home.js';

/**
 * run/<agent>.live.jsonl (issue 15 §3): written while a run goes, with the
 * fake claude speaking the real stream format; removed when the run ends, for
 * every way it ends; tool inputs redacted and cut.
 */
let home: TestHome;
beforeEach(async () => {
  home = await makeHome();
  await home.writeFile('log.txt', SAMPLE_LOG);
});
afterEach(async () => home.remove());

const SECRET = 'sk-live-view-0123456789';

function events(text: string): LiveEvent[] {
  return text
    .split('\n')
    .map(parseLiveEvent)
    .filter((event): event is LiveEvent => event !== null);
}

/** Runs the agent; while it goes, keeps what the live file held each time the watch moved (and its mode). */
async function runWatchingLive(
  front: Record<string, unknown>,
  env: Record<string, string>,
  during?: (seen: LiveEvent[]) => Promise<void> | void,
) {
  await home.writeAgent('agent', {
    tools: 'Read',
    input: { path: 'log.txt' },
    runner: { kind: 'claude', executable: FAKE_CLAUDE, model: 'claude-sonnet-4-5' },
    ...front,
  });
  const opened = await home.open();
  const file = liveFile(opened.paths, 'agent');
  let seen: LiveEvent[] = [];
  let mode = 0;
  let acting: Promise<void> | undefined;
  const look = (): void => {
    try {
      const text = readFileSync(file, 'utf8');
      mode = statSync(file).mode & 0o777;
      const now = events(text);
      if (now.length >= seen.length) seen = now;
    } catch {
      // not there yet, or gone
    }
  };
  const onProgress = (_: WatchSnapshot): void => {
    look();
    if (during && !acting && seen.some((e) => e.type === 'progress')) acting = Promise.resolve(during(seen));
  };
  const record = await runAgent({
    agent: 'agent',
    home: opened,
    env: { ...process.env, ...env },
    onProgress,
  });
  await acting;
  return { record, seen, mode, file, gone: !existsSync(file) };
}

describe('the live file of a run in flight', () => {
  test('OK with the fake claude: start, model calls, the tool call with its input, progress; 0600; removed at the end', async () => {
    const { record, seen, mode, gone } = await runWatchingLive(
      {},
      { FAKE_CLAUDE_SCENARIO: 'normal', FAKE_CLAUDE_DELAY_MS: '400' },
    );
    expect(record.status).toBe('OK');
    expect(gone).toBe(true);
    expect(mode).toBe(0o600);
    const start = seen[0]!;
    expect(start).toMatchObject({ type: 'start', run_id: record.run_id, runner: 'claude', model: 'claude-sonnet-4-5' });
    expect(start.limits).toMatchObject({ calls: expect.any(Number), time_ms: expect.any(Number) });
    const model = seen.find((e) => e.type === 'model');
    expect(model).toMatchObject({ n: 1, calls: 1, model: 'claude-sonnet-4-5' });
    expect(model!.tokens!.input).toBe(1200);
    const tool = seen.find((e) => e.type === 'tool');
    expect(tool).toMatchObject({ n: 1, tool: 'Read', tool_calls: 1 });
    expect(tool!.input).toContain('log.txt');
    // the model call is written before the tool call it made
    expect(seen.indexOf(model!)).toBeLessThan(seen.indexOf(tool!));
    expect(seen.some((e) => e.type === 'progress')).toBe(true);
    expect(seen.every((e) => e.cost_usd >= 0 && e.elapsed_ms >= 0)).toBe(true);
  });

  test('a secret in a tool input is redacted, and a long input is cut', async () => {
    const input = { command: `curl -H "Authorization: Bearer ${SECRET}" https://example.invalid/${'x'.repeat(2000)}` };
    const { record, seen } = await runWatchingLive(
      {},
      {
        FAKE_CLAUDE_SCENARIO: 'normal',
        FAKE_CLAUDE_DELAY_MS: '300',
        FAKE_CLAUDE_TOOL_INPUT: JSON.stringify(input),
        LIVE_TEST_TOKEN: SECRET,
      },
    );
    expect(record.status).toBe('OK');
    const tool = seen.find((e) => e.type === 'tool')!;
    expect(tool.input).toContain('[redacted:LIVE_TEST_TOKEN]');
    expect(tool.input).not.toContain(SECRET);
    expect(tool.input!.length).toBeLessThanOrEqual(241);
    expect(JSON.stringify(seen)).not.toContain(SECRET.slice(0, 12));
  });

  test('TIMEOUT: the file shows the clock against the limit, and is removed', async () => {
    const { record, seen, gone } = await runWatchingLive(
      { limits: { time: '1500ms' } },
      { FAKE_CLAUDE_SCENARIO: 'hang' },
    );
    expect(record.status).toBe('TIMEOUT');
    expect(gone).toBe(true);
    expect(seen[0]).toMatchObject({ type: 'start', limits: { time_ms: 1500 } });
    expect(seen.filter((e) => e.type === 'progress').length).toBeGreaterThan(0);
  });

  test('killed by `nightshift kill`: removed', async () => {
    let killed: unknown;
    const { record, seen, gone } = await runWatchingLive(
      { limits: { time: '30s' } },
      { FAKE_CLAUDE_SCENARIO: 'hang' },
      async () => {
        killed = await killRun((await home.open()).paths, 'agent', { graceMs: 200, by: 'ops', reason: 'watching' });
      },
    );
    expect(killed).toMatchObject({ outcome: 'killed' });
    expect(record.reason).toContain('killed by ops');
    expect(seen[0]).toMatchObject({ type: 'start', run_id: record.run_id });
    expect(gone).toBe(true);
  });

  test("a command runner writes progress lines; a leftover from a crashed run is not this run's", async () => {
    await home.writeFile('run/agent.live.jsonl', '{"type":"start","run_id":"old"}\n');
    await home.writeAgent('agent', nodeAgent('setTimeout(() => console.log("STATUS: OK\\nEND_OF_RUN"), 1500)'));
    const opened = await home.open();
    const file = liveFile(opened.paths, 'agent');
    let seen: LiveEvent[] = [];
    const record = await runAgent({
      agent: 'agent',
      home: opened,
      onProgress: () => {
        try {
          seen = events(readFileSync(file, 'utf8'));
        } catch {
          // gone
        }
      },
    });
    expect(record.status).toBe('OK');
    expect(seen[0]).toMatchObject({ type: 'start', run_id: record.run_id, runner: 'command' });
    expect(seen.some((e) => e.type === 'progress')).toBe(true);
    expect(existsSync(join(home.root, 'run', 'agent.live.jsonl'))).toBe(false);
  });
});
