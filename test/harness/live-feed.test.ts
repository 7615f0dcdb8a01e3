import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { LiveFeed } from '../../src/harness/live-file.js';
import { parseLiveEvent } from '../../src/harness/live-format.js';
import type { WatchSnapshot } from '../../src/harness/watch.js';
import { emptyUsage } from '../../src/runners/usage.js';
import { fillUp, mountTmpfs, tmpfsAvailable, unmount } from '../support/tmpfs.js';

/** The live file's writer alone: it never throws into the run, says once why it stopped, and removes its file. */
const canMount = tmpfsAvailable('the live file on a full disk');
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const LIMITS = { time: 60_000, calls: 10, tool_calls: 20, cost_usd: 1, output_bytes: 100_000 };
const snapshot = (calls = 0): WatchSnapshot => ({
  elapsedMs: 10,
  calls,
  toolCalls: 0,
  costUsd: 0,
  outputBytes: 0,
  limits: LIMITS,
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ns-live-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function feedIn(dir: string, notes: string[]): Promise<LiveFeed> {
  return LiveFeed.open(join(dir, 'agent.live.jsonl'), dir, {
    runId: 'r1',
    runner: 'claude',
    model: null,
    limits: LIMITS,
    secrets: [],
    onNote: (note) => notes.push(note),
  });
}

describe('LiveFeed', () => {
  test('a tool input is matched to the tool call the usage counts; names without an input are written bare', async () => {
    const dir = await tempDir();
    const feed = await feedIn(dir, []);
    feed.begin(snapshot());
    feed.tool({ name: 'Bash', input: { command: 'ls\n-la' } });
    feed.observe({ ...emptyUsage('table'), llmCalls: 1, toolCalls: ['Bash', 'Read'] }, () => snapshot(1));
    feed.progress(snapshot(1));
    await feed.close({ remove: false }); // every line written
    const lines = readFileSync(join(dir, 'agent.live.jsonl'), 'utf8').trim().split('\n').map(parseLiveEvent);
    expect(lines.map((l) => l?.type)).toEqual(['start', 'model', 'tool', 'tool', 'progress']);
    expect(lines[2]).toMatchObject({ tool: 'Bash', input: '{"command":"ls\\n-la"}' });
    expect(lines[3]).toMatchObject({ tool: 'Read' });
    expect(lines[3]!.input).toBeUndefined();
    feed.progress(snapshot(2)); // after close: nothing, no throw
    await feed.close();
    expect(existsSync(join(dir, 'agent.live.jsonl'))).toBe(false);
  });

  test('a folder it cannot write: no throw, one note, the run goes on', async () => {
    const notes: string[] = [];
    const notAFolder = join(await tempDir(), 'a-file');
    writeFileSync(notAFolder, '');
    const feed = await feedIn(notAFolder, notes);
    feed.begin(snapshot());
    feed.progress(snapshot());
    await feed.close();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(`live view of this run is off: cannot write ${notAFolder}/agent.live.jsonl`);
  });

  test.skipIf(!canMount)(
    'a full disk: the writes stop with one note, nothing throws, the file is removed',
    async () => {
      const dir = await tempDir();
      mountTmpfs(dir, 64);
      cleanups.push(() => unmount(dir));
      const notes: string[] = [];
      const feed = await feedIn(dir, notes);
      fillUp(dir, join(dir, 'filler'));
      feed.begin(snapshot());
      for (let i = 0; i < 50; i++) feed.progress(snapshot());
      await feed.close();
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatch(/live view of this run stopped: .*no space left on device.*the run goes on/i);
      expect(existsSync(join(dir, 'agent.live.jsonl'))).toBe(false);
    },
  );
});
