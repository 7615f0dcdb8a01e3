import { appendFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { LiveEvent } from '../../src/harness/index.js';
import { topView } from '../../src/console/state.js';
import { liveModel } from '../../src/console/selectors/live.js';
import { plainText } from '../../src/console/selectors/cells.js';
import { footerBindings, keyToAction } from '../../src/console/keymap.js';
import { type LiveRead, tailLiveFile } from '../../src/console/runtime/live-tail.js';
import type { ConsoleState } from '../../src/console/state/types.js';
import { agent, apply, loaded, NOW, press, run, sampleFleet, snapshot, takeEffects } from './support.js';

/** f: the live view of a run in flight (issue 15 §3), as the reducer, the selector and the file tail see it. */
const at = new Date(NOW).toISOString();
const base = { at, elapsed_ms: 0, calls: 0, tool_calls: 0, cost_usd: 0, output_bytes: 0 };
const START: LiveEvent = {
  ...base,
  type: 'start',
  run_id: 'r1',
  runner: 'claude',
  model: 'claude-sonnet-4-5',
  limits: { time_ms: 600_000, calls: 20, tool_calls: 40, cost_usd: 0.5, output_bytes: 100_000 },
};
const MODEL: LiveEvent = {
  ...base,
  type: 'model',
  n: 1,
  calls: 1,
  cost_usd: 0.007,
  model: 'claude-sonnet-4-5',
  tokens: { input: 1200, output: 57, cache_read: 5000, cache_write: 300 },
};
const TOOL: LiveEvent = {
  ...base,
  type: 'tool',
  n: 1,
  calls: 1,
  tool_calls: 1,
  tool: 'Read',
  input: '{"file_path":"/home/log.txt"}',
};
const PROGRESS: LiveEvent = {
  ...base,
  type: 'progress',
  elapsed_ms: 540_000,
  calls: 1,
  tool_calls: 1,
  cost_usd: 0.007,
};

function screen(state: ConsoleState): string {
  const view = topView(state);
  if (view.kind !== 'live') throw new Error(`not the live view: ${view.kind}`);
  const model = liveModel(state, view, 100);
  return [model.title, ...model.gauges, ...(model.status ? [model.status] : []), ...model.events]
    .map(plainText)
    .join('\n');
}

describe('f: follow a run in flight', () => {
  test('from the fleet on a running agent: the live view, and the file is tailed; read-only too', () => {
    for (const readonly of [false, true]) {
      let state = loaded(sampleFleet(), { readonly });
      state = press(state, 'j', 'j', 'j', 'j'); // echo, running
      const [followed, effects] = takeEffects(press(state, 'f'));
      expect(topView(followed)).toMatchObject({ kind: 'live', agent: 'echo' });
      expect(effects).toEqual([{ kind: 'follow-live', agent: 'echo' }]);
    }
    expect(keyToAction('f', 'agent')).toEqual({ type: 'follow' });
    expect(footerBindings('fleet', true).some((b) => b.keys.includes('f'))).toBe(true);
  });

  test('on an agent with no run in flight: says so and how its last run ended', () => {
    const state = press(loaded(sampleFleet()), 'j', 'f'); // bravo
    expect(topView(state).kind).toBe('fleet');
    expect(state.flash?.text).toContain('bravo has no run in flight; its last run ended TIMEOUT');
  });

  test('lines as they arrive: gauges against the limits, model and tool calls; esc goes back', () => {
    let state = press(loaded(sampleFleet()), 'j', 'j', 'j', 'j', 'f');
    expect(screen(state)).toContain('waiting for the run’s live file');
    state = apply(state, {
      type: 'live-read',
      agent: 'echo',
      events: [START, MODEL, TOOL, PROGRESS],
      reset: true,
      gone: false,
    });
    const shown = screen(state);
    expect(shown).toContain('following echo  run r1  claude claude-sonnet-4-5');
    expect(shown).toMatch(/time .* 9m00s \/ 10m00s 90%/);
    expect(shown).toMatch(/calls .* 1 \/ 20 5%/);
    expect(shown).toMatch(/cost .* \$0\.007 \/ \$0\.50/);
    expect(shown).toContain('model #1');
    expect(shown).toContain('tool  #1  Read  {"file_path":"/home/log.txt"}');
    expect(shown).not.toContain('run ended');
    expect(topView(press(state, 'esc')).kind).toBe('fleet');
  });

  test('the file is removed and the record lands: "run ended: STATUS"', () => {
    let state = press(loaded(sampleFleet()), 'j', 'j', 'j', 'j', 'f');
    state = apply(state, { type: 'live-read', agent: 'echo', events: [START, MODEL], reset: true, gone: false });
    state = apply(state, { type: 'live-read', agent: 'echo', events: [], reset: false, gone: true });
    expect(screen(state)).toContain('run ended; waiting for its record…');
    const ended = sampleFleet().map((a) =>
      a.name === 'echo'
        ? agent('echo', { lastRun: run('echo', { run_id: 'r1', status: 'TIMEOUT', reason: 'ran out of time' }) })
        : a,
    );
    state = apply(state, { type: 'fleet-loaded', snapshot: snapshot(ended) });
    expect(screen(state)).toContain('run ended: TIMEOUT');
    expect(screen(state)).toContain('ran out of time');
    // the calls seen stay on screen
    expect(screen(state)).toContain('model #1');
  });
});

describe('tailLiveFile', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  test('reads what is appended, starts over on a new file, says gone once when it is removed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ns-live-tail-'));
    dirs.push(dir);
    const file = join(dir, 'echo.live.jsonl');
    const reads: LiveRead[] = [];
    const stop = tailLiveFile(file, (read) => reads.push(read), { pollMs: 20 });
    const until = async (check: () => boolean): Promise<void> => {
      for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(check()).toBe(true);
    };
    const events = (): LiveEvent[] => reads.flatMap((r) => r.events);
    try {
      writeFileSync(file, `${JSON.stringify(START)}\n${JSON.stringify(MODEL).slice(0, 20)}`);
      await until(() => events().length === 1);
      expect(reads[0]).toMatchObject({ reset: true, gone: false });
      appendFileSync(file, `${JSON.stringify(MODEL).slice(20)}\nnot json\n${JSON.stringify(TOOL)}\n`);
      await until(() => events().length === 3);
      expect(events().map((e) => e.type)).toEqual(['start', 'model', 'tool']);
      unlinkSync(file);
      await until(() => reads.some((r) => r.gone));
      writeFileSync(file, `${JSON.stringify({ ...START, run_id: 'r2' })}\n`);
      await until(() => events().length === 4);
      expect(reads[reads.length - 1]).toMatchObject({ reset: true, events: [{ run_id: 'r2' }] });
      expect(reads.filter((r) => r.gone)).toHaveLength(1);
    } finally {
      stop();
    }
  });
});
