import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoHome } from '../../fixtures/generator/make-home.js';
import { type Home, openHome } from '../../src/home/index.js';
import { changeRecordSchema, reviewRecordSchema, runRecordSchema } from '../../src/journal/index.js';
import { type RefreshReport } from '../../src/journal/trail.js';
import { costRows } from '../../src/console/selectors.js';
import { loadCosts } from '../../src/governance/index.js';
import { createEffectRunner } from '../../src/console/runtime/effects.js';
import { insideHome, loadText } from '../../src/console/runtime/loaders.js';
import { watchHome } from '../../src/console/runtime/watch.js';
import { initialState } from '../../src/console/state.js';
import { createStore, type Store } from '../../src/console/store.js';
import type { ConsoleState } from '../../src/console/state/types.js';

/** The effects layer against a real home: a copy of the demo fleet moved to today. */
const FIXTURE = resolve('fixtures/demo-home');
const manifest = JSON.parse(readFileSync(`${FIXTURE}.expect.json`, 'utf8')) as {
  agents: string[];
  drifting_cost: string;
  failed_last_night: string;
  paused: string[];
};

let root: string;
let home: Home;
let store: Store;
let runner: ReturnType<typeof createEffectRunner>;

async function until<T>(what: string, probe: () => T | undefined | null | false, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function lastLine(file: string): unknown {
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  return JSON.parse(lines[lines.length - 1] as string);
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ns-console-'));
  await makeDemoHome(join(root, 'home'), new Date());
  home = await openHome(join(root, 'home'));
  runner = createEffectRunner({
    home,
    binPath: resolve('bin/nightshift.js'),
    getState: () => store.getState(),
    now: () => new Date(),
    suspend: async (work) => work(),
    quit: () => undefined,
  });
  store = createStore(
    initialState({ now: Date.now(), cols: 100, rows: 30, readonly: false, noColor: true, home: home.root, seed: 3 }),
    runner,
  );
  store.drain();
  await until('the fleet', () => store.getState().snapshot);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const state = (): ConsoleState => store.getState();
const keys = (...names: string[]): void => store.dispatch({ type: 'keys', keys: names });

describe('loading the demo fleet', () => {
  it('shows every agent of the demo home', () => {
    expect(
      state()
        .snapshot?.agents.map((a) => a.name)
        .sort(),
    ).toEqual([...manifest.agents].sort());
  });

  it('the agent view gets its last 30 runs, its changes and its last output', async () => {
    keys('/', ...manifest.failed_last_night, 'enter', 'enter');
    const detail = await until('the agent detail', () => state().details[manifest.failed_last_night]);
    expect(detail.runs.length).toBeGreaterThan(5);
    expect(detail.runs.length).toBeLessThanOrEqual(30);
    expect(detail.runs[0]?.status).not.toBe('OK');
    expect(detail.lastOutputFile).toMatch(/^outputs\//);
    await until('its last output', () => state().texts[detail.lastOutputFile as string]?.text);
    keys('esc', 'esc');
  });

  it('costs: the agents flagged are those `costs` flags at the same moment', async () => {
    keys('C');
    await until('costs', () => state().costs);
    const flagged = costRows(state()).filter((row) => row.anomaly);
    const { report } = await loadCosts(home, { now: new Date(state().costs!.generatedAt) });
    // month against month: on a month's first day the demo's drift is not visible yet (test/demo/make-home.test.ts)
    expect(flagged.map((row) => row.name).sort()).toEqual(
      report.rows
        .filter((row) => row.anomalies.length > 0)
        .map((row) => row.name)
        .sort(),
    );
    keys('esc');
  });

  it('the review week: every agent, with the outputs still on disk', async () => {
    keys('R');
    const review = await until('the review week', () => state().review);
    expect(review.agents.map((a) => a.name).sort()).toEqual([...manifest.agents].sort());
    const withOutputs = review.agents.filter((a) => a.outputs.length > 0);
    expect(withOutputs.length).toBeGreaterThan(3);
    for (const agent of withOutputs)
      for (const file of agent.outputs) expect((await loadText(home, file)).text).not.toBeNull();
    keys('esc');
  });
});

describe('actions go through the kill switches and are recorded', () => {
  it('p on an agent pauses it with the reason, source console', async () => {
    const name = manifest.agents.find((a) => !manifest.paused.includes(a) && a !== 'churn-predictor') as string;
    keys('/', ...name, 'enter', 'p', ...'testing the console', 'enter');
    await until('the pause', () => state().snapshot?.agents.find((a) => a.name === name)?.operator.state === 'paused');
    const record = changeRecordSchema.parse(lastLine(home.paths.changesJournal));
    expect(record).toMatchObject({ action: 'pause', agent: name, reason: 'testing the console', source: 'console' });
    // the fleet may show the pause (its watcher saw state.json) a moment before the action's own message comes
    const said = await until('the message', () => (state().flash?.text.startsWith('Paused') ? state().flash : null));
    expect(said.text).toMatch(new RegExp(`Paused ${name} \\(testing the console\\)`));
    keys('esc');
  });

  it('a review mark lands in logs/reviews.jsonl', async () => {
    keys('R');
    await until('the review week', () => state().review);
    const agent = state().review?.agents[0]?.name as string;
    keys('c', ...'too chatty', 'enter');
    await until(
      'the mark',
      () =>
        (lastLine(home.paths.reviewsJournal) as { agent: string }).agent === agent &&
        (lastLine(home.paths.reviewsJournal) as { note: string }).note === 'too chatty',
    );
    expect(reviewRecordSchema.parse(lastLine(home.paths.reviewsJournal))).toMatchObject({
      agent,
      note: 'too chatty',
      concern: true,
      by: expect.any(String),
    });
    keys('esc');
  });
});

describe('live', () => {
  it('a new run record shows after a refresh, read from the new bytes only', async () => {
    const trail = runner.trail();
    expect(trail).toBeDefined();
    const reports: RefreshReport[] = [];
    const original = trail!.refresh.bind(trail);
    trail!.refresh = async () => {
      const report = await original();
      reports.push(report);
      return report;
    };
    const name = manifest.failed_last_night;
    const now = new Date();
    const record = runRecordSchema.parse({
      ...(lastLine(home.paths.runsJournal) as object),
      run_id: 'console-live-test',
      agent: name,
      status: 'OK',
      reason: null,
      started_at: new Date(now.getTime() - 1000).toISOString(),
      ended_at: now.toISOString(),
    });
    const line = `${JSON.stringify(record)}\n`;
    appendFileSync(home.paths.runsJournal, line);
    store.dispatch({ type: 'refresh' });
    await until(
      'the new run',
      () => state().snapshot?.agents.find((a) => a.name === name)?.lastRun?.run_id === 'console-live-test',
    );
    expect(runner.trail()).toBe(trail);
    expect(reports.at(-1)?.bytesRead).toBe(Buffer.byteLength(line));
  });

  it('fs.watch on logs/, run/, agents/ and state.json, debounced', async () => {
    let calls = 0;
    const stop = watchHome(home.paths, () => calls++, 50);
    try {
      appendFileSync(home.paths.alertsJournal, '');
      appendFileSync(home.paths.runsJournal, '\n');
      appendFileSync(join(home.paths.logs, '.index-noise'), 'x'); // dot-files are ignored
      await until('a change', () => calls > 0, 2000);
      await new Promise((r) => setTimeout(r, 200));
      expect(calls).toBe(1);
      appendFileSync(home.paths.state, ' ');
      await until('state.json', () => calls > 1, 2000);
      appendFileSync(join(home.paths.agents, `${manifest.agents[0]}.md`), '\n');
      await until('an agent file', () => calls > 2, 2000);
    } finally {
      stop();
    }
  });
});

describe('files shown are files of the home', () => {
  it('refuses a path that leaves the home', async () => {
    expect(insideHome(home, '../../etc/passwd')).toBeNull();
    expect(insideHome(home, '/etc/passwd')).toBeNull();
    expect((await loadText(home, 'outputs/../../x')).error).toMatch(/outside the home/);
    expect((await loadText(home, 'outputs/nope.md')).error).toMatch(/is gone/);
  });
});
