import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoHome } from '../../fixtures/generator/make-home.js';
import { type Home, openHome } from '../../src/home/index.js';
import { changeRecordSchema, runRecordSchema } from '../../src/journal/index.js';
import { createEffectRunner } from '../../src/console/runtime/effects.js';
import { runArgs } from '../../src/console/runtime/spawn.js';
import { initialState } from '../../src/console/state.js';
import { createStore, type Store } from '../../src/console/store.js';
import type { ConsoleState } from '../../src/console/state/types.js';

/**
 * `r` and `e` through the effects layer against a real home (a copy of the
 * demo fleet): the run is the built CLI, started as the console starts it,
 * and records the request in changes.jsonl itself; an edit made in $EDITOR
 * (a script here) is asked about and recorded by $USER, source console.
 */
const BIN = resolve('bin/nightshift.js');
const AGENT = 'nightly-summarizer'; // extractive: offline, well under a second

let root: string;
let home: Home;
let store: Store;
let quits = 0;

async function until<T>(what: string, probe: () => T | undefined | null | false, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const jsonl = (file: string): unknown[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as unknown)
    : [];
const changes = () => jsonl(home.paths.changesJournal).map((line) => changeRecordSchema.parse(line));
const runs = () => jsonl(home.paths.runsJournal).map((line) => runRecordSchema.parse(line));
const state = (): ConsoleState => store.getState();
const keys = (...names: string[]): void => store.dispatch({ type: 'keys', keys: names });

beforeAll(async () => {
  if (!existsSync(resolve('dist/cli/main.js')))
    throw new Error('dist/ is missing: `r` starts the built CLI; run `npm run build` (npm test does)');
  root = mkdtempSync(join(tmpdir(), 'ns-console-actions-'));
  await makeDemoHome(join(root, 'home'), new Date());
  home = await openHome(join(root, 'home'));
  // the "editor": doubles the agent's monthly budget, as a person would in vi
  const editor = join(root, 'edit.mjs');
  writeFileSync(
    editor,
    "import { readFileSync, writeFileSync } from 'node:fs';\nconst f = process.argv[2];\n" +
      "writeFileSync(f, readFileSync(f, 'utf8').replace('monthly_usd: 1\\n', 'monthly_usd: 2\\n'));\n",
  );
  const env = { ...process.env, USER: 'console-tester', VISUAL: '', EDITOR: `${process.execPath} ${editor}` };
  const runner = createEffectRunner({
    home,
    binPath: BIN,
    getState: () => store.getState(),
    now: () => new Date(),
    suspend: async (work) => work(),
    quit: () => void quits++,
    env,
  });
  store = createStore(
    initialState({ now: Date.now(), cols: 100, rows: 30, readonly: false, noColor: true, home: home.root, seed: 3 }),
    runner,
  );
  store.drain();
  await until('the fleet', () => state().snapshot);
  keys('/', ...AGENT, 'enter');
  expect(state().fleet.cursor).toBe(AGENT);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('r: run now, with a reason', () => {
  it('starts `nightshift run --trigger manual --reason=… --source console`', () => {
    expect(runArgs('/bin/ns.js', '/h', 'a', 'why')).toEqual([
      '/bin/ns.js',
      'run',
      'a',
      '--trigger',
      'manual',
      '--reason=why',
      '--source',
      'console',
      '--home',
      '/h',
    ]);
    expect(runArgs('/bin/ns.js', '/h', 'a', null)).toContain('--reason=');
  });

  it('the request lands in changes.jsonl (action run, by $USER, source console, the reason), then the run in runs.jsonl', async () => {
    const before = runs().length;
    keys('r', ...'--checking after the fix', 'enter');
    expect(state().starting).toHaveProperty(AGENT);
    const request = await until('the run change', () => changes().find((c) => c.action === 'run'));
    expect(request).toMatchObject({
      action: 'run',
      agent: AGENT,
      by: 'console-tester',
      source: 'console',
      reason: '--checking after the fix',
    });
    const run = await until('the run record', () =>
      runs()
        .slice(before)
        .find((r) => r.agent === AGENT),
    );
    expect(run.trigger).toBe('manual');
    expect(Date.parse(request.at)).toBeLessThanOrEqual(Date.parse(run.started_at));
  });

  it('enter alone: recorded without a reason (null)', async () => {
    const count = runs().length;
    await until('the first run to be seen as done', () => {
      store.dispatch({ type: 'refresh' });
      return state().snapshot?.agents.find((a) => a.name === AGENT)?.running === null;
    });
    keys('r', 'enter');
    const request = await until('a second run change', () => changes().filter((c) => c.action === 'run')[1]);
    expect(request).toMatchObject({ agent: AGENT, reason: null, source: 'console' });
    await until('the second run record', () => runs().length > count);
  });

  it('a run that refuses to start (nightshift.yaml broken since the console opened) says why, in red', async () => {
    await until('the second run to be seen as done', () => {
      store.dispatch({ type: 'refresh' });
      return state().snapshot?.agents.find((a) => a.name === AGENT)?.running === null;
    });
    const config = join(home.root, 'nightshift.yaml');
    const text = readFileSync(config, 'utf8');
    writeFileSync(config, `${text}timezon: UTC\n`);
    try {
      const count = runs().length;
      keys('r', 'enter');
      const shown = await until('the refusal', () =>
        state().flash?.text.startsWith(`could not start ${AGENT}:`) ? state().flash : null,
      );
      expect(shown.tone).toBe('error');
      expect(shown.text).toContain('nightshift.yaml');
      expect(shown.text).toContain('timezon');
      expect(state().starting).not.toHaveProperty(AGENT);
      expect(runs()).toHaveLength(count);
      // the header's mark follows the file: set at the next look at the fleet, gone once it is fixed
      store.dispatch({ type: 'refresh' });
      await until('the mark', () => state().configProblem?.includes('timezon'));
    } finally {
      writeFileSync(config, text);
    }
    store.dispatch({ type: 'refresh' });
    await until('the mark gone', () => state().configProblem === null);
  });
});

describe('e: an edit that changes the budget', () => {
  it('asks why when the editor returns, and records the change by $USER with the reason', async () => {
    const before = changes().length;
    keys('e');
    const overlay = await until(
      'the why prompt',
      () => (state().overlay?.kind === 'prompt' && state().overlay) || null,
    );
    expect(overlay).toMatchObject({
      title: expect.stringContaining(`agents/${AGENT}.md changed: budget.monthly_usd`),
      purpose: { kind: 'definition', agent: AGENT },
    });
    keys(...'more days logged', 'enter');
    const record = await until('the definition change', () =>
      changes()
        .slice(before)
        .find((c) => c.action === 'definition'),
    );
    expect(record).toMatchObject({
      agent: AGENT,
      by: 'console-tester',
      source: 'console',
      reason: 'more days logged',
      before: { budget: { monthly_usd: 1 } },
      after: { budget: { monthly_usd: 2 } },
    });
    await until('the message', () => /Recorded the change/.test(state().flash?.text ?? ''));
    expect(changes().slice(before)).toHaveLength(1);
  });

  it('an edit that changes nothing asks nothing and records nothing', async () => {
    const before = changes().length;
    keys('e'); // the script finds "monthly_usd: 1" no more: the file stays as it is
    await until('the message', () => /trigger, limits and budget are unchanged/.test(state().flash?.text ?? ''));
    expect(state().overlay).toBeNull();
    expect(changes()).toHaveLength(before);
  });

  it('q with the question open records the edit without a reason before quitting', async () => {
    writeFileSync(
      home.paths.agentFile(AGENT),
      readFileSync(home.paths.agentFile(AGENT), 'utf8').replace('monthly_usd: 2\n', 'monthly_usd: 1\n'),
    );
    const before = changes().length;
    keys('e');
    await until('the why prompt', () => state().overlay?.kind === 'prompt');
    keys('ctrl-c');
    await until('the quit', () => quits > 0);
    expect(changes().slice(before)).toMatchObject([
      { action: 'definition', reason: null, source: 'console', after: { budget: { monthly_usd: 2 } } },
    ]);
  });
});
